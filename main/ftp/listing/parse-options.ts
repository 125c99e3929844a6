/**
 * Options and caps for listing parsers (security rule 19). A hostile or broken server can
 * send an endless listing; the caps stop it with a typed error instead of eating memory.
 */

import type { ErrorPhase, WireError } from '../../../shared/errors';

/** basic-ftp stops at 40 MiB; 64 MiB holds ~1 million typical `ls -l` lines. */
export const DEFAULT_MAX_LISTING_BYTES = 64 * 1024 * 1024;

/** FileZilla's cap: no honest folder has more entries. */
export const DEFAULT_MAX_ENTRIES = 10_000_000;

/** How a listing is read; every field has a safe default. */
export interface ListingOptions {
  /** `mlsd` for MLSD replies; `list` (default) detects the LIST format, MLSD-style lines included. */
  readonly format?: 'mlsd' | 'list';
  /** "Now" in ms since the epoch, for LIST dates without a year (default: Date.now()). */
  readonly now?: number;
  /** Largest listing in bytes (UTF-8 bytes for string chunks). */
  readonly maxListingBytes?: number;
  /** Most entries in one listing. */
  readonly maxEntries?: number;
  /** Keep each entry's source line in `raw` (off by default: it doubles the memory of a listing). */
  readonly keepRaw?: boolean;
  /** How many unparsed lines to keep as samples for the log (default 20); all are counted. */
  readonly maxUnparsedSamples?: number;
}

/** Options with every default filled in. */
export interface ResolvedListingOptions {
  readonly format: 'mlsd' | 'list';
  readonly now: number;
  readonly maxListingBytes: number;
  readonly maxEntries: number;
  readonly keepRaw: boolean;
  readonly maxUnparsedSamples: number;
}

/** Fills in defaults. */
export function resolveListingOptions(options: ListingOptions = {}): ResolvedListingOptions {
  return {
    format: options.format ?? 'list',
    now: options.now ?? Date.now(),
    maxListingBytes: options.maxListingBytes ?? DEFAULT_MAX_LISTING_BYTES,
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    keepRaw: options.keepRaw ?? false,
    maxUnparsedSamples: options.maxUnparsedSamples ?? 20,
  };
}

/**
 * A listing went over a cap. It has the engine's wire shape `{ kind, message, phase }`, and
 * which cap it was: the parsers stand alone, and list.ts turns this into an FtpError.
 */
export class ListingTooLargeError extends Error implements WireError {
  override readonly name = 'ListingTooLargeError';
  readonly kind = 'listing-too-large';
  readonly phase: ErrorPhase = 'data';
  /** Which cap was hit, and its value. */
  readonly limit: 'maxListingBytes' | 'maxEntries';
  readonly max: number;

  constructor(limit: 'maxListingBytes' | 'maxEntries', max: number) {
    super(
      limit === 'maxListingBytes'
        ? `The folder listing is larger than ${max} bytes; it was stopped (maxListingBytes).`
        : `The folder has more than ${max} entries; the listing was stopped (maxEntries).`,
    );
    this.limit = limit;
    this.max = max;
  }

  /** The plain `{ kind, message, phase }` value sent over IPC. */
  toJSON(): WireError {
    return { kind: this.kind, message: this.message, phase: this.phase };
  }
}
