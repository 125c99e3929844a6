/**
 * The date columns of `ls -l` style listings, in the shapes servers really send:
 * `Jun  3 12:00`, `Jun  3  2019`, `3 juin 2019`, `26. Juli, 20:10`, `6月 3 12:00`,
 * `2003年 3月 20日`, `Oct 08, 2002 09:47`, `3 29 03:26`, `2019-06-03 12:00`,
 * `2019-06-03 12:00:00.000 +0200`, `09-26 13:45`, `24-04-2003 17:12`, `1999/10/12`,
 * `2004.07.15`, `01-jun-99`. Tokens are read in place (see tokens.ts) to keep big listings fast.
 */

import type { TimePrecision } from './entry';
import { monthInRange } from './months';
import { digitsValue, fullYear, parseClock, recentDate, utcMs, type Clock, type ParseContext } from './date-parts';
import type { TokenSpans } from './tokens';

/** A date found at a token: its value, how exact it is, and where it stops. */
export interface DateMatch {
  readonly ms: number;
  readonly precision: TimePrecision;
  /** Index of the last token of the date. */
  readonly last: number;
  /**
   * True for the shapes `ls` pads to fixed width (month names, ISO): exactly one space then
   * separates the date from the name, so leading spaces belong to the name. False for the odd
   * shapes some servers pad with several spaces.
   */
  readonly exactGap: boolean;
}

/** The line and its token spans, read together. */
interface Columns {
  readonly line: string;
  readonly spans: TokenSpans;
}

/** Reads a date starting at token `i`, or undefined when none starts there. */
export function dateAt(line: string, spans: TokenSpans, i: number, context: ParseContext): DateMatch | undefined {
  if (i + 1 >= spans.count) return undefined;
  const at: Columns = { line, spans };
  const month = monthAt(at, i);
  if (month !== 0) {
    const day = leadingNumber(at, i + 1);
    if (day < 1 || day > 31 || width(at, i + 1) > 3) return undefined;
    return tail(at, month, day, i + 2, context, true);
  }
  const first = leadingNumber(at, i);
  if (first >= 1 && first <= 31 && width(at, i) <= 3) {
    const swapped = monthAt(at, i + 1);
    if (swapped !== 0) return tail(at, swapped, first, i + 2, context, true);
    if (first <= 12 && width(at, i) <= 2) return numericMonthDay(at, first, i + 1, context);
    return undefined;
  }
  if (isYear(at, i)) return yearFirst(at, i, context);
  return numericDate(at, i, context);
}

/** After month and day: a time (year guessed), a year, or a year then a time (VShell). */
function tail(at: Columns, month: number, day: number, next: number, context: ParseContext, exactGap: boolean): DateMatch | undefined {
  if (next >= at.spans.count) return undefined;
  const clock = clockAt(at, next);
  if (clock !== undefined) {
    const ms = recentDate(month, day, clock, context);
    return ms === undefined ? undefined : { ms: ms + clock.millisecond, precision: clock.precision, last: next, exactGap };
  }
  if (!isYear(at, next)) return undefined;
  const year = leadingNumber(at, next);
  // A size like 4096 after a numeric owner and a group named `mar` must not read as a year.
  if (year > 2100) return undefined;
  // Only `Oct 08, 2002 09:47` puts a time after the year; a plain `2019 12:00` may start a name.
  if (at.line.charCodeAt((at.spans.end[next - 1] ?? 0) - 1) === 0x2c) {
    const laterClock = clockAt(at, next + 1);
    if (laterClock !== undefined) return withClock(at, year, month, day, laterClock, next + 1, exactGap);
  }
  const ms = utcMs(year, month, day);
  return ms === undefined ? undefined : { ms, precision: 'day', last: next, exactGap };
}

/** `3 29 03:26`: numeric month and day; only trusted when a time follows. */
function numericMonthDay(at: Columns, month: number, dayIndex: number, context: ParseContext): DateMatch | undefined {
  const day = digitsValue(at.line, at.spans.start[dayIndex], at.spans.end[dayIndex]);
  if (day < 1 || day > 31 || clockAt(at, dayIndex + 1) === undefined) return undefined;
  return tail(at, month, day, dayIndex + 1, context, false);
}

/** `2003年 3月 20日` / `2005년 1월 6일` / `2003 3月 20`: year, month, day, maybe a time. */
function yearFirst(at: Columns, i: number, context: ParseContext): DateMatch | undefined {
  const month = i + 2 < at.spans.count ? monthAt(at, i + 1) : 0;
  if (month === 0) return numericDate(at, i, context);
  const day = leadingNumber(at, i + 2);
  if (day < 1 || day > 31) return undefined;
  return optionalClock(at, leadingNumber(at, i), month, day, i + 2, false);
}

