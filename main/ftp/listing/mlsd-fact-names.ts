/**
 * MLSD fact names (RFC 3659 §7) as small numbers, recognised while the name is scanned: a
 * 100,000-line MLSD then allocates no fact-name strings and compares no strings.
 */

// Fact names we read, as small numbers.
export const OTHER = 0;
export const TYPE = 1;
export const SIZE = 2;
export const MODIFY = 3;
export const PERM = 4;
export const UNIQUE = 5;
export const MODE = 6;
export const OWNER_NAME = 7;
export const GROUP_NAME = 8;
export const UID = 9;
export const GID = 10;

/**
 * Fact names are case-insensitive ASCII of at most 14 characters, so a name is keyed exactly
 * by its folded characters in base 128: the first 7 in `key`, the next 7 in `keyRest` (7 × 7
 * bits fit a double's 53-bit mantissa). Known names then match by two number comparisons,
 * with no second pass over the text.
 */
export const KEY_CHARS = 7;

/** Longest fact name that can be a known one. */
export const MAX_KNOWN_LENGTH = 2 * KEY_CHARS;

/**
 * A character as fact names compare it: OR-ing 0x20 lower-cases ASCII letters (and keeps `.`).
 * Anything outside ASCII folds to DEL, which no known name contains, so it matches nothing.
 * Every folded digit is at least 0x20, never 0, so names of different lengths never share a key.
 */
export function fold(code: number): number {
  return code < 0x80 ? code | 0x20 : 0x7f;
}

/** The key of a lower-case name, as the parse loop builds it. */
function keyOf(lower: string): { key: number; keyRest: number } {
  let key = 0;
  let keyRest = 0;
  for (let i = 0; i < lower.length; i++) {
    if (i < KEY_CHARS) key = key * 128 + fold(lower.charCodeAt(i));
    else keyRest = keyRest * 128 + fold(lower.charCodeAt(i));
  }
  return { key, keyRest };
}

// Names of up to 7 characters have keyRest 0; the `unix.` ones share their key ('unix.' + 2 letters).
const TYPE_KEY = keyOf('type').key;
const SIZE_KEY = keyOf('size').key;
const SIZD_KEY = keyOf('sizd').key;
const MODIFY_KEY = keyOf('modify').key;
const PERM_KEY = keyOf('perm').key;
const UNIQUE_KEY = keyOf('unique').key;
const UNIX_MO_KEY = keyOf('unix.mo').key;
const UNIX_OW_KEY = keyOf('unix.ow').key;
const UNIX_GR_KEY = keyOf('unix.gr').key;
const UNIX_UI_KEY = keyOf('unix.ui').key;
const UNIX_GI_KEY = keyOf('unix.gi').key;
const DE_REST = keyOf('unix.mode').keyRest;
const NER_REST = keyOf('unix.owner').keyRest;
const NERNAME_REST = keyOf('unix.ownername').keyRest;
const OUP_REST = keyOf('unix.group').keyRest;
const OUPNAME_REST = keyOf('unix.groupname').keyRest;
const D_REST = keyOf('unix.uid').keyRest;

/**
 * Which fact a name of at most 14 characters with this key is, or OTHER for facts we do not
 * read. Plain comparisons, most frequent names first: this runs for every fact of every line.
 */
export function factOf(key: number, keyRest: number): number {
  if (keyRest === 0) {
    if (key === TYPE_KEY) return TYPE;
    if (key === SIZE_KEY || key === SIZD_KEY) return SIZE;
    if (key === MODIFY_KEY) return MODIFY;
    if (key === PERM_KEY) return PERM;
    if (key === UNIQUE_KEY) return UNIQUE;
    return OTHER;
  }
  if (key === UNIX_MO_KEY) return keyRest === DE_REST ? MODE : OTHER;
  if (key === UNIX_OW_KEY) return keyRest === NER_REST || keyRest === NERNAME_REST ? OWNER_NAME : OTHER;
  if (key === UNIX_GR_KEY) return keyRest === OUP_REST || keyRest === OUPNAME_REST ? GROUP_NAME : OTHER;
  if (keyRest !== D_REST) return OTHER;
  if (key === UNIX_UI_KEY) return UID;
  if (key === UNIX_GI_KEY) return GID;
  return OTHER;
}
