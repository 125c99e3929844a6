// The registry of micro scenarios (see ../micro.ts and ../README.md): in-process pure
// functions timed as a median, each output checked so a broken parser never looks fast.
import { defineMicro, type MicroScenario } from '../micro';
import { check, generateListing, parseWhole, type ListingKind } from './listing-parse';

const ENTRIES = 100_000;

function listingScenario(kind: ListingKind, title: string): MicroScenario {
  return defineMicro({
    id: `parse-${kind}`,
    title,
    setup: () => generateListing(kind, ENTRIES),
    run: (text: string) => parseWhole(kind, text),
    check: (result) => check(kind, result, ENTRIES),
    target: { kind: 'below', limit: 100 },
  });
}

export const MICRO: readonly MicroScenario[] = [
  listingScenario('mlsd', 'parse a 100,000-entry MLSD listing'),
  listingScenario('unix', 'parse a 100,000-entry Unix LIST listing'),
];
