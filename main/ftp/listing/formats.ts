/**
 * Every LIST format, in the order the dispatcher tries them. Order matters only where two
 * tests could both fit a line; the more specific format comes first.
 */

import { dosParser } from './dos';
import { eplfParser } from './eplf';
import type { LineParser } from './line-parser';
import { mlsdParser } from './mlsd';
import { mvsParser } from './mvs';
import { netwareParser } from './netware';
import { unixParser } from './unix';
import { vmsParser } from './vms';

/** LIST parsers, tried in order; MLSD-style lines are accepted because some servers send them for LIST. */
export const LIST_PARSERS: readonly LineParser[] = [
  unixParser,
  mlsdParser,
  dosParser,
  eplfParser,
  netwareParser,
  vmsParser,
  mvsParser,
];

/** Parsers for an MLSD reply. */
export const MLSD_PARSERS: readonly LineParser[] = [mlsdParser];

/**
 * Lines that are part of a listing but name nothing: `total 24` (and its translations),
 * the VMS `Directory …` header and `Total of … files` footer, MVS column headers.
 */
const NOISE = /^(?:\s*$|(?:total|insgesamt|totaal|totalt|итого|合計|合计|총)\s+\d|Directory\s|Total of\s|Grand total\s|Volume\s+Unit\s|\s*Name\s+VV\.MM\s)/i;

/** True for lines that are not entries and not errors either. */
export function isNoiseLine(line: string): boolean {
  return NOISE.test(line);
}
