/** `text` as regexp source that matches exactly it (for the patterns listings learn). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
