/**
 * Owner, group and MLSD perm columns repeat on nearly every line of a listing (`ftp`,
 * `adfrw`). Slicing them anew gives each of 100,000 entries its own copy; handing back the
 * previous line's string when the characters are the same saves the allocation, the GC work
 * of copying it, and megabytes of heap for the listing's lifetime.
 */
export class RepeatedText {
  private last = '';

  /** `text.slice(start, end)`, or the identical string this column gave last time. */
  slice(text: string, start: number, end: number): string {
    const last = this.last;
    const length = end - start;
    if (length === last.length && length <= 32) {
      let i = 0;
      while (i < length && text.charCodeAt(start + i) === last.charCodeAt(i)) i++;
      if (i === length) return last;
    }
    const value = text.slice(start, end);
    this.last = value;
    return value;
  }

  /** The string this column gave last time ('' at first). */
  get previous(): string {
    return this.last;
  }
}
