/**
 * The fast path for the `ls -l` shape nearly every server sends (GNU, BSD, vsftpd, proftpd,
 * pure-ftpd):
 *   -rw-r--r--    1 ftp      ftp         10240 Nov 21 06:45 file-012345.txt
 *   drwxr-xr-x    2 ftp      ftp          4096 Jan  3  2019 folder
 * i.e. the regular expression
 *   ^[-dlps][-rwxsStT]{9}[+.@]?[ \t]+\d+[ \t]+\S+[ \t]+\S+[ \t]+\d+[ \t]+[A-Za-z]{3}[ \t]+\d{1,2}[ \t]+(?:\d{1,2}:\d\d|\d{4}) .+$
 * read by one char-code scan (the columns up to the group often by one comparison with a recent
 * line's, see Prefix). A regex match would allocate an array and ten capture strings
 * per line; this keeps column positions in locals and slices only what the entry keeps, which
 * matters for the 100,000-entry target. Any line that does not fit returns undefined
 * and goes down unix.ts's general path, so the scan only has to be exact about what it accepts.
 */

import { digitsValue, recentDateTimeOrNaN, utcMsOrNaN, type ParseContext } from './date-parts';
import type { RemoteEntryKind } from './entry';
import { SKIP, type LineResult } from './line-parser';
import { escapeRegExp } from './escape-regexp';
import { shortMonthAt } from './months';
import { RepeatedText } from './repeated-text';
import { modeFromPermissions, permissionsFromMode } from './unix-mode';

const owners = new RepeatedText();
const groups = new RepeatedText();

/** The columns before the size — type, permissions, links, owner, group — as a line gave them. */
interface Prefix {
  /** The line from its start to the end of the group column. */
  readonly text: string;
  readonly kind: RemoteEntryKind;
  readonly mode: number | undefined;
  readonly permissions: string;
  readonly owner: string;
  readonly group: string;
  /** Lines that started with it since it was read, until it has a pattern. */
  matched: number;
  /** A sticky regexp of `text`, once it has matched COMPILE_AFTER lines (see startsWithPrefix). */
  pattern: RegExp | undefined;
}

/**
 * Prefixes of recent lines, the most used first. `ls` pads its columns, so the lines of a
 * listing repeat these columns character for character (same permissions, link count, owner and
 * group); a line that starts with a recent prefix takes its columns as read, with one native
 * comparison instead of scanning and checking some thirty characters.
 */
const MAX_PREFIXES = 3;
const prefixes: Prefix[] = [];

