/**
 * Unix `ls -l` listings, the LIST format most servers send:
 *   drwxr-xr-x   2 owner group   4096 Jun  3 12:00 name with  spaces
 *   lrwxrwxrwx   1 0     0          7 Jan 25  2019 link -> target
 *   crw-rw-rw-+  1 root  root    1,   3 Jan  1 12:00 null
 * Owners may be numeric or missing, the date comes in many localized shapes (list-date.ts),
 * and the name is the exact rest of the line after the date.
 */

import { digitsValue, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { dateAt } from './list-date';
import { restAfter, scanTokens, type TokenSpans } from './tokens';
import { kindOf, parseCommonUnixLine } from './unix-common';
import { modeFromPermissions, permissionsFromMode } from './unix-mode';

/** File type letter, nine permission letters, then an optional ACL/xattr mark (`+`, `.`, `@`). */
const PERMISSIONS = /^[-bcdlpsDn?][-rwxsStTlL?]{9}[+.@]?[ \t]/;

/** Enough tokens for the longest header before the date (perms links owner group domain size date×4). */
const MAX_TOKENS = 14;

/** The `ls -l` format for the dispatcher. */
export const unixParser: LineParser = {
  format: 'unix',
  testLine: (line) => PERMISSIONS.test(line),
  parseLine: parseUnixLine,
  parseRange: (text, start, end, context) => parseCommonUnixLine(text, start, end, context) ?? parseUncommon(text.slice(start, end), context),
};

/** Parses one `ls -l` line, or undefined when it is not one. */
export function parseUnixLine(line: string, context: ParseContext): LineResult {
  return parseCommonUnixLine(line, 0, line.length, context) ?? parseUncommon(line, context);
}

/**
 * Lines the common-shape fast path (unix-common.ts) turned down; it accepts only lines PERMISSIONS
 * accepts too. Exported for the test that holds the fast path to it: on any line the fast path
 * reads, both must give the same entry.
 */
export function parseUncommon(line: string, context: ParseContext): LineResult {
  if (!PERMISSIONS.test(line)) return undefined;
  return parseGeneral(line, context);
}

/** Any other `ls` shape: find the first size column followed by a date (list-date.ts). */
function parseGeneral(line: string, context: ParseContext): LineResult {
  const spans = scanTokens(line, MAX_TOKENS);
  const type = line.charCodeAt(0);
  const device = type === 0x63 || type === 0x62; // c, b
  for (let i = 2; i < spans.count - 1; i++) {
    const size = sizeValue(line, spans.start[i - 1] ?? 0, spans.end[i - 1] ?? 0, device);
    if (size < 0) continue;
    const date = dateAt(line, spans, i, context);
    if (date === undefined) continue;
    const name = restAfter(line, spans.end[date.last] ?? line.length, !date.exactGap);
    if (name.length === 0) return undefined;
    if (name === '.' || name === '..') return SKIP;
    const entry: RemoteEntry = { name, kind: kindOf(type) };
    if (!device) entry.size = size;
    entry.modified = date.ms;
    entry.modifiedPrecision = date.precision;
    setPermissions(entry, line);
    setOwnerGroup(entry, line, spans, i - 1, device);
    if (entry.kind === 'symlink') splitLink(entry);
    return entry;
  }
  return undefined;
}

/** Letters 1–9 of the line; the shared string for the mode when the letters are the usual ones. */
function setPermissions(entry: RemoteEntry, line: string): void {
  const mode = modeFromPermissions(line, 1);
  if (mode === undefined) {
    entry.permissions = line.slice(1, 10);
    return;
  }
  entry.mode = mode;
  const usual = permissionsFromMode(mode);
  entry.permissions = line.startsWith(usual, 1) ? usual : line.slice(1, 10);
}

/**
 * The size column `line[start, end)`: digits, or `33.5k` from servers that shorten sizes.
 * Device files show `major, minor` there instead; any number is accepted and the size left out.
 */
function sizeValue(line: string, start: number, end: number, device: boolean): number {
  if (end <= start) return -1;
  const value = digitsValue(line, start, end);
  if (value >= 0) return value;
  const token = line.slice(start, end);
  if (device) return /^\d+,\d+$/.test(token) ? 0 : -1;
  const unit = token.charCodeAt(token.length - 1) | 0x20; // lower case
  const factor = unit === 0x6b ? 1024 : unit === 0x6d ? 1024 ** 2 : unit === 0x67 ? 1024 ** 3 : 0;
  if (factor === 0 || !/^\d+(?:\.\d+)?$/.test(token.slice(0, -1))) return -1;
  return Math.round(Number(token.slice(0, -1)) * factor);
}

/**
 * The columns between the permissions and the size: `links owner group`, `links owner`
 * (no group), `owner group` (no links), or `links owner domain group` (some Windows servers).
 */
function setOwnerGroup(entry: RemoteEntry, line: string, spans: TokenSpans, sizeIndex: number, device: boolean): void {
  let last = sizeIndex - 1;
  // Device files: the size column is `major, minor`; drop the `major,` token.
  if (device && line.charCodeAt((spans.end[last] ?? 0) - 1) === 0x2c) last--;
  let first = 1;
  const isNumber = (k: number): boolean => digitsValue(line, spans.start[k] ?? 0, spans.end[k] ?? 0) >= 0;
  if (last >= 2 && isNumber(1)) first = 2; // a link count
  else if (last === 1 && isNumber(1)) return; // a lone number is a link count, not an owner
  if (first > last) return;
  entry.owner = line.slice(spans.start[first], spans.end[first]);
  if (first < last) entry.group = line.slice(spans.start[first + 1], spans.end[last]).replace(/[ \t]+/g, ' ');
}

/** `name -> target`: the first arrow splits, as `ls` never escapes it. */
function splitLink(entry: RemoteEntry): void {
  const arrow = entry.name.indexOf(' -> ');
  if (arrow <= 0) return;
  entry.linkTarget = entry.name.slice(arrow + 4);
  entry.name = entry.name.slice(0, arrow);
}
