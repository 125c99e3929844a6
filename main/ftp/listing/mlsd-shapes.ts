/**
 * The fact layouts ("shapes") an MLSD listing repeats line after line: a server sends the same
 * fact names in the same order for every file (`type=…;size=…;modify=…;perm=…; name`), and a
 * second shape or two for folders and links. Once a line has been read the long way, its shape
 * becomes a sticky regular expression; a later line it matches has its facts' structure checked
 * by the regexp engine in native code, so the parser skips scanning and keying every fact name,
 * which is most of the work of an MLSD line.
 *
 * Each line read the long way gives two shapes. A valued one also matches the line's perm, mode,
 * owner, group and file/dir type literally (each named once on the line), since those repeat
 * line after line: a line it matches needs none of them read, and its other values lie at known
 * distances from each other. A plain one matches any values, for the lines where they vary.
 *
 * Exactness: a shape is built only from a line the general scan read, its names are matched
 * literally (same case) and its values literally or as `[^;\n ]*` or narrower, each followed by
 * `;`, then the one space. Any line it matches therefore holds exactly those facts in that order,
 * each value ending at its `;` — what the general scan would find — so the same value code reads
 * it, and a literal value means what it meant on the line the shape was learned from.
 */

import { escapeRegExp } from './escape-regexp';
import { GID, GROUP_NAME, MODE, MODIFY, OWNER_NAME, PERM, SIZE, TYPE, UID } from './mlsd-fact-names';

export interface FactShape {
  /** Sticky; matches the facts of a line of this shape at lastIndex, through the space before the name. */
  readonly pattern: RegExp;
  /** The facts read from each line, in line order: those the pattern does not hold literally. */
  readonly reads: readonly number[];
  /**
   * Per read fact, how far its value lies past the end of the previous read value's `;` (past
   * the line's start for the first): literal facts between them have fixed lengths.
   */
  readonly offsets: readonly number[];
  /** What the literal values say, the same on every line the shape matches. */
  readonly known: KnownFacts;
}

/** The facts a shape holds literally, by what they mean; undefined when read from each line (or not sent). */
export interface KnownFacts {
  /** The kind of a line whose type is literal, else 'file' (a line with no type fact is a file). */
  readonly kind: 'file' | 'dir';
  readonly perm: string | undefined;
  readonly mode: number | undefined;
  readonly ownerName: string | undefined;
  readonly groupName: string | undefined;
  readonly uid: string | undefined;
  readonly gid: string | undefined;
}

type MutableKnownFacts = { -readonly [K in keyof KnownFacts]: KnownFacts[K] };

/**
 * Longest facts part a shape is made from. Real servers send a few hundred characters; a
 * hostile one could send megabytes of facts, which must not become a regexp to compile.
 */
const MAX_SHAPE_CHARS = 1024;

/** Shapes tried for a line; few, since a miss costs a regexp test each. */
const MAX_TRIED = 6;

/** Every shape built, by pattern source, so a shape seen again (in any listing) is not compiled again. */
const MAX_COMPILED = 64;
const compiled = new Map<string, FactShape>();

/**
 * Compiling is bounded for listings whose lines all differ in shape: each costs COMPILE_COST
 * credits, one credit is earned per line read the long way, and at most MAX_CREDIT are saved.
 */
const COMPILE_COST = 256;
const MAX_CREDIT = 8 * COMPILE_COST;

/** The shapes one listing has shown so far, the most matched first, and its compile credit. */
export class ShapeSet {
  private readonly recent: FactShape[] = [];
  private credit = MAX_CREDIT;

