/**
 * MLSD and MLST facts (RFC 3659 §7): `fact=value;fact=value; name`. Fact names are
 * case-insensitive; exactly one space separates the facts from the name, and the name runs
 * to the end of the line, so it may hold `;`, `=` and spaces of its own.
 */

import type { ParseContext } from './date-parts';
import type { RemoteEntry, RemoteEntryKind } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { FactRecorder, ShapeSet, shapesOf } from './mlsd-shapes';
import { RepeatedText } from './repeated-text';
import { factOf, fold, GID, GROUP_NAME, KEY_CHARS, MAX_KNOWN_LENGTH, MODE, MODIFY, OTHER, OWNER_NAME, PERM, SIZE, TYPE, UID, UNIQUE } from './mlsd-fact-names';
import { endsValue, factTimeOrNaN, kindOf, repeatedEnd, symlinkTarget, valueEnd } from './mlsd-values';
import { permissionsFromMode } from './unix-mode';

export { parseFactTime } from './mlsd-values';

/** Facts in front of the first space, each `name=value;`. */
const FACTS_LINE = /^(?:[A-Za-z0-9.\-]+=[^; ]*;)+ /;

/** Parses one MLSD line; cdir and pdir lines give SKIP because they name the folder itself. */
export function parseMlsdLine(line: string): LineResult {
  return parseFacts(line, 0, line.length, false, lonelyLines);
}

/**
 * Parses the entry line of an MLST reply (` type=dir;modify=…; /path`, with its leading
 * space). A cdir fact there describes the path asked about, so it is a folder, not skipped.
 */
export function parseMlstLine(line: string): RemoteEntry | undefined {
  // The reply line is SP, then the same `[facts] SP name` as an MLSD line.
  const result = parseFacts(line, line.startsWith(' ') ? 1 : 0, line.length, true, lonelyLines);
  return result === SKIP ? undefined : result;
}

/** The MLSD format for the dispatcher. */
export const mlsdParser: LineParser = {
  format: 'mlsd',
  testLine: (line) => FACTS_LINE.test(line),
  parseLine: (line: string, context: ParseContext) => parseFacts(line, 0, line.length, false, shapesOf(context)),
  parseRange: (text: string, start: number, end: number, context: ParseContext) => parseFacts(text, start, end, false, shapesOf(context)),
};

/** Shapes for lines parsed one by one, outside any listing (MLST replies, tests). */
const lonelyLines = new ShapeSet();

// perm, owner and group values repeat line after line; share one string per run of equal values.
const perms = new RepeatedText();
const owners = new RepeatedText();
const groups = new RepeatedText();
/** The facts of the line being read the long way, for ShapeSet.learn. */
const recorder = new FactRecorder();

/**
 * Splits facts from the name in `text[start, end)` and reads every fact we know; unknown
 * facts are ignored. cdir/pdir give SKIP, or a folder when `selfIsDir`. Facts go into locals
 * first and the entry is built at the end, so entries of one listing share a shape.
 *
 * A fact's value runs to the next `;` (or to the space before the name). The common values are
 * read in the same pass that finds their end — digits up to a `;`, `file;`, a perm or owner
 * equal to the previous line's — and only other values pay for a search (valueEnd). Values a
 * matched shape holds literally are not read at all.
 */
