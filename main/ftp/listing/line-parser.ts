/**
 * The one shape every listing format shares (after basic-ftp): a cheap test that says whether
 * a line looks like this format, and a parser for one line. Adding a format is adding a file
 * that exports a LineParser and listing it in `formats.ts`.
 */

import type { ParseContext } from './date-parts';
import type { RemoteEntry } from './entry';

/** Returned for lines that parse but name no entry (MLSD cdir/pdir, LIST `.` and `..`). */
export const SKIP = 'skip';

/** What parsing one line gives: an entry, SKIP, or undefined when the line is not this format. */
export type LineResult = RemoteEntry | typeof SKIP | undefined;

/** One listing format. */
export interface LineParser {
  /** Short name for logs and tests (`unix`, `dos`, `mlsd` …). */
  readonly format: string;
  /** True when `line` looks like this format; used to pick the format of a listing. */
  testLine(line: string): boolean;
  /** Parses one line; never throws. */
  parseLine(line: string, context: ParseContext): LineResult;
  /**
   * parseLine for the line `text[start, end)`, read in place. The formats on the hot path
   * (MLSD, Unix) implement it so a 100,000-line listing is not sliced into 100,000 line
   * strings first. Must agree with parseLine; only for formats without isPartial.
   */
  parseRange?(text: string, start: number, end: number, context: ParseContext): LineResult;
  /**
   * True when the line is only the start of an entry that continues on the next line
   * (VMS puts long names on a line of their own). The dispatcher joins the two with a space.
   */
  isPartial?(line: string): boolean;
}