/** Parses the line `line[start, end)` if it has the common shape; undefined for any other shape. */
export function parseCommonUnixLine(line: string, start: number, end: number, context: ParseContext): LineResult {
  let prefix = knownPrefix(line, start, end);
  const known = prefix !== undefined;
  prefix ??= readPrefix(line, start, end);
  if (prefix === undefined) return undefined;
  const groupEnd = start + prefix.text.length;
  let i = groupEnd;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const sizeStart = i; // past at least one blank: readPrefix and knownPrefix see to it
  while (i < end && isDigit(line.charCodeAt(i))) i++;
  const sizeEnd = i;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const monthStart = i;
  if (sizeEnd === sizeStart || monthStart === sizeEnd) return undefined;
  const monthEnd = monthStart + 3;
  if (monthEnd > end || !isAsciiLetter(line.charCodeAt(monthStart)) || !isAsciiLetter(line.charCodeAt(monthStart + 1)) || !isAsciiLetter(line.charCodeAt(monthEnd - 1))) return undefined;
  i = monthEnd;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const dayStart = i;
  let day = 0;
  while (i < end && isDigit(line.charCodeAt(i))) day = day * 10 + line.charCodeAt(i++) - 0x30;
  const dayEnd = i;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const whenStart = i;
  if (dayStart === monthEnd || dayEnd === dayStart || dayEnd - dayStart > 2 || whenStart === dayEnd) return undefined;

  // A time (`06:45`, `6:45`) or a year (`2019`), then exactly one space before the name.
  let when = 0;
  while (i < end && isDigit(line.charCodeAt(i))) when = when * 10 + line.charCodeAt(i++) - 0x30;
  const whenDigits = i - whenStart;
  const colon = i;
  let nameStart: number;
  let hour = -1;
  let minute = -1;
  let year = -1;
  if (whenDigits >= 1 && whenDigits <= 2 && colon + 3 < end && line.charCodeAt(colon) === 0x3a && isDigit(line.charCodeAt(colon + 1)) && isDigit(line.charCodeAt(colon + 2))) {
    hour = when;
    minute = (line.charCodeAt(colon + 1) - 0x30) * 10 + line.charCodeAt(colon + 2) - 0x30;
    nameStart = colon + 3;
  } else if (whenDigits === 4) {
    year = when;
    nameStart = colon;
  } else {
    return undefined;
  }
  if (line.charCodeAt(nameStart) !== 0x20) return undefined;
  nameStart++;
  if (nameStart >= end) return undefined;

  // Three ASCII letters (checked above): monthInRange's table lookup without the call.
  const month = shortMonthAt(line, monthStart);
  if (month === 0 || day < 1 || day > 31) return undefined;
  // NaN, not undefined, for "no such date": the time stays an unboxed number (date-parts.ts).
  let modified: number;
  if (year < 0) modified = hour > 23 || minute > 59 ? Number.NaN : recentDateTimeOrNaN(month, day, hour, minute, 0, context);
  else modified = utcMsOrNaN(year, month, day, 0, 0, 0, 0);
  if (Number.isNaN(modified)) return undefined;

  let name = line.slice(nameStart, end);
  // What the regex `.` refuses; the regexp engine scans for it natively, faster than a loop here.
  if (LINE_BREAK.test(name)) return undefined;
  if (!known) remember(prefix);
  if (name === '.' || name === '..') return SKIP;
  const { kind, mode, permissions, owner, group } = prefix;
  const size = digitsValue(line, sizeStart, sizeEnd);
  if (size < 0) return undefined; // over 15 digits: not a size the general parser would take either
  const modifiedPrecision = year < 0 ? 'minute' : 'day';
  if (kind === 'symlink') {
    // `name -> target`: the first arrow splits, as `ls` never escapes it.
    const arrow = name.indexOf(' -> ');
    if (arrow > 0) {
      const linkTarget = name.slice(arrow + 4);
      name = name.slice(0, arrow);
      return mode === undefined
        ? { name, kind, size, modified, modifiedPrecision, permissions, owner, group, linkTarget }
        : { name, kind, size, modified, modifiedPrecision, mode, permissions, owner, group, linkTarget };
    }
  }
  // One object literal per shape: entries built whole share a hidden class and keep every
  // field in the object, where adding fields one by one would grow a separate property store.
  return mode === undefined
    ? { name, kind, size, modified, modifiedPrecision, permissions, owner, group }
    : { name, kind, size, modified, modifiedPrecision, mode, permissions, owner, group };
}

/** The recent prefix `line` starts with at `start`, ended by a blank; undefined when none. */
function knownPrefix(line: string, start: number, end: number): Prefix | undefined {
  for (let k = 0; k < prefixes.length; k++) {
    const prefix = prefixes[k] as Prefix;
    const after = start + prefix.text.length;
    // The blank after it ends the group column where it ended on the line the prefix came from.
    if (after < end && isBlank(line.charCodeAt(after)) && startsWithPrefix(line, start, prefix)) {
      if (k > 0) {
        // One step forward: two array stores instead of moving the whole list.
        prefixes[k] = prefixes[k - 1] as Prefix;
        prefixes[k - 1] = prefix;
      }
      return prefix;
    }
  }
  return undefined;
}

/**
 * A prefix that keeps matching is compared by a sticky regexp of its text: the regexp engine
 * compares its ~30 characters several at a time in native code, 4–5× faster than startsWith on
 * this machine. Compiling costs more than a few comparisons save, so a prefix earns its pattern
 * by matching COMPILE_AFTER lines; patterns are kept by text, so a prefix read again (after
 * another crowded it out) finds its pattern compiled. Longer prefixes, which only a hostile
 * server sends, are never compiled.
 */
const COMPILE_AFTER = 16;
const MAX_PATTERN_CHARS = 256;
const MAX_PATTERNS = 64;
const patterns = new Map<string, RegExp>();

/** True when `line` continues at `start` with the prefix's text. */
function startsWithPrefix(line: string, start: number, prefix: Prefix): boolean {
  const pattern = prefix.pattern;
  if (pattern !== undefined) {
    pattern.lastIndex = start;
    return pattern.test(line);
  }
  if (!line.startsWith(prefix.text, start)) return false;
  prefix.matched++;
  if (prefix.matched >= COMPILE_AFTER && prefix.text.length <= MAX_PATTERN_CHARS) prefix.pattern = patternOf(prefix.text);
  return true;
}

