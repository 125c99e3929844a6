/**
 * EPLF, Bernstein's Easily Parsed LIST Format (cr.yp.to/ftp/list/eplf.html):
 *   +i8388621.48594,m825718503,r,s280,up755\tdjb.html
 * `+`, comma-separated facts, a tab, the name. `/` marks a folder, `r` a retrievable file,
 * `m` the time in Unix seconds (UTC), `s` the size, `up` octal permissions, `i` an identifier.
 */

import { digitsValue, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { SKIP, type LineParser, type LineResult } from './line-parser';
import { permissionsFromMode } from './unix-mode';

/** The EPLF format for the dispatcher. */
export const eplfParser: LineParser = {
  format: 'eplf',
  testLine: (line) => line.charCodeAt(0) === 0x2b && line.indexOf('\t') > 1,
  parseLine: parseEplfLine,
};

/** Parses one EPLF line, or undefined when it is not one. */
export function parseEplfLine(line: string, _context: ParseContext): LineResult {
  if (line.charCodeAt(0) !== 0x2b) return undefined;
  const tab = line.indexOf('\t');
  if (tab < 1) return undefined;
  const name = line.slice(tab + 1);
  if (name.length === 0) return undefined;
  if (name === '.' || name === '..') return SKIP;
  const entry: RemoteEntry = { name, kind: 'other' };
  for (const fact of line.slice(1, tab).split(',')) {
    const code = fact[0];
    if (code === '/') entry.kind = 'dir';
    else if (code === 'r' && fact.length === 1 && entry.kind === 'other') entry.kind = 'file';
    else if (code === 's') {
      const size = digitsValue(fact, 1);
      if (size >= 0) entry.size = size;
    } else if (code === 'm') {
      const seconds = digitsValue(fact, 1);
      if (seconds >= 0) {
        entry.modified = seconds * 1000;
        entry.modifiedPrecision = 'second';
      }
    } else if (code === 'i' && fact.length > 1) entry.unique = fact.slice(1);
    else if (fact.startsWith('up')) {
      const mode = Number.parseInt(fact.slice(2), 8);
      if (/^[0-7]{1,4}$/.test(fact.slice(2))) {
        entry.mode = mode;
        entry.permissions = permissionsFromMode(mode);
      }
    }
  }
  return entry;
}
