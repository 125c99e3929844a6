// The registry of micro scenarios (see ../micro.ts and ../README.md): in-process pure
// functions timed as a median, each output checked so a broken parser never looks fast.
import type { RemoteEntry } from '../../../main/ftp/listing/index';
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
    // The same 100,000 entries built by V8's own C++ JSON parser from their JSON: how long this
    // machine takes, this minute, to turn text into these objects (the JSON is 1.5–2.4× the text).
    peer: {
      name: 'V8 JSON.parse',
      note: "V8's JSON.parse building the same 100,000 entries from their JSON text",
      setup: (text: string) => JSON.stringify(parseWhole(kind, text).entries),
      run: (json: string) => JSON.parse(json) as RemoteEntry[],
      check: (entries: RemoteEntry[]) => {
        if (entries.length !== ENTRIES) throw new Error(`JSON.parse gave ${entries.length} entries`);
      },
    },
  });
}

export const MICRO: readonly MicroScenario[] = [
  listingScenario('mlsd', 'parse a 100,000-entry MLSD listing'),
  listingScenario('unix', 'parse a 100,000-entry Unix LIST listing'),
];
