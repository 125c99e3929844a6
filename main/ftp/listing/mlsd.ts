/**
 * MLSD and MLST facts (RFC 3659 §7): `fact=value;fact=value; name`. Fact names are
 * case-insensitive; exactly one space separates the facts from the name, and the name runs
 * to the end of the line, so it may hold `;`, `=` and spaces of its own.
 */

import { digitsValue, utcMs, type ParseContext } from './date-parts';
import type { RemoteEntry, RemoteEntryKind } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { permissionsFromMode } from './unix-mode';

/** Facts in front of the first space, each `name=value;`. */
const FACTS_LINE = /^(?:[A-Za-z0-9.\-]+=[^; ]*;)+ /;

/** Parses one MLSD line; cdir and pdir lines give SKIP because they name the folder itself. */
export function parseMlsdLine(line: string): LineResult {
  return parseFacts(line, false);
}

/**
 * Parses the entry line of an MLST reply (` type=dir;modify=…; /path`, with its leading
 * space). A cdir fact there describes the path asked about, so it is a folder, not skipped.
 */
export function parseMlstLine(line: string): RemoteEntry | undefined {
  // The reply line is SP, then the same `[facts] SP name` as an MLSD line.
  const result = parseFacts(line.startsWith(' ') ? line.slice(1) : line, true);
  return result === SKIP ? undefined : result;
}

/** The MLSD format for the dispatcher. */
export const mlsdParser: LineParser = {
  format: 'mlsd',
  testLine: (line) => FACTS_LINE.test(line),
  parseLine: (line: string, _context: ParseContext) => parseMlsdLine(line),
};

/** Fact names we read, lower case, by length; matched in place so a big MLSD allocates no fact strings. */
const KNOWN_FACTS: ReadonlyMap<number, readonly string[]> = new Map([
  [4, ['type', 'size', 'sizd', 'perm']],
  [6, ['modify', 'unique']],
  [8, ['unix.uid', 'unix.gid']],
  [9, ['unix.mode']],
  [10, ['unix.owner', 'unix.group']],
  [14, ['unix.ownername', 'unix.groupname']],
]);

/** Splits facts from the name and reads every fact we know; unknown facts are ignored. cdir/pdir give SKIP, or a folder when `selfIsDir`. */
function parseFacts(line: string, selfIsDir: boolean): LineResult {
  const space = line.indexOf(' ');
  if (space < 0 || space === line.length - 1) return undefined;
  const entry: RemoteEntry = { name: line.slice(space + 1), kind: 'file' };
  let kind: RemoteEntryKind | undefined = 'file';
  let ownerName: string | undefined;
  let groupName: string | undefined;
  let start = 0;
  while (start < space) {
    let end = line.indexOf(';', start);
    if (end < 0 || end > space) end = space;
    const equals = line.indexOf('=', start);
    if (equals < 0 || equals > end) return undefined;
    // `type=OS.unix=slink:/x` holds a second `=`, so the value runs to the `;`.
    const valueStart = equals + 1;
    switch (factName(line, start, equals)) {
      case 'type':
        kind = kindOf(line, valueStart, end, entry);
        break;
      case 'size':
      case 'sizd': {
        const size = digitsValue(line, valueStart, end);
        if (size >= 0) entry.size = size;
        break;
      }
      case 'modify': {
        const modified = parseFactTime(line, valueStart, end);
        if (modified !== undefined) {
          entry.modified = modified;
          entry.modifiedPrecision = 'second';
        }
        break;
      }
      case 'perm':
        entry.perm = line.slice(valueStart, end);
        break;
      case 'unique':
        entry.unique = line.slice(valueStart, end);
        break;
      case 'unix.mode': {
        const mode = parseOctal(line, valueStart, end);
        if (mode !== undefined) {
          entry.mode = mode;
          entry.permissions = permissionsFromMode(mode);
        }
        break;
      }
      case 'unix.owner':
      case 'unix.ownername':
        ownerName = line.slice(valueStart, end);
        break;
      case 'unix.uid':
        entry.owner ??= line.slice(valueStart, end);
        break;
      case 'unix.group':
      case 'unix.groupname':
        groupName = line.slice(valueStart, end);
        break;
      case 'unix.gid':
        entry.group ??= line.slice(valueStart, end);
        break;
      default:
        break;
    }
    start = end + 1;
  }
  if (ownerName !== undefined) entry.owner = ownerName;
  if (groupName !== undefined) entry.group = groupName;
  if (kind === undefined) {
    if (!selfIsDir) return SKIP;
    entry.kind = 'dir';
  } else {
    entry.kind = kind;
  }
  return entry;
}

/** The lower-case fact name between `start` and `equals`, or '' for facts we do not read. */
function factName(line: string, start: number, equals: number): string {
  const candidates = KNOWN_FACTS.get(equals - start);
  if (candidates === undefined) return '';
  for (const known of candidates) {
    if (equalsIgnoringCase(line, start, known)) return known;
  }
  return '';
}

/** True when `text` at `start` spells `lower` in any case (RFC 3659 fact names are case-insensitive). */
function equalsIgnoringCase(text: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    // OR-ing 0x20 lower-cases ASCII letters and leaves `.` as it is.
    if ((text.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** The entry kind for a type fact in `line[start, end)`; undefined for cdir/pdir. Sets the target of `OS.unix=slink:x`. */
function kindOf(line: string, start: number, end: number, entry: RemoteEntry): RemoteEntryKind | undefined {
  const length = end - start;
  if (length === 4 && equalsIgnoringCase(line, start, 'file')) return 'file';
  if (length === 3 && equalsIgnoringCase(line, start, 'dir')) return 'dir';
  if (length === 4 && (equalsIgnoringCase(line, start, 'cdir') || equalsIgnoringCase(line, start, 'pdir'))) return undefined;
  if (length >= 13 && (equalsIgnoringCase(line, start, 'os.unix=slink') || equalsIgnoringCase(line, start, 'os.unix=symlink'))) {
    const colon = line.indexOf(':', start);
    if (colon >= 0 && colon < end - 1) entry.linkTarget = line.slice(colon + 1, end);
    return 'symlink';
  }
  return 'other';
}

/** `YYYYMMDDHHMMSS[.sss]` in UTC (RFC 3659 §2.3), read from `value[start, end)`, to ms; or undefined. */
export function parseFactTime(value: string, start = 0, end = value.length): number | undefined {
  const length = end - start;
  if (length < 14 || (length > 14 && value.charCodeAt(start + 14) !== 0x2e)) return undefined;
  const year = digitsValue(value, start, start + 4);
  const month = digitsValue(value, start + 4, start + 6);
  const day = digitsValue(value, start + 6, start + 8);
  const hour = digitsValue(value, start + 8, start + 10);
  const minute = digitsValue(value, start + 10, start + 12);
  const second = digitsValue(value, start + 12, start + 14);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let ms = 0;
  if (length > 15) {
    // Milliseconds from the first three fraction digits; finer digits are dropped.
    if (digitsValue(value, start + 15, end) < 0 && length <= 30) return undefined;
    const digits = Math.min(3, length - 15);
    ms = digitsValue(value, start + 15, start + 15 + digits) * 10 ** (3 - digits);
    if (ms < 0) return undefined;
  }
  return utcMs(year, month, day, hour, minute, second, ms);
}

/** `0755` / `755` / `2755` in `text[start, end)` → mode bits; undefined unless all octal digits. */
function parseOctal(text: string, start: number, end: number): number | undefined {
  if (end <= start || end - start > 7) return undefined;
  let mode = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 7) return undefined;
    mode = mode * 8 + digit;
  }
  return mode;
}
