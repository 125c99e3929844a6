import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createListingParser, parseList, parseMlstLine, type ListingOptions, type ListingResult } from '../../../main/ftp/listing';
import { createParseContext } from '../../../main/ftp/listing/date-parts';
import { LIST_PARSERS } from '../../../main/ftp/listing/formats';

const now = Date.UTC(2024, 6, 15, 12);
const FIXTURES = join(import.meta.dirname, '../../fixtures/listings');
const corpusLines: string[] = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .flatMap((name) => (JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { cases: { line: string }[] }).cases.map((c) => c.line));

/** Lines that look almost like listings: corpus lines, mutated, plus noise. */
const listingLine = fc.oneof(
  fc.constantFrom(...corpusLines),
  fc.tuple(fc.constantFrom(...corpusLines), fc.nat(), fc.string({ maxLength: 4 })).map(([line, at, insert]) => {
    const index = at % (line.length + 1);
    return line.slice(0, index) + insert + line.slice(index + 1);
  }),
  fc.string({ maxLength: 120 }),
  fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.constantFrom('total 12', '', 'Directory X:[Y]', 'Total of 1 file.', ' ', '\r', ';1', 'A;1'),
);

const listing = fc.array(listingLine, { maxLength: 25 }).chain((lines) =>
  fc.constantFrom('\n', '\r\n').map((newline) => lines.join(newline)),
);

/** Parses `text` fed in pieces cut at `cuts` (string or byte chunks). */
function parseInChunks(text: string, cuts: number[], options: ListingOptions, asBytes: boolean): ListingResult {
  const parser = createListingParser(options);
  const data = asBytes ? Buffer.from(text, 'utf8') : text;
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, data.length]) {
    parser.push(typeof data === 'string' ? data.slice(start, point) : data.subarray(start, point));
    start = point;
  }
  return parser.end();
}

describe('listing parsers under random input', () => {
  it('never throw on random lines, whatever the format', () => {
    const context = createParseContext(now);
    fc.assert(
      fc.property(listingLine, (line) => {
        for (const parser of LIST_PARSERS) {
          parser.testLine(line);
          parser.parseLine(line, context);
        }
        parseMlstLine(line);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throw on random listings and always give plain JSON entries', () => {
    fc.assert(
      fc.property(listing, fc.constantFrom<'list' | 'mlsd'>('list', 'mlsd'), (text, format) => {
        const result = parseList(text, { now, format });
        expect(JSON.parse(JSON.stringify(result.entries))).toStrictEqual(result.entries);
        for (const entry of result.entries) {
          expect(entry.name).not.toBe('');
          if (entry.modified !== undefined) expect(Number.isFinite(entry.modified)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('give the same entries however the listing is cut into chunks', () => {
    fc.assert(
      fc.property(
        listing,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom<'list' | 'mlsd'>('list', 'mlsd'),
        (text, cuts, asBytes, format) => {
          const whole = parseList(text, { now, format });
          expect(parseInChunks(text, cuts, { now, format }, asBytes)).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });
});
