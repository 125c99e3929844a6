/**
 * OpenVMS listings:
 *   FILE.TXT;1        2/4    12-JUN-2019 14:00:00  [GROUP,OWNER]  (RWED,RWED,RE,)
 *   LONG_NAME_THAT_WRAPS.TXT;1
 *           170774/170775     24-APR-2003 08:16:15  [FTP_CLIENT,SCOT]      (RWED,RWED,RE,)
 * The version (`;1`) is dropped so the name works for download; `X.DIR` is folder `X`.
 * Sizes are in 512-byte blocks (`used/allocated`) or `2KB`; columns may come in any order.
 */

import { digitsValue, parseClock, utcMs, type Clock, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { type LineParser, type LineResult } from './line-parser';
import { monthFromToken } from './months';
import { splitTokens } from './tokens';

const NAME = /^[^\s;]+;\d+(?:[ \t]|$)/;
const NAME_ONLY = /^[^\s;]+;\d+[ \t]*$/;
const BLOCK_BYTES = 512;

/** The VMS format for the dispatcher. */
export const vmsParser: LineParser = {
  format: 'vms',
  testLine: (line) => NAME.test(line),
  parseLine: parseVmsLine,
  isPartial: (line) => NAME_ONLY.test(line),
};

/** Parses one VMS entry (a wrapped entry must be joined into one line first). */
export function parseVmsLine(line: string, _context: ParseContext): LineResult {
  if (!NAME.test(line)) return undefined;
  const text = splitTokens(line, 32);
  const first = text[0] ?? '';
  let name = first.slice(0, first.lastIndexOf(';'));
  const entry: RemoteEntry = { name, kind: 'file' };
  if (name.toUpperCase().endsWith('.DIR')) {
    name = name.slice(0, -4);
    entry.kind = 'dir';
  }
  entry.name = name;
  let day: { year: number; month: number; day: number } | undefined;
  let clock: Clock | undefined;
  for (let i = 1; i < text.length; i++) {
    const token = text[i] ?? '';
    if (token.startsWith('[')) {
      const closing = text.findIndex((t, k) => k >= i && t.endsWith(']'));
      if (closing < 0) return undefined;
      setOwner(entry, text.slice(i, closing + 1).join(' ').slice(1, -1));
      i = closing;
      continue;
    }
    if (token.startsWith('(') && token.endsWith(')')) {
      entry.permissions = token.slice(1, -1);
      continue;
    }
    // Columns are told apart by shape, not position: servers order them differently.
    day ??= vmsDay(token);
    clock ??= parseClock(token);
    const size = entry.size === undefined ? vmsSize(token) : undefined;
    if (size !== undefined) entry.size = size;
  }
  if (day === undefined || entry.size === undefined) return undefined;
  const ms = utcMs(day.year, day.month, day.day, clock?.hour, clock?.minute, clock?.second, clock?.millisecond);
  if (ms === undefined) return undefined;
  entry.modified = ms;
  entry.modifiedPrecision = clock?.precision ?? 'day';
  return entry;
}

/** `19-NOV-2001` → its parts, or undefined. */
function vmsDay(token: string): { year: number; month: number; day: number } | undefined {
  const parts = token.split('-');
  if (parts.length !== 3) return undefined;
  const day = digitsValue(parts[0] ?? '');
  const month = monthFromToken(parts[1] ?? '');
  const year = digitsValue(parts[2] ?? '');
  if (day < 1 || month === 0 || year < 1000) return undefined;
  return { year, month, day };
}

/** `155` or `2/4` blocks (the used count), or `2KB` / `1.5MB` → bytes. */
function vmsSize(token: string): number | undefined {
  const slash = token.indexOf('/');
  const blocks = digitsValue(token, 0, slash < 0 ? token.length : slash);
  if (blocks >= 0 && (slash < 0 || digitsValue(token, slash + 1) >= 0)) return blocks * BLOCK_BYTES;
  const match = /^(\d+(?:\.\d+)?)([KMG])B$/i.exec(token);
  if (match === null) return undefined;
  const exponent = 'KMG'.indexOf((match[2] ?? 'K').toUpperCase()) + 1;
  return Math.round(Number(match[1]) * 1024 ** exponent);
}

/** `[GROUP,OWNER]` → group and owner; `[OWNER]` → owner. */
function setOwner(entry: RemoteEntry, text: string): void {
  const comma = text.indexOf(',');
  if (comma < 0) {
    entry.owner = text.trim();
    return;
  }
  entry.group = text.slice(0, comma).trim();
  entry.owner = text.slice(comma + 1).trim();
}
