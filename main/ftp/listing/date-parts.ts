/**
 * Small, allocation-free pieces for reading listing dates. Every parser turns dates into
 * UTC milliseconds with Date.UTC instead of building Date objects, because a 100,000-entry
 * listing would otherwise churn 100,000 of them.
 */

import type { TimePrecision } from './entry';

/** What every line parser gets besides the line: the clock used to guess missing years. */
export interface ParseContext {
  /** "Now" in ms since the epoch; LIST dates without a year are placed in the 12 months before it. */
  readonly now: number;
  /** The UTC year of `now`, computed once per listing. */
  readonly nowYear: number;
}

/** A time of day read from `12:00`, `08:16:15` or `10:30:13.64`. */
export interface Clock {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  precision: TimePrecision;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

/** Builds a context for `now` (default: the current time). */
export function createParseContext(now: number = Date.now()): ParseContext {
  return { now, nowYear: new Date(now).getUTCFullYear() };
}

/** UTC ms for a calendar date and time, or undefined when any part is out of range (no rollover). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | undefined {
  const value = utcMsOrNaN(year, month, day, hour, minute, second, ms);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * utcMs with NaN for "out of range", for the per-entry hot paths: always a number, so an
 * optimised caller keeps it unboxed instead of allocating a heap number per entry.
 */
export function utcMsOrNaN(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return NaN;
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0) + (leap ? 1 : 0)) return NaN;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear would need a Date, and no listing dates that early.
  if (year < 1000 || year > 9999) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Four-digit years, i.e. every real listing date: plain arithmetic, several times faster than Date.UTC.
  return (monthStartDays(year, month) + day - 1) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Months of 1900–2155 whose first day is cached: listings date nearly everything in a few of them. */
const CACHED_FROM_YEAR = 1900;
const CACHED_MONTHS = 256 * 12;
const firstDays = new Float64Array(CACHED_MONTHS).fill(Number.NaN);

/** Days from 1970-01-01 to the first of `month` in `year` (a four-digit year). */
function monthStartDays(year: number, month: number): number {
  const index = (year - CACHED_FROM_YEAR) * 12 + month - 1;
  if (index < 0 || index >= CACHED_MONTHS) return daysFromCivil(year, month, 1);
  let days = firstDays[index] ?? Number.NaN;
  if (Number.isNaN(days)) {
    days = daysFromCivil(year, month, 1);
    firstDays[index] = days;
  }
  return days;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, for a valid date (H. Hinnant's
 * days_from_civil). Agrees with Date.UTC for every year it is used for (1000–9999).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The value of a token made only of ASCII digits (at most 15), or -1. */
export function digitsValue(text: string, start = 0, end = text.length): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Reads `HH:MM`, `HH:MM:SS` or `HH:MM:SS.ff` filling all of `text[start, end)`, or undefined. */
export function parseClock(text: string, start = 0, end = text.length): Clock | undefined {
  const length = end - start;
  if (length < 4) return undefined;
  const colon = text.charCodeAt(start + 1) === 0x3a ? 1 : text.charCodeAt(start + 2) === 0x3a ? 2 : 0;
  if (colon === 0) return undefined;
  const hour = digitsValue(text, start, start + colon);
  const minute = digitsValue(text, start + colon + 1, start + colon + 3);
  if (hour < 0 || minute < 0 || hour > 23 || minute > 59) return undefined;
  if (length === colon + 3) return { hour, minute, second: 0, millisecond: 0, precision: 'minute' };
  if (length < colon + 6 || text.charCodeAt(start + colon + 3) !== 0x3a) return undefined;
  const second = digitsValue(text, start + colon + 4, start + colon + 6);
  if (second < 0 || second > 60) return undefined;
  let millisecond = 0;
  if (length > colon + 6) {
    const fraction = start + colon + 7;
    if (text.charCodeAt(start + colon + 6) !== 0x2e || digitsValue(text, fraction, end) < 0) return undefined;
    const digits = Math.min(3, end - fraction);
    millisecond = digitsValue(text, fraction, fraction + digits) * 10 ** (3 - digits);
  }
  return { hour, minute, second, millisecond, precision: 'second' };
}

/** Expands two- and three-digit years the way old servers mean them (`99` → 1999, `103` → 2003). */
export function fullYear(year: number, digits: number): number {
  if (digits === 2) return year < 70 ? 2000 + year : 1900 + year;
  if (digits === 3) return 1900 + year;
  return year;
}

/**
 * UTC ms for a date that `ls` printed without a year: it is the most recent such date that
 * is not in the future. A day of slack covers the server's clock running in another zone.
 */
export function recentDate(month: number, day: number, clock: Clock | undefined, context: ParseContext): number | undefined {
  return recentDateTime(month, day, clock?.hour ?? 0, clock?.minute ?? 0, clock?.second ?? 0, context);
}

/** recentDate with the time of day as numbers, so the `ls -l` fast path allocates no Clock. */
export function recentDateTime(month: number, day: number, hour: number, minute: number, second: number, context: ParseContext): number | undefined {
  const ms = recentDateTimeOrNaN(month, day, hour, minute, second, context);
  return Number.isNaN(ms) ? undefined : ms;
}

/** recentDateTime with NaN for "no such date" (see utcMsOrNaN). */
export function recentDateTimeOrNaN(month: number, day: number, hour: number, minute: number, second: number, context: ParseContext): number {
  const thisYear = utcMsOrNaN(context.nowYear, month, day, hour, minute, second, 0);
  if (thisYear <= context.now + DAY_MS) return thisYear; // false for NaN too
  // Feb 29 of a non-leap year, or a future date: it belongs to an earlier year.
  for (let year = context.nowYear - 1; year >= context.nowYear - 8; year--) {
    const earlier = utcMsOrNaN(year, month, day, hour, minute, second, 0);
    if (!Number.isNaN(earlier)) return earlier;
  }
  return Number.NaN;
}
