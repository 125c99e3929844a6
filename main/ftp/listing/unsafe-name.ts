/**
 * Security rule 16: a remote name becomes one local path segment. A hostile server can send
 * `..`, `a/b` or `CON` to escape or break the download folder, so every listed name is checked
 * here and flagged with a reason the UI can show. Entries are flagged, never dropped, so the
 * user still sees what the server holds.
 */

/** Device names Windows reserves in every folder, with or without an extension. */
const RESERVED = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM¹', 'COM²', 'COM³', 'LPT¹', 'LPT²', 'LPT³',
]);

/** Why `name` is not safe as a single local path segment, or undefined when it is. */
export function unsafeNameReason(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name === '.' || name === '..') return `"${name}" refers to a folder, not an entry in it`;
  const character = unsafeCharacterReason(name);
  if (character !== undefined) return character;
  const last = name.charCodeAt(name.length - 1);
  if (last === 0x2e || last === 0x20) return 'Windows cannot hold a name ending in a dot or a space';
  if (isReservedDeviceName(name)) return 'the name is a device name Windows reserves';
  return undefined;
}

/**
 * Every character unsafeCharacterReason objects to: controls, DEL and `"` `*` `/` `:` `<` `>`
 * `?` `\\` `|`. Every listed name is checked, and the regexp engine scans for a class in native
 * code, faster than a character loop here.
 */
const SUSPICIOUS = /[\x00-\x1f"*/:<>?\\|\x7f]/;

/** Index of the first character unsafeCharacterReason might object to, or -1. */
function firstSuspicious(name: string): number {
  return name.search(SUSPICIOUS);
}

/** The reason for the first character that cannot appear in a local name, if any. */
function unsafeCharacterReason(name: string): string | undefined {
  const from = firstSuspicious(name);
  if (from < 0) return undefined;
  for (let i = from; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2f) return 'the name contains "/"';
    if (code === 0x5c) return 'the name contains "\\"';
    if (code === 0) return 'the name contains a NUL character';
    if (code < 0x20 || code === 0x7f) return 'the name contains a control character';
    if (code === 0x3a) return 'the name contains ":", which Windows reads as a drive or stream';
    // < > " | ? * cannot appear in a Windows file name.
    if (code === 0x3c || code === 0x3e || code === 0x22 || code === 0x7c || code === 0x3f || code === 0x2a) {
      return `Windows cannot hold the character "${name[i] ?? ''}" in a name`;
    }
  }
  return undefined;
}

/** True for `CON`, `nul.txt`, `Com1.tar.gz`, `LPT1 .log` and the like. */
function isReservedDeviceName(name: string): boolean {
  if (!mayBeReserved(name)) return false;
  const dot = name.indexOf('.');
  // Windows ignores trailing spaces before the extension, so `CON .txt` is still CON.
  const stem = (dot === -1 ? name : name.slice(0, dot)).trimEnd();
  return stem.length >= 3 && stem.length <= 4 && RESERVED.has(stem.toUpperCase());
}

/**
 * A cheap first look, since every entry of a listing is checked: a reserved stem starts with
 * C, P, A, N or L, and its fourth character (if any) is `.`, a space, or the digit of COM1–LPT9.
 * Control characters never get here (unsafeCharacterReason), so the only ASCII blank that
 * trimEnd could drop from the stem is the space; non-ASCII characters go to the full check.
 */
function mayBeReserved(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20; // lower case
  if (first !== 0x63 && first !== 0x70 && first !== 0x61 && first !== 0x6e && first !== 0x6c) return false; // c p a n l
  if (name.length <= 3) return true;
  const fourth = name.charCodeAt(3);
  return fourth >= 0x80 || fourth === 0x2e || fourth === 0x20 || (fourth >= 0x31 && fourth <= 0x39);
}
