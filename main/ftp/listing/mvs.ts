/**
 * IBM z/OS (MVS) listings. Data sets (a PO data set is a folder of members):
 *   Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname
 *   WYOSPT 3420   2003/03/03  1   1  FB      80  3200  PS  BSDSI.ABC
 *   Migrated                                                 JOHNDOE.OLD
 * and the members of a partitioned data set:
 *    Name     VV.MM   Created       Changed      Size  Init   Mod   Id
 *   TBSHELF   01.03 2002/09/12 2002/10/11 09:37    11    11     0 KK
 * Data set lines carry only the last-referenced date, which is not a modification time, so
 * it is left out; member sizes count records, not bytes, so they are left out too.
 */

import { digitsValue, parseClock, utcMs, type ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';
import { type LineParser, type LineResult } from './line-parser';
import { splitTokens } from './tokens';

const DATA_SET = /^\S+[ \t]+\S+[ \t]+(?:\d{4}\/\d\d\/\d\d|\*\*NONE\*\*)[ \t]/;
const MEMBER = /^\S+[ \t]+\d\d\.\d\d[ \t]+\d{4}\/\d\d\/\d\d[ \t]+\d{4}\/\d\d\/\d\d[ \t]+\d\d:\d\d[ \t]/;
const OFFLINE = /^(?:Migrated|Pseudo Directory|\S+ Not Direct Access Device)[ \t]/;

/** The MVS format for the dispatcher. */
export const mvsParser: LineParser = {
  format: 'mvs',
  testLine: (line) => DATA_SET.test(line) || MEMBER.test(line) || OFFLINE.test(line),
  parseLine: parseMvsLine,
};

/** Parses one MVS data set or member line, or undefined when it is neither. */
export function parseMvsLine(line: string, _context: ParseContext): LineResult {
  if (MEMBER.test(line)) return member(line);
  const offline = OFFLINE.test(line);
  if (!offline && !DATA_SET.test(line)) return undefined;
  const text = splitTokens(line, 16);
  const name = text[text.length - 1];
  if (name === undefined || text.length < 2) return undefined;
  // Migrated data sets are on tape; their organisation is unknown until recalled.
  if (offline) return { name, kind: line.startsWith('Pseudo Directory') ? 'dir' : 'file' };
  if (text.length < 10) return undefined;
  const dsorg = text[text.length - 2] ?? '';
  return { name, kind: dsorg.startsWith('PO') ? 'dir' : 'file' };
}

/** A PDS member line: name, version, created and changed date, changed time, size … */
function member(line: string): RemoteEntry | undefined {
  const text = splitTokens(line, 6);
  const [name = '', , , changed = '', time = ''] = text;
  const clock = parseClock(time);
  const ms = utcMs(digitsValue(changed, 0, 4), digitsValue(changed, 5, 7), digitsValue(changed, 8, 10), clock?.hour, clock?.minute);
  if (ms === undefined) return undefined;
  return { name, kind: 'file', modified: ms, modifiedPrecision: 'minute' };
}
