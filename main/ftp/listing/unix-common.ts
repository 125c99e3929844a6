/**
 * The fast path for the `ls -l` shape nearly every server sends (GNU, BSD, vsftpd, proftpd,
 * pure-ftpd):
 *   -rw-r--r--    1 ftp      ftp         10240 Nov 21 06:45 file-012345.txt
 *   drwxr-xr-x    2 ftp      ftp          4096 Jan  3  2019 folder
 * i.e. the regular expression
 *   ^[-dlps][-rwxsStT]{9}[+.@]?[ \t]+\d+[ \t]+\S+[ \t]+\S+[ \t]+\d+[ \t]+[A-Za-z]{3}[ \t]+\d{1,2}[ \t]+(?:\d{1,2}:\d\d|\d{4}) .+$
 * read by one char-code scan. A regex match would allocate an array and ten capture strings
 * per line; this keeps column positions in locals and slices only what the entry keeps, which
 * matters for the 100,000-entry target. Any line that does not fit returns undefined
 * and goes down unix.ts's general path, so the scan only has to be exact about what it accepts.
 */

import { digitsValue, recentDateTime, utcMs, type ParseContext } from './date-parts';
import type { RemoteEntry, RemoteEntryKind } from './entry';
import { SKIP, type LineResult } from './line-parser';
import { monthInRange } from './months';
import { RepeatedText } from './repeated-text';
import { modeFromPermissions, permissionsFromMode } from './unix-mode';

const owners = new RepeatedText();
const groups = new RepeatedText();

/** Parses the line `line[start, end)` if it has the common shape; undefined for any other shape. */
export function parseCommonUnixLine(line: string, start: number, end: number, context: ParseContext): LineResult {
  if (end - start < 11) return undefined;
  const type = line.charCodeAt(start);
  if (type !== 0x2d && type !== 0x64 && type !== 0x6c && type !== 0x70 && type !== 0x73) return undefined; // - d l p s
  for (let i = start + 1; i < start + 10; i++) {
    if (!isPermissionLetter(line.charCodeAt(i))) return undefined;
  }
  let at = start + 10;
  const mark = line.charCodeAt(at);
  if (mark === 0x2b || mark === 0x2e || mark === 0x40) at++; // + . @ (ACL, SELinux, xattr)

  // Each column must be non-empty and followed by at least one blank.
  const linksStart = blanksEnd(line, at, end);
  const linksEnd = digitsEnd(line, linksStart, end);
  const ownerStart = blanksEnd(line, linksEnd, end);
  if (linksStart === at || linksEnd === linksStart || ownerStart === linksEnd) return undefined;
  const ownerEnd = wordEnd(line, ownerStart, end);
  const groupStart = blanksEnd(line, ownerEnd, end);
  if (ownerEnd === ownerStart || groupStart === ownerEnd) return undefined;
  const groupEnd = wordEnd(line, groupStart, end);
  const sizeStart = blanksEnd(line, groupEnd, end);
  if (groupEnd === groupStart || sizeStart === groupEnd) return undefined;
  const sizeEnd = digitsEnd(line, sizeStart, end);
  const monthStart = blanksEnd(line, sizeEnd, end);
  if (sizeEnd === sizeStart || monthStart === sizeEnd) return undefined;
  const monthEnd = monthStart + 3;
  if (monthEnd > end || !isAsciiLetter(line.charCodeAt(monthStart)) || !isAsciiLetter(line.charCodeAt(monthStart + 1)) || !isAsciiLetter(line.charCodeAt(monthEnd - 1))) return undefined;
  const dayStart = blanksEnd(line, monthEnd, end);
  const dayEnd = digitsEnd(line, dayStart, end);
  const whenStart = blanksEnd(line, dayEnd, end);
  if (dayStart === monthEnd || dayEnd === dayStart || dayEnd - dayStart > 2 || whenStart === dayEnd) return undefined;

  // A time (`06:45`, `6:45`) or a year (`2019`), then exactly one space before the name.
  const whenDigits = digitsEnd(line, whenStart, end) - whenStart;
  const colon = whenStart + whenDigits;
  let nameStart: number;
  let hour = -1;
  let minute = -1;
  let year = -1;
  if (whenDigits >= 1 && whenDigits <= 2 && colon + 3 < end && line.charCodeAt(colon) === 0x3a && isDigit(line.charCodeAt(colon + 1)) && isDigit(line.charCodeAt(colon + 2))) {
    hour = digitsValue(line, whenStart, colon);
    minute = digitsValue(line, colon + 1, colon + 3);
    nameStart = colon + 3;
  } else if (whenDigits === 4) {
    year = digitsValue(line, whenStart, colon);
    nameStart = colon;
  } else {
    return undefined;
  }
  if (line.charCodeAt(nameStart) !== 0x20) return undefined;
  nameStart++;
  if (nameStart >= end || !withoutLineBreaks(line, nameStart, end)) return undefined;

  const month = monthInRange(line, monthStart, monthEnd);
  const day = digitsValue(line, dayStart, dayEnd);
  if (month === 0 || day < 1 || day > 31) return undefined;
  let modified: number | undefined;
  if (year < 0) modified = hour > 23 || minute > 59 ? undefined : recentDateTime(month, day, hour, minute, 0, context);
  else modified = utcMs(year, month, day);
  if (modified === undefined) return undefined;

  let name = line.slice(nameStart, end);
  if (name === '.' || name === '..') return SKIP;
  let linkTarget: string | undefined;
  const kind = kindOf(type);
  if (kind === 'symlink') {
    // `name -> target`: the first arrow splits, as `ls` never escapes it.
    const arrow = name.indexOf(' -> ');
    if (arrow > 0) {
      linkTarget = name.slice(arrow + 4);
      name = name.slice(0, arrow);
    }
  }
  const size = digitsValue(line, sizeStart, sizeEnd);
  const modifiedPrecision = year < 0 ? 'minute' : 'day';
  const owner = owners.slice(line, ownerStart, ownerEnd);
  const group = groups.slice(line, groupStart, groupEnd);
  const mode = modeFromPermissions(line, start + 1);
  // One object literal per shape: entries built whole share a hidden class and keep every
  // field in the object, where adding fields one by one would grow a separate property store.
  let entry: RemoteEntry;
  if (mode === undefined) {
    entry = { name, kind, size, modified, modifiedPrecision, permissions: line.slice(start + 1, start + 10), owner, group };
  } else {
    // The shared string for the mode when the letters are the usual ones (unix.ts setPermissions).
    const usual = permissionsFromMode(mode);
    const permissions = line.startsWith(usual, start + 1) ? usual : line.slice(start + 1, start + 10);
    entry = { name, kind, size, modified, modifiedPrecision, mode, permissions, owner, group };
  }
  if (linkTarget !== undefined) entry.linkTarget = linkTarget;
  return entry;
}