function parseFacts(text: string, start: number, end: number, selfIsDir: boolean, shapes: ShapeSet): LineResult {
  // A line of a shape its listing showed before has its facts checked natively (mlsd-shapes.ts):
  // its names need no scan; otherwise each name is scanned and keyed, and the shape learned.
  const shape = shapes.match(text, start, end);
  let space: number;
  let kind: RemoteEntryKind | undefined = 'file';
  let linkTarget: string | undefined;
  let size = -1;
  let modified = Number.NaN; // NaN while no valid modify fact: a number keeps it unboxed
  let perm: string | undefined;
  let unique: string | undefined;
  let mode: number | undefined;
  let ownerName: string | undefined;
  let groupName: string | undefined;
  let uid: string | undefined;
  let gid: string | undefined;
  if (shape !== undefined) {
    space = shape.pattern.lastIndex - 1;
    // The values the shape holds literally: the same on every line it matches.
    const known = shape.known;
    kind = known.kind;
    perm = known.perm;
    mode = known.mode;
    ownerName = known.ownerName;
    groupName = known.groupName;
    uid = known.uid;
    gid = known.gid;
  } else {
    space = text.indexOf(' ', start);
    if (space < 0 || space >= end - 1) return undefined;
    recorder.reset();
  }
  let at = start;
  let index = 0;
  for (;;) {
    let fact: number;
    let valueStart: number;
    if (shape !== undefined) {
      // Only the facts the shape does not hold literally, each at a known distance from the last.
      if (index >= shape.reads.length) break;
      fact = shape.reads[index] ?? OTHER;
      valueStart = at + (shape.offsets[index] ?? 0);
      index++;
    } else {
      if (at >= space) break;
      // The fact name runs to the first `=`; a `;` or the space before it makes the line no MLSD.
      // Its key is built on the way, so the name is read once (see mlsd-fact-names.ts).
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
      fact = equals - at <= MAX_KNOWN_LENGTH ? factOf(key, keyRest) : OTHER;
      valueStart = equals + 1;
    }
    // Where the value ends: the `;` after it, or the space. Every case below sets it.
    let factEnd: number;
    switch (fact) {
      case TYPE: {
        // `file` and `dir` (any case) read in place; the rest (cdir, OS.unix=slink:/x …) below.
        const first = text.charCodeAt(valueStart) | 0x20;
        if (first === 0x66 && (text.charCodeAt(valueStart + 1) | 0x20) === 0x69 && (text.charCodeAt(valueStart + 2) | 0x20) === 0x6c
          && (text.charCodeAt(valueStart + 3) | 0x20) === 0x65 && endsValue(text, valueStart + 4, space)) {
          kind = 'file';
          factEnd = valueStart + 4;
        } else if (first === 0x64 && (text.charCodeAt(valueStart + 1) | 0x20) === 0x69 && (text.charCodeAt(valueStart + 2) | 0x20) === 0x72
          && endsValue(text, valueStart + 3, space)) {
          kind = 'dir';
          factEnd = valueStart + 3;
        } else {
          // `type=OS.unix=slink:/x` holds a second `=`, so the value runs to the `;`.
          factEnd = valueEnd(text, valueStart, space);
          kind = kindOf(text, valueStart, factEnd);
          if (kind === 'symlink') linkTarget = symlinkTarget(text, valueStart, factEnd) ?? linkTarget;
        }
        break;
      }
      case SIZE: {
        // Digits read once, up to what ends them; a value of 1–15 digits ended by `;` is the size.
        let value = 0;
        let i = valueStart;
        for (;;) {
          const digit = text.charCodeAt(i) - 0x30;
          if (!(digit >= 0 && digit <= 9)) break; // written so that NaN (past the end) stops too
          value = value * 10 + digit;
          i++;
        }
        if (endsValue(text, i, space)) {
          factEnd = i;
          if (i > valueStart && i - valueStart <= 15) size = value;
        } else {
          factEnd = valueEnd(text, i, space); // not all digits: no size
        }
        break;
      }
      case MODIFY: {
        // The usual `YYYYMMDDHHMMSS;`: a valid time is all digits, so that `;` is the first one.
        const timeEnd = valueStart + 14;
        const time = timeEnd < space && text.charCodeAt(timeEnd) === 0x3b ? factTimeOrNaN(text, valueStart, timeEnd) : Number.NaN;
        if (!Number.isNaN(time)) {
          modified = time;
          factEnd = timeEnd;
        } else {
          factEnd = valueEnd(text, valueStart, space);
          const other = factTimeOrNaN(text, valueStart, factEnd);
          if (!Number.isNaN(other)) modified = other;
        }
        break;
      }
      case PERM:
        factEnd = repeatedEnd(perms.previous, text, valueStart, space);
        perm = factEnd >= 0 ? perms.previous : perms.slice(text, valueStart, (factEnd = valueEnd(text, valueStart, space)));
        break;
      case UNIQUE:
        factEnd = valueEnd(text, valueStart, space);
        unique = text.slice(valueStart, factEnd);
        break;
      case MODE: {
        // Like SIZE: 1–7 octal digits ended by `;` are the mode.
        let value = 0;
        let octal = true;
        let i = valueStart;
        for (;;) {
          const digit = text.charCodeAt(i) - 0x30;
          if (!(digit >= 0 && digit <= 9)) break;
          if (digit > 7) octal = false;
          value = value * 8 + digit;
          i++;
        }
        if (endsValue(text, i, space)) {
          factEnd = i;
          if (octal && i > valueStart && i - valueStart <= 7) mode = value;
        } else {
          factEnd = valueEnd(text, i, space); // not all digits: no mode
        }
        break;
      }
      case OWNER_NAME:
        factEnd = repeatedEnd(owners.previous, text, valueStart, space);
        ownerName = factEnd >= 0 ? owners.previous : owners.slice(text, valueStart, (factEnd = valueEnd(text, valueStart, space)));
        break;
      case GROUP_NAME:
        factEnd = repeatedEnd(groups.previous, text, valueStart, space);
        groupName = factEnd >= 0 ? groups.previous : groups.slice(text, valueStart, (factEnd = valueEnd(text, valueStart, space)));
        break;
      case UID:
        factEnd = valueEnd(text, valueStart, space);
        uid ??= owners.slice(text, valueStart, factEnd);
        break;
      case GID:
        factEnd = valueEnd(text, valueStart, space);
        gid ??= groups.slice(text, valueStart, factEnd);
        break;
      default:
        factEnd = valueEnd(text, valueStart, space);
        break;
    }
    if (shape === undefined) recorder.add(at, valueStart, factEnd, fact, factEnd < space);
    at = factEnd + 1;
  }
  if (shape === undefined) shapes.learn(text, recorder);
  if (kind === undefined) {
    if (!selfIsDir) return SKIP;
    kind = 'dir';
  }
  const name = text.slice(space + 1, end);
  const owner = ownerName ?? uid;
  const group = groupName ?? gid;
  // The shapes Unix servers send for every file, folder and link (pure-ftpd, proftpd): each
  // built as one literal, so the fields live in the object itself instead of in a property
  // store grown field by field, which costs several times as much per entry.
  if (!Number.isNaN(modified) && perm !== undefined && unique !== undefined && mode !== undefined && owner !== undefined && group !== undefined) {
    const permissions = permissionsFromMode(mode);
    if (linkTarget === undefined) {
      return size >= 0
        ? { name, kind, size, modified, modifiedPrecision: 'second', perm, unique, mode, permissions, owner, group }
        : { name, kind, modified, modifiedPrecision: 'second', perm, unique, mode, permissions, owner, group };
    }
    return size >= 0
      ? { name, kind, linkTarget, size, modified, modifiedPrecision: 'second', perm, unique, mode, permissions, owner, group }
      : { name, kind, linkTarget, modified, modifiedPrecision: 'second', perm, unique, mode, permissions, owner, group };
  }
  // Anything else: only the facts present, always added in this order.
  const entry: RemoteEntry = { name, kind };
  if (linkTarget !== undefined) entry.linkTarget = linkTarget;
  if (size >= 0) entry.size = size;
  if (!Number.isNaN(modified)) {
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
