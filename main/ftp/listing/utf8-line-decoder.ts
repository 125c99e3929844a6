/**
 * UTF-8 listing bytes to text, cut only after a line feed. 0x0A is never part of a multi-byte
 * character, so the text up to a line feed is complete, and every cut leaves the decoder where
 * it started. That lets each socket chunk go through V8's one-shot decoder (Buffer toString),
 * which is several times faster than a streaming TextDecoder (ICU, two-byte strings out) and
 * gives the same text: U+FFFD for malformed bytes (the WHATWG rules), a leading BOM dropped.
 */

const LF = 0x0a;
const BOM = 0xfeff;

export class Utf8LineDecoder {
  /** Bytes after the last line feed so far: the start of a line still arriving. */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  /** False until the first text is given out; only the very start of a listing may hold a BOM. */
  private started = false;

  /**
   * Hands `take` the text of every line that `bytes` completes (at most two calls: the line
   * begun in earlier chunks, then the chunk's own lines), and holds the bytes after the last
   * line feed for the next chunk. Copies what it holds, so the caller may reuse `bytes`.
   */
  push(bytes: Uint8Array, take: (text: string) => void): void {
    const last = bytes.lastIndexOf(LF);
    if (last < 0) {
      this.hold(bytes);
      return;
    }
    const buffer = asBuffer(bytes);
    let from = 0;
    if (this.heldBytes > 0) {
      // Finish the held line with this chunk's first line: a small copy, not the whole chunk.
      const first = buffer.indexOf(LF);
      this.held.push(buffer.subarray(0, first + 1));
      take(this.text(Buffer.concat(this.held, this.heldBytes + first + 1).toString('utf8')));
      this.held = [];
      this.heldBytes = 0;
      from = first + 1;
    }
    if (from <= last) take(this.text(buffer.toString('utf8', from, last + 1)));
    if (last + 1 < buffer.length) this.hold(buffer.subarray(last + 1));
  }

  /** The held bytes as text (an unfinished character becomes U+FFFD); nothing is held after. */
  flush(): string {
    if (this.heldBytes === 0) return '';
    const text = this.text(Buffer.concat(this.held, this.heldBytes).toString('utf8'));
    this.held = [];
    this.heldBytes = 0;
    return text;
  }

  private hold(bytes: Uint8Array): void {
    this.held.push(new Uint8Array(bytes)); // a copy
    this.heldBytes += bytes.length;
  }

  /** Drops the BOM a listing may start with, as TextDecoder does. */
  private text(decoded: string): string {
    if (this.started || decoded.length === 0) return decoded;
    this.started = true;
    return decoded.charCodeAt(0) === BOM ? decoded.slice(1) : decoded;
  }
}

/** A Buffer over the same memory (no copy), for its fast toString and indexOf. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
