/**
 * DOS / IIS listings (and Windows `dir`):
 *   06-03-19  12:00PM       <DIR>          name
 *   2002-09-02  19:06                9,730 name
 *   06/03/2019  12:00 PM    <SYMLINKD>     link [C:\target]
 * Dates are US month-day-year unless the year comes first or the first number exceeds 12;
 * times are 12-hour with AM/PM or 24-hour.
 */

import { digitsValue, fullYear, utcMs, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';

/** date, time, optional AM/PM, `<DIR>`-like tag or size, name. No nested quantifiers: linear. */
const DOS_LINE = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{2,4})[ \t]+(\d{1,2}):(\d{2})(?::(\d{2}))?[ \t]*([AaPp][Mm])?[ \t]+(<[A-Z]+>|[\d,.]+)[ \t]+(.+)$/;

/** The DOS/IIS format for the dispatcher. */
export const dosParser: LineParser = {
  format: 'dos',
  testLine: (line) => DOS_LINE.test(line),
  parseLine: parseDosLine,
};

/** Parses one DOS/IIS line, or undefined when it is not one. */
export function parseDosLine(line: string, _context: ParseContext): LineResult {
  const match = DOS_LINE.exec(line);
  if (match === null) return undefined;
  const [, a = '', , b = '', c = '', hourText = '', minuteText = '', secondText, meridiem, column = '', name = ''] = match;
  const modified = dosDate(a, b, c, hourText, minuteText, secondText, meridiem);
  if (modified === undefined) return undefined;
  if (name === '.' || name === '..') return SKIP;
  const entry: RemoteEntry = { name, kind: 'file' };
  if (column.startsWith('<')) {
    entry.kind = column === '<DIR>' ? 'dir' : column.startsWith('<SYMLINK') || column === '<JUNCTION>' ? 'symlink' : 'other';
    if (entry.kind === 'symlink') splitTarget(entry);
  } else {
    const size = digitsValue(column.replace(/[,.]/g, ''));
    if (size < 0) return undefined;
    entry.size = size;
  }
  entry.modified = modified.ms;
  entry.modifiedPrecision = modified.seconds ? 'second' : 'minute';
  return entry;
}

/** The date and time columns as UTC ms (server-local time read as UTC). */
function dosDate(
  a: string, b: string, c: string, hourText: string, minuteText: string, secondText: string | undefined, meridiem: string | undefined,
): { ms: number; seconds: boolean } | undefined {
  const first = digitsValue(a);
  const second = digitsValue(b);
  let year: number;
  let month: number;
  let day: number;
  if (a.length === 4) {
    [year, month, day] = [first, second, digitsValue(c)];
  } else {
    if (a.length > 2) return undefined;
    year = fullYear(digitsValue(c), c.length);
    [month, day] = first > 12 ? [second, first] : [first, second];
  }
  let hour = digitsValue(hourText);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem[0] === 'P' || meridiem[0] === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const seconds = secondText === undefined ? 0 : digitsValue(secondText);
  const ms = utcMs(year, month, day, hour, digitsValue(minuteText), seconds);
  return ms === undefined ? undefined : { ms, seconds: secondText !== undefined };
}

/** Windows `dir` shows links as `name [target]`. */
function splitTarget(entry: RemoteEntry): void {
  const open = entry.name.lastIndexOf(' [');
  if (open <= 0 || !entry.name.endsWith(']')) return;
  entry.linkTarget = entry.name.slice(open + 2, -1);
  entry.name = entry.name.slice(0, open);
}
