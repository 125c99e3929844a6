/**
 * Human-readable sizes and dates. Formatters are built once: Intl constructors are
 * costly and a virtualized list formats a few dozen cells on every scroll frame.
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

/** Binary units, as file managers show them: 1536 → "1.5 KiB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Three significant digits are plenty; "123.4 MiB" reads as noise.
  const digits = unit === 0 || value >= 100 ? wholeNumber : oneDecimal;
  return `${digits.format(value)} ${UNITS[unit]}`;
}

/** A compact local date and time for a table cell. */
export function formatDate(epochMs: number | null): string {
  return epochMs === null ? '' : dateTime.format(epochMs);
}

/** The long form, for tooltips. */
export function formatFullDate(epochMs: number | null): string {
  return epochMs === null ? '' : fullDateTime.format(epochMs);
}

/** "1 item" / "2 items". */
export function plural(count: number, noun: string): string {
  return `${wholeNumber.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}
