/**
 * Where MLSD fact values end and what they mean (RFC 3659 §7): a value runs to the next `;` or
 * to the space before the name, so it may hold `=` (`type=OS.unix=slink:/x`) but never `;`.
 */

import { digitsValue, utcMsOrNaN } from './date-parts';
import type { RemoteEntryKind } from './entry';

/**
 * The end of the value starting at `from`: the first `;` after it, or the space before the
 * name when none comes first. indexOf is native; parseFacts's shortcuts avoid even that.
 */
export function valueEnd(text: string, from: number, space: number): number {
  const semicolon = text.indexOf(';', from);
  return semicolon < 0 || semicolon > space ? space : semicolon;
}

/** True when a value stops at `at`: a `;` there, or the space before the name. */
export function endsValue(text: string, at: number, space: number): boolean {
  return at === space || text.charCodeAt(at) === 0x3b;
}

/**
 * The end of the value at `start` when it is `previous`, the value its column had on the
 * previous line; else -1. That value came from an earlier fact, so it holds no `;` and no
 * space: the `;` (or space) right after it is where indexOf would have stopped.
 */
export function repeatedEnd(previous: string, text: string, start: number, space: number): number {
  const length = previous.length;
  const after = start + length;
  if (after > space || !endsValue(text, after, space)) return -1;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(start + i) !== previous.charCodeAt(i)) return -1;
  }
  return after;
}

/** True when `text` at `start` spells `lower` in any case (RFC 3659 fact names are case-insensitive). */
function equalsIgnoringCase(text: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    // OR-ing 0x20 lower-cases ASCII letters and leaves `.` as it is.
    if ((text.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** The entry kind for a type fact in `line[start, end)`; undefined for cdir/pdir. */
export function kindOf(line: string, start: number, end: number): RemoteEntryKind | undefined {
  const length = end - start;
  if (length === 4 && equalsIgnoringCase(line, start, 'file')) return 'file';
  if (length === 3 && equalsIgnoringCase(line, start, 'dir')) return 'dir';
  if (length === 4 && (equalsIgnoringCase(line, start, 'cdir') || equalsIgnoringCase(line, start, 'pdir'))) return undefined;
  if (length >= 13 && (equalsIgnoringCase(line, start, 'os.unix=slink') || equalsIgnoringCase(line, start, 'os.unix=symlink'))) return 'symlink';
  return 'other';
}

/**
 * The target of `OS.unix=slink:/x` in `line[start, end)`, if it names one. Searched within the
 * value only: a search of the whole text would cost the rest of it for each colon-less value.
 */
export function symlinkTarget(line: string, start: number, end: number): string | undefined {
  for (let colon = start; colon < end - 1; colon++) {
    if (line.charCodeAt(colon) === 0x3a) return line.slice(colon + 1, end);
  }
  return undefined;
}

/** `YYYYMMDDHHMMSS[.sss]` in UTC (RFC 3659 §2.3), read from `value[start, end)`, to ms; or undefined. */
export function parseFactTime(value: string, start = 0, end = value.length): number | undefined {
  const ms = factTimeOrNaN(value, start, end);
  return Number.isNaN(ms) ? undefined : ms;
}

/** parseFactTime with NaN for "not a time", so parseFacts keeps the time an unboxed number. */
export function factTimeOrNaN(value: string, start: number, end: number): number {
  const length = end - start;
  if (length < 14 || (length > 14 && value.charCodeAt(start + 14) !== 0x2e)) return Number.NaN;
  let ms = 0;
  if (length > 15) {
    // Milliseconds from the first three fraction digits; finer digits are dropped.
    if (digitsValue(value, start + 15, end) < 0 && length <= 30) return Number.NaN;
    const digits = Math.min(3, length - 15);
    ms = digitsValue(value, start + 15, start + 15 + digits) * 10 ** (3 - digits);
    if (ms < 0) return Number.NaN;
  }
  // Field by field in pairs of digits: integer arithmetic only, no divisions to split them.
  const century = twoDigits(value, start);
  const yearOfCentury = twoDigits(value, start + 2);
  const month = twoDigits(value, start + 4);
  const day = twoDigits(value, start + 6);
  const hour = twoDigits(value, start + 8);
  const minute = twoDigits(value, start + 10);
  const second = twoDigits(value, start + 12);
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0) return Number.NaN;
  return utcMsOrNaN(century * 100 + yearOfCentury, month, day, hour, minute, second, ms);
}

/** The two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 0x30;
  const ones = text.charCodeAt(at + 1) - 0x30;
  // Written so that NaN (past the end) fails too.
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}