/** Dates written as one token of numbers (and maybe a month name), then maybe a time or year. */
function numericDate(at: Columns, i: number, context: ParseContext): DateMatch | undefined {
  const start = at.spans.start[i] ?? 0;
  const length = (at.spans.end[i] ?? 0) - start;
  if (length < 5) return undefined;
  // Cheap test before slicing: the separator sits after two or four digits.
  const separator = separatorAt(at.line, start + 2) || separatorAt(at.line, start + 4);
  if (separator === '') return undefined;
  const parts = at.line.slice(start, start + length).split(separator);
  if (parts.length === 2) return monthDay(at, parts, i, context);
  if (parts.length !== 3) return undefined;
  const [a = '', b = '', c = ''] = parts;
  if (a.length === 4) return optionalClock(at, digitsValue(a), digitsValue(b), digitsValue(c), i, separator === '-');
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return undefined;
  const year = fullYear(digitsValue(c), c.length);
  const named = monthInRange(b, 0, b.length);
  if (named !== 0) return optionalClock(at, year, named, digitsValue(a), i, false);
  // Two-digit years with numeric months are too ambiguous for an `ls` column.
  if (c.length !== 4) return undefined;
  const first = digitsValue(a);
  const second = digitsValue(b);
  // `/` is the US order (MM/DD/YYYY); `-` and `.` the European one, unless the numbers rule it out.
  const dayFirst = separator === '/' ? first > 12 : second <= 12;
  return optionalClock(at, year, dayFirst ? second : first, dayFirst ? first : second, i, false);
}

function separatorAt(line: string, index: number): '' | '-' | '/' | '.' {
  const code = line.charCodeAt(index);
  return code === 0x2d ? '-' : code === 0x2f ? '/' : code === 0x2e ? '.' : '';
}

/** `09-26 13:45` or `09-26 2000`: month and day, then a time or a year. */
function monthDay(at: Columns, parts: readonly string[], i: number, context: ParseContext): DateMatch | undefined {
  const month = digitsValue(parts[0] ?? '');
  const day = digitsValue(parts[1] ?? '');
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return tail(at, month, day, i + 1, context, false);
}

/** A complete date ending at token `last`, with the time from the next token when there is one. */
function optionalClock(at: Columns, year: number, month: number, day: number, last: number, exactGap: boolean): DateMatch | undefined {
  if (year < 0 || month < 0 || day < 0) return undefined;
  const clock = clockAt(at, last + 1);
  if (clock !== undefined) return withClock(at, year, month, day, clock, last + 1, exactGap);
  const ms = utcMs(year, month, day);
  return ms === undefined ? undefined : { ms, precision: 'day', last, exactGap };
}

/** Date plus time; a following `+0200` (GNU `--full-time`) turns local time into true UTC. */
function withClock(at: Columns, year: number, month: number, day: number, clock: Clock, last: number, exactGap: boolean): DateMatch | undefined {
  const ms = utcMs(year, month, day, clock.hour, clock.minute, clock.second, clock.millisecond);
  if (ms === undefined) return undefined;
  const offset = clock.precision === 'second' ? zoneOffsetMs(at, last + 1) : undefined;
  if (offset !== undefined) return { ms: ms - offset, precision: clock.precision, last: last + 1, exactGap };
  return { ms, precision: clock.precision, last, exactGap };
}

/** `+0200` / `-0530` as ms east of UTC, or undefined. */
function zoneOffsetMs(at: Columns, i: number): number | undefined {
  if (i >= at.spans.count || width(at, i) !== 5) return undefined;
  const start = at.spans.start[i] ?? 0;
  const signCode = at.line.charCodeAt(start);
  const sign = signCode === 0x2b ? 1 : signCode === 0x2d ? -1 : 0;
  const hours = digitsValue(at.line, start + 1, start + 3);
  const minutes = digitsValue(at.line, start + 3, start + 5);
  if (sign === 0 || hours < 0 || hours > 14 || minutes < 0 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes) * 60_000;
}

function monthAt(at: Columns, i: number): number {
  return monthInRange(at.line, at.spans.start[i] ?? 0, at.spans.end[i] ?? 0);
}

function clockAt(at: Columns, i: number): Clock | undefined {
  return i < at.spans.count ? parseClock(at.line, at.spans.start[i], at.spans.end[i]) : undefined;
}

function width(at: Columns, i: number): number {
  return (at.spans.end[i] ?? 0) - (at.spans.start[i] ?? 0);
}

/** True for `2019`, `2019,`, `2003年`, `2005년`. */
function isYear(at: Columns, i: number): boolean {
  const year = leadingNumber(at, i);
  const length = width(at, i);
  return year >= 1900 && year <= 9999 && (length === 4 || length === 5);
}

/** The number token `i` starts with when at most one non-digit (`,`, `.`, 日, 일, 年, 년) follows it, else -1. */
function leadingNumber(at: Columns, i: number): number {
  const start = at.spans.start[i] ?? 0;
  let end = at.spans.end[i] ?? 0;
  const last = at.line.charCodeAt(end - 1);
  if (last < 0x30 || last > 0x39) end--;
  return digitsValue(at.line, start, end);
}