  /**
   * The shape whose facts match `text` at `start`, or undefined. On a match, the space before
   * the name is at `shape.pattern.lastIndex - 1`, before `end - 1` (so the name is not empty).
   */
  match(text: string, start: number, end: number): FactShape | undefined {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const shape = recent[i] as FactShape;
      const pattern = shape.pattern;
      pattern.lastIndex = start;
      if (!pattern.test(text)) continue;
      if (pattern.lastIndex >= end) return undefined; // no name after the space: the long way decides
      if (i > 0) {
        // One step forward, not to the front: two array stores, and a shape that alternates with
        // another (files and folders) settles next to it.
        recent[i] = recent[i - 1] as FactShape;
        recent[i - 1] = shape;
      }
      return shape;
    }
    return undefined;
  }

  /**
   * Remembers the shapes of a line the long way read (its facts in `recorder`), so the next
   * lines like it take the short way. Lines with a fact not ended by `;` or with no facts make none.
   */
  learn(text: string, recorder: FactRecorder): void {
    if (this.credit < MAX_CREDIT) this.credit++;
    if (!recorder.regular || recorder.count === 0 || this.credit < 2 * COMPILE_COST) return;
    const length = (recorder.valueEnds[recorder.count - 1] ?? 0) - (recorder.nameStarts[0] ?? 0);
    if (length > MAX_SHAPE_CHARS) return;
    const plain = this.shapeOf(text, recorder, false);
    const valued = this.shapeOf(text, recorder, true);
    this.toFront(plain);
    // The valued shape is tried first: when it matches, it is the cheaper one.
    if (valued !== plain) this.toFront(valued);
  }

  /** Moves `shape` to the front of the shapes tried, dropping the least recently matched if too many. */
  private toFront(shape: FactShape): void {
    const recent = this.recent;
    const at = recent.indexOf(shape);
    if (at === 0) return;
    if (at > 0) recent.splice(at, 1);
    recent.unshift(shape);
    if (recent.length > MAX_TRIED) recent.pop();
  }

  /** The cached or new shape of the recorded line; a new one costs compile credit. */
  private shapeOf(text: string, recorder: FactRecorder, valued: boolean): FactShape {
    const layout = layoutOf(text, recorder, valued);
    let shape = compiled.get(layout.source);
    if (shape === undefined) {
      this.credit -= COMPILE_COST;
      if (compiled.size >= MAX_COMPILED) compiled.clear();
      shape = { pattern: new RegExp(layout.source, 'y'), reads: layout.reads, offsets: layout.offsets, known: layout.known };
      compiled.set(layout.source, shape);
    }
    return shape;
  }
}

/**
 * The shapes of each listing, by its parse context, so listings parsed at the same time (one
 * per connection) do not crowd out each other's shapes. The last listing's set is kept at hand:
 * lines come a listing at a time.
 */
const sets = new WeakMap<object, ShapeSet>();
let lastOwner: object | undefined;
let lastSet = new ShapeSet();

/** The shape set of the listing `owner` (its parse context) stands for. */
export function shapesOf(owner: object): ShapeSet {
  if (owner === lastOwner) return lastSet;
  let set = sets.get(owner);
  if (set === undefined) {
    set = new ShapeSet();
    sets.set(owner, set);
  }
  lastOwner = owner;
  lastSet = set;
  return set;
}

/** Facts of the line being read the long way: where each name and value lies, and the fact's number. */
export class FactRecorder {
  readonly nameStarts: number[] = [];
  readonly valueStarts: number[] = [];
  readonly valueEnds: number[] = [];
  readonly facts: number[] = [];
  count = 0;
  /** False once a fact ended at the space instead of a `;`: such a line makes no shape. */
  regular = true;

  reset(): void {
    this.count = 0;
    this.regular = true;
  }

  /** A fact `name=value` with the name at `nameStart` and the value in `[valueStart, valueEnd)`. */
  add(nameStart: number, valueStart: number, valueEnd: number, fact: number, endedBySemicolon: boolean): void {
    this.nameStarts[this.count] = nameStart;
    this.valueStarts[this.count] = valueStart;
    this.valueEnds[this.count] = valueEnd;
    this.facts[this.count] = fact;
    this.count++;
    if (!endedBySemicolon) this.regular = false;
  }
}

