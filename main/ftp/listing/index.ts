/** The listing parsers' public face: entry type, parsers, options and caps. */

export type { RemoteEntry, RemoteEntryKind, TimePrecision } from './entry';
export { createListingParser, parseList, parseMlsd, type ListingParser, type ListingResult } from './listing-parser';
export { parseMlsdLine, parseMlstLine } from './mlsd';
export {
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_LISTING_BYTES,
  ListingTooLargeError,
  type ListingOptions,
} from './parse-options';
export { unsafeNameReason } from './unsafe-name';
