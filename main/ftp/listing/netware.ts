/**
 * Novell NetWare listings:
 *   d [RWCEAFMS] owner          512       Jun 03 12:00    name
 *   - [R----F--] rhesus      214059       Oct 20  2019    name
 * Type letter, trustee rights in brackets, owner, size, an `ls`-style date, then the name
 * after padding (so leading spaces of names cannot be told apart and are dropped).
 */

import { digitsValue, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { dateAt } from './list-date';
import { restAfter, scanTokens } from './tokens';

const NETWARE = /^[-d] \[[-A-Z]{8}\][ \t]/;

/** The NetWare format for the dispatcher. */
export const netwareParser: LineParser = {
  format: 'netware',
  testLine: (line) => NETWARE.test(line),
  parseLine: parseNetwareLine,
};

/** Parses one NetWare line, or undefined when it is not one. */
export function parseNetwareLine(line: string, context: ParseContext): LineResult {
  if (!NETWARE.test(line)) return undefined;
  const spans = scanTokens(line, 8);
  const size = digitsValue(line, spans.start[3] ?? 0, spans.end[3] ?? 0);
  if (size < 0) return undefined;
  const date = dateAt(line, spans, 4, context);
  if (date === undefined) return undefined;
  const owner = line.slice(spans.start[2], spans.end[2]);
  const rights = line.slice((spans.start[1] ?? 0) + 1, (spans.end[1] ?? 0) - 1);
  const name = restAfter(line, spans.end[date.last] ?? line.length, true);
  if (name.length === 0) return undefined;
  if (name === '.' || name === '..') return SKIP;
  const entry: RemoteEntry = { name, kind: line[0] === 'd' ? 'dir' : 'file', size };
  entry.modified = date.ms;
  entry.modifiedPrecision = date.precision;
  entry.permissions = rights;
  entry.owner = owner;
  return entry;
}
