/**
 * Month names as `ls` prints them in the locales FTP servers run in. Servers rarely say
 * which locale they use, so every name is looked up in one table; a prefix that two
 * different months share (French `jui` for juin and juillet) is left out rather than guessed.
 */

import { digitsValue } from './date-parts';

/** Full month names, January first, per language. */
const FULL_NAMES: readonly (readonly string[])[] = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień', 'wrzesień', 'październik', 'listopad', 'grudzień'],
  ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
  // Russian `ls` prints the genitive ("3 мая").
  ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
];

/** Abbreviations that are not a plain prefix of a full name. */
const EXTRA: Readonly<Record<string, number>> = {
  mrz: 3, jän: 1, mrt: 3, setiembre: 9, fevr: 2, aout: 8, dec: 12, sept: 9, juil: 7, juin: 6,
};

const MONTHS: ReadonlyMap<string, number> = buildTable();

/**
 * Three ASCII letters → month, indexed by the letters' positions in the alphabet (26³ cells):
 * the common case of every `ls -l` line looked up by one array load, without a string.
 */
const SHORT_MONTHS: Uint8Array = buildShortTable();

function buildShortTable(): Uint8Array {
  const table = new Uint8Array(26 * 26 * 26);
  for (const [key, month] of MONTHS) {
    if (key.length === 3 && /^[a-z]{3}$/.test(key)) table[shortIndex(key, 0)] = month;
  }
  return table;
}

/** The cell of three ASCII letters from `start`, lower-cased by OR-ing 0x20. */
function shortIndex(text: string, start: number): number {
  return ((text.charCodeAt(start) | 0x20) - 0x61) * 676 + ((text.charCodeAt(start + 1) | 0x20) - 0x61) * 26 + ((text.charCodeAt(start + 2) | 0x20) - 0x61);
}

/** The month named by the three ASCII letters (any case) at `start`, or 0; the caller checks they are letters. */
export function shortMonthAt(text: string, start: number): number {
  return SHORT_MONTHS[shortIndex(text, start)] ?? 0;
}

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  const ambiguous = new Set<string>();
  const addOne = (key: string, month: number): void => {
    if (ambiguous.has(key)) return;
    const known = table.get(key);
    if (known !== undefined && known !== month) {
      table.delete(key);
      ambiguous.add(key);
      return;
    }
    table.set(key, month);
  };
  // Servers that cannot send accents send `fevr.` or `dec`; register both spellings.
  const add = (key: string, month: number): void => {
    addOne(key, month);
    const plain = withoutAccents(key);
    if (plain !== key) addOne(plain, month);
  };
  for (const names of FULL_NAMES) {
    names.forEach((name, index) => {
      add(name, index + 1);
      add(name.slice(0, 3), index + 1);
      add(name.slice(0, 4), index + 1);
    });
  }
  for (const [key, month] of Object.entries(EXTRA)) add(key, month);
  return table;
}

/** The month (1–12) a token names — `Jun`, `juin`, `Okt.`, `Juli,`, `мая`, `6月`, `6월` — or 0. */
export function monthFromToken(token: string): number {
  return monthInRange(token, 0, token.length);
}

/** The month named by `text[start, end)`, or 0; allocation-free for three-letter ASCII names. */
export function monthInRange(text: string, start: number, end: number): number {
  // Localized listings write `Okt.`, `Juli,` and `Jan.,`.
  for (let k = 0; k < 2 && end > start; k++) {
    const last = text.charCodeAt(end - 1);
    if (last !== 0x2e && last !== 0x2c) break;
    end--;
  }
  const length = end - start;
  if (length < 2 || length > 12) return 0;
  const first = text.charCodeAt(start);
  if (first >= 0x30 && first <= 0x39) return asianMonth(text, start, end);
  if (length === 3 && isAsciiLetter(first) && isAsciiLetter(text.charCodeAt(start + 1)) && isAsciiLetter(text.charCodeAt(start + 2))) {
    return shortMonthAt(text, start);
  }
  if (first < 0x80 && !isAsciiLetter(first)) return 0;
  const key = text.slice(start, end).toLowerCase();
  const month = MONTHS.get(key);
  if (month !== undefined) return month;
  // Only names with non-ASCII letters can differ by accents; skip the costly normalize otherwise.
  return /[^\x00-\x7f]/.test(key) ? (MONTHS.get(withoutAccents(key)) ?? 0) : 0;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** `6月` (Chinese, Japanese) or `6월` (Korean) → 6. */
function asianMonth(text: string, start: number, end: number): number {
  const suffix = text.charCodeAt(end - 1);
  if (suffix !== 0x6708 && suffix !== 0xc6d4) return 0;
  const month = digitsValue(text, start, end - 1);
  return month >= 1 && month <= 12 ? month : 0;
}

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