/** Index after the run of spaces and tabs at `i` (i itself when there is none), at most `end`. */
function blanksEnd(line: string, i: number, end: number): number {
  while (i < end) {
    const code = line.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) break;
    i++;
  }
  return i;
}

/** Index after the run of ASCII digits at `i`, at most `end`. */
function digitsEnd(line: string, i: number, end: number): number {
  while (i < end && isDigit(line.charCodeAt(i))) i++;
  return i;
}

/**
 * Index after the owner or group word at `i` (the regex's `\S+`). A word must end at a space
 * or tab; at any other white space the caller's blank check fails, making the line uncommon.
 */
function wordEnd(line: string, i: number, end: number): number {
  while (i < end && !isWhiteSpace(line.charCodeAt(i))) i++;
  return i;
}

/** True when `line[start, end)` holds no `\r`, `\n`, U+2028 or U+2029 (what `.` refuses). */
function withoutLineBreaks(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x0d || code === 0x0a || code === 0x2028 || code === 0x2029) return false;
  }
  return true;
}

/** The entry kind for the `ls` file type letter. */
export function kindOf(type: number): RemoteEntryKind {
  if (type === 0x64) return 'dir'; // d
  if (type === 0x2d) return 'file'; // -
  if (type === 0x6c) return 'symlink'; // l
  return 'other';
}

/** `[-rwxsStT]` */
function isPermissionLetter(code: number): boolean {
  return code === 0x2d || code === 0x72 || code === 0x77 || code === 0x78 || code === 0x73 || code === 0x53 || code === 0x74 || code === 0x54;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** What the regex `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isWhiteSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
