/**
 * MLSD and MLST facts (RFC 3659 §7): `fact=value;fact=value; name`. Fact names are
 * case-insensitive; exactly one space separates the facts from the name, and the name runs
 * to the end of the line, so it may hold `;`, `=` and spaces of its own.
 */

import { digitsValue, utcMs, type ParseContext } from './date-parts';
import type { RemoteEntry, RemoteEntryKind } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { RepeatedText } from './repeated-text';
import { permissionsFromMode } from './unix-mode';

/** Facts in front of the first space, each `name=value;`. */
const FACTS_LINE = /^(?:[A-Za-z0-9.\-]+=[^; ]*;)+ /;

/** Parses one MLSD line; cdir and pdir lines give SKIP because they name the folder itself. */
export function parseMlsdLine(line: string): LineResult {
  return parseFacts(line, 0, line.length, false);
}

/**
 * Parses the entry line of an MLST reply (` type=dir;modify=…; /path`, with its leading
 * space). A cdir fact there describes the path asked about, so it is a folder, not skipped.
 */
export function parseMlstLine(line: string): RemoteEntry | undefined {
  // The reply line is SP, then the same `[facts] SP name` as an MLSD line.
  const result = parseFacts(line, line.startsWith(' ') ? 1 : 0, line.length, true);
  return result === SKIP ? undefined : result;
}

/** The MLSD format for the dispatcher. */
export const mlsdParser: LineParser = {
  format: 'mlsd',
  testLine: (line) => FACTS_LINE.test(line),
  parseLine: (line: string, _context: ParseContext) => parseMlsdLine(line),
  parseRange: (text: string, start: number, end: number, _context: ParseContext) => parseFacts(text, start, end, false),
};

// Fact names we read, as small numbers: matched in place, so a big MLSD allocates no fact strings.
const OTHER = 0;
const TYPE = 1;
const SIZE = 2;
const MODIFY = 3;
const PERM = 4;
const UNIQUE = 5;
const MODE = 6;
const OWNER_NAME = 7;
const GROUP_NAME = 8;
const UID = 9;
const GID = 10;

// perm, owner and group values repeat line after line; share one string per run of equal values.
const perms = new RepeatedText();
const owners = new RepeatedText();
const groups = new RepeatedText();

/**
 * Splits facts from the name in `text[start, end)` and reads every fact we know; unknown
 * facts are ignored. cdir/pdir give SKIP, or a folder when `selfIsDir`. Facts go into locals
 * first and the entry is built at the end, so entries of one listing share a shape.
 */
function parseFacts(text: string, start: number, end: number, selfIsDir: boolean): LineResult {
  const space = text.indexOf(' ', start);
  if (space < 0 || space >= end - 1) return undefined;
  let kind: RemoteEntryKind | undefined = 'file';
  let linkTarget: string | undefined;
  let size = -1;
  let modified: number | undefined;
  let perm: string | undefined;
  let unique: string | undefined;
  let mode: number | undefined;
  let ownerName: string | undefined;
  let groupName: string | undefined;
  let uid: string | undefined;
  let gid: string | undefined;
  let at = start;
  while (at < space) {
    // The fact name runs to the first `=`; a `;` or the space before it makes the line no MLSD.
    // Its key is built on the way, so the name is read once (see factKey).
    let equals = at;
    let key = 0;
    let keyRest = 0;
    for (;;) {
      if (equals >= space) return undefined;
      const code = text.charCodeAt(equals);
      if (code === 0x3d) break; // =
      if (code === 0x3b) return undefined; // ;
      if (equals - at < KEY_CHARS) key = key * 128 + fold(code);
      else keyRest = keyRest * 128 + fold(code);
      equals++;
    }
    // `type=OS.unix=slink:/x` holds a second `=`, so the value runs to the `;`.
    const valueStart = equals + 1;
    let factEnd = text.indexOf(';', valueStart);
    if (factEnd < 0 || factEnd > space) factEnd = space;
    switch (equals - at <= 2 * KEY_CHARS ? factOf(key, keyRest) : OTHER) {
      case TYPE:
        kind = kindOf(text, valueStart, factEnd);
        if (kind === 'symlink') linkTarget = symlinkTarget(text, valueStart, factEnd) ?? linkTarget;
        break;
      case SIZE: {
        const value = digitsValue(text, valueStart, factEnd);
        if (value >= 0) size = value;
        break;
      }
      case MODIFY:
        modified = parseFactTime(text, valueStart, factEnd) ?? modified;
        break;
      case PERM:
        perm = perms.slice(text, valueStart, factEnd);
        break;
      case UNIQUE:
        unique = text.slice(valueStart, factEnd);
        break;
      case MODE:
        mode = parseOctal(text, valueStart, factEnd) ?? mode;
        break;
      case OWNER_NAME:
        ownerName = owners.slice(text, valueStart, factEnd);
        break;
      case GROUP_NAME:
        groupName = groups.slice(text, valueStart, factEnd);
        break;
      case UID:
        uid ??= owners.slice(text, valueStart, factEnd);
        break;
      case GID:
        gid ??= groups.slice(text, valueStart, factEnd);
        break;
      default:
        break;
    }
    at = factEnd + 1;
  }
  if (kind === undefined) {
    if (!selfIsDir) return SKIP;
    kind = 'dir';
  }
  const name = text.slice(space + 1, end);
  const owner = ownerName ?? uid;
  const group = groupName ?? gid;
  // The shape Unix servers send for every file (pure-ftpd, proftpd): built as one literal, so
  // the fields live in the object itself instead of a property store grown field by field.
  if (size >= 0 && modified !== undefined && perm !== undefined && unique !== undefined && mode !== undefined && owner !== undefined && group !== undefined) {
    const entry: RemoteEntry = { name, kind, size, modified, modifiedPrecision: 'second', perm, unique, mode, permissions: permissionsFromMode(mode), owner, group };
    if (linkTarget !== undefined) entry.linkTarget = linkTarget;
    return entry;
  }
  // Anything else: only the facts present, always added in this order.
  const entry: RemoteEntry = { name, kind };
  if (linkTarget !== undefined) entry.linkTarget = linkTarget;
  if (size >= 0) entry.size = size;
  if (modified !== undefined) {
    entry.modified = modified;
    entry.modifiedPrecision = 'second';
  }
  if (perm !== undefined) entry.perm = perm;
  if (unique !== undefined) entry.unique = unique;
  if (mode !== undefined) {
    entry.mode = mode;
    entry.permissions = permissionsFromMode(mode);
  }
  if (owner !== undefined) entry.owner = owner;
  if (group !== undefined) entry.group = group;
  return entry;
}

