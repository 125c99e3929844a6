import type { Stats } from 'node:fs';

/**
 * True when a copy needs no transfer under `--only-newer`: it is at least as new as the
 * original (to the whole second: MDTM, MFMT and LIST carry no more) and, when both sizes are
 * known, the same size.
 */
export function isUpToDate(copy: Pick<Stats, 'mtimeMs' | 'size'>, original: { modified?: number; size?: number }): boolean {
  if (original.size !== undefined && original.size !== copy.size) return false;
  if (original.modified === undefined) return original.size !== undefined;
  return Math.floor(copy.mtimeMs / 1000) >= Math.floor(original.modified / 1000);
}
