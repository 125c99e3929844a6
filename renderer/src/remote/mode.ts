/**
 * Unix permission bits for the chmod dialog: nine checkboxes and an octal field kept in
 * step. Special bits (setuid, setgid, sticky) travel in the octal field only.
 */

export type Who = 'owner' | 'group' | 'others';
export type Right = 'read' | 'write' | 'execute';

export const WHO: readonly Who[] = ['owner', 'group', 'others'];
export const RIGHTS: readonly Right[] = ['read', 'write', 'execute'];

/** The bit for one right of one class: owner read = 0o400 … others execute = 0o001. */
export function bit(who: Who, right: Right): number {
  const shift = (2 - WHO.indexOf(who)) * 3;
  return (4 >> RIGHTS.indexOf(right)) << shift;
}

/** True when `mode` grants `right` to `who`. */
export function has(mode: number, who: Who, right: Right): boolean {
  return (mode & bit(who, right)) !== 0;
}

/** `mode` with one right switched on or off. */
export function toggle(mode: number, who: Who, right: Right, on: boolean): number {
  return on ? mode | bit(who, right) : mode & ~bit(who, right);
}

/** Three or four octal digits, as `chmod` takes them: 0o755 → "755", 0o4755 → "4755". */
export function toOctal(mode: number): string {
  const text = (mode & 0o7777).toString(8);
  return text.padStart(3, '0');
}

/** Parses "755" or "0755"; null for anything else (so the field can say so). */
export function parseOctal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[0-7]{3,4}$/.test(trimmed)) return null;
  return Number.parseInt(trimmed, 8);
}

/** Mode bits from `rwxr-xr-x` (a leading type letter like `d` or `-` is allowed); null if unreadable. */
export function modeFromPermissions(text: string): number | null {
  const letters = text.length === 10 ? text.slice(1) : text;
  if (!/^[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]$/.test(letters)) return null;
  let mode = 0;
  for (let i = 0; i < 9; i++) {
    const letter = letters[i]!;
    if (letter !== '-' && letter !== 'S' && letter !== 'T') mode |= 1 << (8 - i);
  }
  if (/[sS]/.test(letters[2]!)) mode |= 0o4000;
  if (/[sS]/.test(letters[5]!)) mode |= 0o2000;
  if (/[tT]/.test(letters[8]!)) mode |= 0o1000;
  return mode;
}