/**
 * Fact names are case-insensitive ASCII of at most 14 characters, so a name is keyed exactly
 * by its folded characters in base 128: the first 7 in `key`, the next 7 in `keyRest` (7 × 7
 * bits fit a double's 53-bit mantissa). Known names then match by two number comparisons,
 * with no second pass over the text.
 */
const KEY_CHARS = 7;

/**
 * A character as fact names compare it: OR-ing 0x20 lower-cases ASCII letters (and keeps `.`).
 * Anything outside ASCII folds to DEL, which no known name contains, so it matches nothing.
 * Every folded digit is at least 0x20, never 0, so names of different lengths never share a key.
 */
function fold(code: number): number {
  return code < 0x80 ? code | 0x20 : 0x7f;
}

/** The fact-name key of a lower-case name, as the parse loop builds it. */
function keyOf(lower: string): { key: number; keyRest: number } {
  let key = 0;
  let keyRest = 0;
  for (let i = 0; i < lower.length; i++) {
    if (i < KEY_CHARS) key = key * 128 + fold(lower.charCodeAt(i));
    else keyRest = keyRest * 128 + fold(lower.charCodeAt(i));
  }
  return { key, keyRest };
}

/** Fact names we read, lower case, by key. */
const KNOWN_FACTS: readonly { readonly key: number; readonly keyRest: number; readonly fact: number }[] = (
  [
    ['type', TYPE], ['size', SIZE], ['sizd', SIZE], ['modify', MODIFY], ['perm', PERM], ['unique', UNIQUE],
    ['unix.mode', MODE], ['unix.owner', OWNER_NAME], ['unix.ownername', OWNER_NAME], ['unix.uid', UID],
    ['unix.group', GROUP_NAME], ['unix.groupname', GROUP_NAME], ['unix.gid', GID],
  ] as const
).map(([name, fact]) => ({ ...keyOf(name), fact }));

/** Which fact a name of at most 14 characters with this key is, or OTHER for facts we do not read. */
function factOf(key: number, keyRest: number): number {
  for (const known of KNOWN_FACTS) {
    if (known.key === key && known.keyRest === keyRest) return known.fact;
  }
  return OTHER;
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
function kindOf(line: string, start: number, end: number): RemoteEntryKind | undefined {
  const length = end - start;
  if (length === 4 && equalsIgnoringCase(line, start, 'file')) return 'file';
  if (length === 3 && equalsIgnoringCase(line, start, 'dir')) return 'dir';
  if (length === 4 && (equalsIgnoringCase(line, start, 'cdir') || equalsIgnoringCase(line, start, 'pdir'))) return undefined;
  if (length >= 13 && (equalsIgnoringCase(line, start, 'os.unix=slink') || equalsIgnoringCase(line, start, 'os.unix=symlink'))) return 'symlink';
  return 'other';
}

/** The target of `OS.unix=slink:/x` in `line[start, end)`, if it names one. */
function symlinkTarget(line: string, start: number, end: number): string | undefined {
  const colon = line.indexOf(':', start);
  return colon >= 0 && colon < end - 1 ? line.slice(colon + 1, end) : undefined;
}

/** `YYYYMMDDHHMMSS[.sss]` in UTC (RFC 3659 §2.3), read from `value[start, end)`, to ms; or undefined. */
export function parseFactTime(value: string, start = 0, end = value.length): number | undefined {
  const length = end - start;
  if (length < 14 || (length > 14 && value.charCodeAt(start + 14) !== 0x2e)) return undefined;
  // Two reads of 8 and 6 digits split by integer arithmetic: one loop each instead of six.
  const date = digitsValue(value, start, start + 8);
  const time = digitsValue(value, start + 8, start + 14);
  if (date < 0 || time < 0) return undefined;
  const year = Math.floor(date / 10_000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  const hour = Math.floor(time / 10_000);
  const minute = Math.floor(time / 100) % 100;
  const second = time % 100;
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