/** The sticky regexp matching exactly `text`, compiled once per text. */
function patternOf(text: string): RegExp {
  let pattern = patterns.get(text);
  if (pattern === undefined) {
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    pattern = new RegExp(escapeRegExp(text), 'y');
    patterns.set(text, pattern);
  }
  return pattern;
}

/** Makes `prefix` the first one tried, once a line with it was read whole. */
function remember(prefix: Prefix): void {
  prefixes.unshift(prefix);
  if (prefixes.length > MAX_PREFIXES) prefixes.pop();
}

/** Reads and checks the columns up to the group's end, or undefined when they are not the common shape. */
function readPrefix(line: string, start: number, end: number): Prefix | undefined {
  if (end - start < 11) return undefined;
  const type = line.charCodeAt(start);
  if (type !== 0x2d && type !== 0x64 && type !== 0x6c && type !== 0x70 && type !== 0x73) return undefined; // - d l p s
  // The usual letters (`rwxr-x---`) are read once into the mode bits; anything else, setuid and
  // sticky included, is checked and read by the general permission code.
  let mode: number | undefined = usualMode(line, start + 1);
  let permissions: string;
  if (mode >= 0) {
    permissions = permissionsFromMode(mode);
  } else {
    for (let i = start + 1; i < start + 10; i++) {
      if (!isPermissionLetter(line.charCodeAt(i))) return undefined;
    }
    mode = modeFromPermissions(line, start + 1);
    // The shared string for the mode when the letters are the usual ones (unix.ts setPermissions).
    const usual = mode === undefined ? undefined : permissionsFromMode(mode);
    permissions = usual !== undefined && line.startsWith(usual, start + 1) ? usual : line.slice(start + 1, start + 10);
  }
  let at = start + 10;
  const mark = line.charCodeAt(at);
  if (mark === 0x2b || mark === 0x2e || mark === 0x40) at++; // + . @ (ACL, SELinux, xattr)

  // Each column must be non-empty and followed by at least one blank.
  let i = at;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const linksStart = i;
  while (i < end && isDigit(line.charCodeAt(i))) i++;
  const linksEnd = i;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const ownerStart = i;
  if (linksStart === at || linksEnd === linksStart || ownerStart === linksEnd) return undefined;
  const ownerEnd = wordEnd(line, ownerStart, end);
  i = ownerEnd;
  while (i < end && isBlank(line.charCodeAt(i))) i++;
  const groupStart = i;
  if (ownerEnd === ownerStart || groupStart === ownerEnd) return undefined;
  const groupEnd = wordEnd(line, groupStart, end);
  if (groupEnd === groupStart || groupEnd >= end || !isBlank(line.charCodeAt(groupEnd))) return undefined;
  return {
    text: line.slice(start, groupEnd),
    kind: kindOf(type),
    mode,
    permissions,
    owner: owners.slice(line, ownerStart, ownerEnd),
    group: groups.slice(line, groupStart, groupEnd),
    matched: 0,
    pattern: undefined,
  };
}

/** Letters of the nine usual permission columns, `r`, `w`, `x` by position. */
const USUAL_LETTERS = [0x72, 0x77, 0x78, 0x72, 0x77, 0x78, 0x72, 0x77, 0x78];

/**
 * The mode bits of nine permission letters at `start` when each is its column's usual letter
 * or `-` (so `permissionsFromMode` gives back the same nine letters); -1 for anything else.
 */
function usualMode(line: string, start: number): number {
  let mode = 0;
  for (let i = 0; i < 9; i++) {
    const code = line.charCodeAt(start + i);
    if (code === USUAL_LETTERS[i]) mode |= 0o400 >> i;
    else if (code !== 0x2d) return -1;
  }
  return mode;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Index after the owner or group word at `i` (the regex's `\S+`). A word must end at a space
 * or tab; at any other white space the caller's blank check fails, making the line uncommon.
 */
function wordEnd(line: string, i: number, end: number): number {
  while (i < end && !isWhiteSpace(line.charCodeAt(i))) i++;
  return i;
}

/** A line break that the name, the rest of the line, may not hold. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;

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