/** A shape before compiling: its pattern source and what it says per fact. */
type Layout = Omit<FactShape, 'pattern'> & { readonly source: string };

/**
 * The layout of the recorded line, with its repeating values literal when `valued`. A fact
 * named twice on the line is read from each line, every time: its values then apply in line
 * order, as the long way applies them, which a literal applied up front would not keep.
 */
function layoutOf(text: string, recorder: FactRecorder, valued: boolean): Layout {
  let source = '';
  const reads: number[] = [];
  const offsets: number[] = [];
  // Every field present, so the known facts of all shapes share one hidden class.
  const known: MutableKnownFacts = { kind: 'file', perm: undefined, mode: undefined, ownerName: undefined, groupName: undefined, uid: undefined, gid: undefined };
  let sincePreviousRead = 0;
  for (let i = 0; i < recorder.count; i++) {
    const nameStart = recorder.nameStarts[i] ?? 0;
    const valueStart = recorder.valueStarts[i] ?? 0;
    const value = text.slice(valueStart, recorder.valueEnds[i]);
    const fact = recorder.facts[i] ?? 0;
    const literal = valued && namedOnce(recorder, fact) && applyLiteral(known, fact, value);
    source += `${escapeRegExp(text.slice(nameStart, valueStart))}${literal ? escapeRegExp(value) : valuePattern(fact)};`;
    if (literal) {
      sincePreviousRead += valueStart - nameStart + value.length + 1;
    } else {
      reads.push(fact);
      offsets.push(sincePreviousRead + valueStart - nameStart);
      sincePreviousRead = 0;
    }
  }
  return { source: `${source} `, reads, offsets, known };
}

/** True when the recorded line names `fact` once. */
function namedOnce(recorder: FactRecorder, fact: number): boolean {
  let count = 0;
  for (let i = 0; i < recorder.count; i++) if (recorder.facts[i] === fact) count++;
  return count === 1;
}

/** The known field each fact with a text value sets, its value taken as it stands. */
const TEXT_FIELDS = new Map<number, 'perm' | 'ownerName' | 'groupName' | 'uid' | 'gid'>([
  [PERM, 'perm'], [OWNER_NAME, 'ownerName'], [GROUP_NAME, 'groupName'], [UID, 'uid'], [GID, 'gid'],
]);

/**
 * Records what a repeating value means when a shape can hold it literally, and says whether it
 * can: a file or folder type (other types, links with their targets among them, are read from
 * each line), an octal mode, perm, owner, group, uid and gid. Other facts are read from each line.
 */
function applyLiteral(known: MutableKnownFacts, fact: number, value: string): boolean {
  if (fact === TYPE) {
    const kind = foldedEquals(value, 'file') ? 'file' : foldedEquals(value, 'dir') ? 'dir' : undefined;
    if (kind !== undefined) known.kind = kind;
    return kind !== undefined;
  }
  if (fact === MODE) {
    const octal = isOctal(value);
    if (octal) known.mode = Number.parseInt(value, 8);
    return octal;
  }
  const field = TEXT_FIELDS.get(fact);
  if (field !== undefined) known[field] = value;
  return field !== undefined;
}

/** True when `value` is `lower` in any ASCII case, compared as the type reader compares (OR 0x20). */
function foldedEquals(value: string, lower: string): boolean {
  if (value.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((value.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** 1–7 octal digits: a unix.mode value that sets the mode. */
function isOctal(value: string): boolean {
  return /^[0-7]{1,7}$/.test(value);
}

/**
 * What a value of each fact may hold in a shape: never `;`, a space or a line feed (so a match
 * cannot run past its line); digits for the numbers, so their readers' shortcuts always apply.
 */
function valuePattern(fact: number): string {
  if (fact === SIZE) return '[0-9]{1,15}';
  if (fact === MODIFY) return '[0-9]{14}(?:\\.[0-9]*)?';
  if (fact === MODE) return '[0-7]{1,7}';
  return '[^;\\n ]*';
}
