/**
 * Month names as `ls` prints them in the locales FTP servers run in. Servers rarely say
 * which locale they use, so every name is looked up in one table; a prefix that two
 * different months share (French `jui` for juin and juillet) is left out rather than guessed.
 */

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

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  const ambiguous = new Set<string>();
  const add = (key: string, month: number): void => {
    if (ambiguous.has(key)) return;
    const known = table.get(key);
    if (known !== undefined && known !== month) {
      table.delete(key);
      ambiguous.add(key);
      return;
    }
    table.set(key, month);
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
  let end = token.length;
  const lastCode = token.charCodeAt(end - 1);
  // Localized listings write `Okt.` and `Juli,`.
  if (lastCode === 0x2e || lastCode === 0x2c) end--;
  if (end < 2 || end > 12) return 0;
  const first = token.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return asianMonth(token, end);
  const key = (end === token.length ? token : token.slice(0, end)).toLowerCase();
  return MONTHS.get(key) ?? MONTHS.get(withoutAccents(key)) ?? 0;
}

/** `6月` (Chinese, Japanese) or `6월` (Korean) → 6. */
function asianMonth(token: string, end: number): number {
  const suffix = token.charCodeAt(end - 1);
  if (suffix !== 0x6708 && suffix !== 0xc6d4) return 0;
  const month = Number(token.slice(0, end - 1));
  return Number.isInteger(month) && month >= 1 && month <= 12 ? month : 0;
}

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
