/**
 * Splits a listing line into space-separated tokens as index spans, not strings: a
 * 100,000-line listing would otherwise allocate a million short-lived token strings, and the
 * name is taken as the exact rest of the line (inner, leading and trailing spaces kept).
 */

/** Token spans of one line: token k is `line.slice(start[k], end[k])`. */
export interface TokenSpans {
  count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

const MAX_TOKENS = 40;

// One scratch buffer: parsing is synchronous, and each parser reads its spans before the next scan.
const scratch: TokenSpans = { count: 0, start: new Int32Array(MAX_TOKENS), end: new Int32Array(MAX_TOKENS) };

/** Spans of the first `max` (at most 40) tokens of `line`; valid until the next call. */
export function scanTokens(line: string, max: number): TokenSpans {
  const limit = Math.min(max, MAX_TOKENS);
  const length = line.length;
  let count = 0;
  let i = 0;
  while (count < limit) {
    let code = line.charCodeAt(i);
    while (code === 0x20 || code === 0x09) code = line.charCodeAt(++i);
    if (i >= length) break;
    scratch.start[count] = i;
    while (i < length && code !== 0x20 && code !== 0x09) code = line.charCodeAt(++i);
    scratch.end[count++] = i;
  }
  scratch.count = count;
  return scratch;
}

/** The first `max` tokens of `line` as strings, for formats where speed does not matter. */
export function splitTokens(line: string, max: number): string[] {
  const spans = scanTokens(line, max);
  const tokens: string[] = [];
  for (let k = 0; k < spans.count; k++) tokens.push(line.slice(spans.start[k], spans.end[k]));
  return tokens;
}

/** The rest of `line` after index `end`, skipping one separator (or all of them, when `loose`). */
export function restAfter(line: string, end: number, loose: boolean): string {
  let start = end + 1;
  if (loose) {
    while (start < line.length && (line.charCodeAt(start) === 0x20 || line.charCodeAt(start) === 0x09)) start++;
  }
  return line.slice(start);
}
