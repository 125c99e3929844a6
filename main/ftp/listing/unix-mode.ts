/**
 * Unix permission bits both ways: LIST shows `rwxr-sr-t`, MLSD sends `unix.mode=2755`.
 * Entries carry both forms so the UI and a later chmod need not re-derive them.
 */

const LETTERS = 'rwxrwxrwx';

/** Mode bits from nine `ls` permission letters at `start` (`rwxr-xr-x` → 0o755), or undefined if malformed. */
export function modeFromPermissions(text: string, start = 0): number | undefined {
  if (text.length < start + 9) return undefined;
  let mode = 0;
  for (let i = 0; i < 9; i++) {
    const letter = text.charCodeAt(start + i);
    const bit = 1 << (8 - i);
    if (letter === LETTERS.charCodeAt(i)) mode |= bit;
    else if (letter === 0x2d) continue; // -
    else if (i % 3 === 2) mode |= executeSlot(text[start + i], i);
    else return undefined;
  }
  return mode;
}

/** The x column also holds setuid/setgid (s/S) and sticky (t/T); lower case means x is set too. */
function executeSlot(letter: string | undefined, index: number): number {
  const special = index === 2 ? 0o4000 : index === 5 ? 0o2000 : 0o1000;
  const execute = 1 << (8 - index);
  if (letter === 's' || letter === 't') return special | execute;
  if (letter === 'S' || letter === 'T') return special;
  return 0;
}

/**
 * Listings repeat a handful of modes; build each string once. Indexed by the 12 mode bits: an
 * array load is cheaper than a Map lookup, and this runs for every entry.
 */
const PERMISSION_CACHE: (string | undefined)[] = new Array<string | undefined>(0o10000).fill(undefined);

/** Nine `ls` permission letters for mode bits (0o4755 → `rwsr-xr-x`). */
export function permissionsFromMode(mode: number): string {
  const bits = mode & 0o7777;
  let text = PERMISSION_CACHE[bits];
  if (text === undefined) {
    text = lettersFor(bits);
    PERMISSION_CACHE[bits] = text;
  }
  return text;
}

function lettersFor(mode: number): string {
  let text = '';
  for (let i = 0; i < 9; i++) {
    const set = (mode & (1 << (8 - i))) !== 0;
    let letter = set ? (LETTERS[i] ?? '-') : '-';
    if (i % 3 === 2) {
      const special = i === 2 ? 0o4000 : i === 5 ? 0o2000 : 0o1000;
      if ((mode & special) !== 0) letter = i === 8 ? (set ? 't' : 'T') : set ? 's' : 'S';
    }
    text += letter;
  }
  return text;
}
