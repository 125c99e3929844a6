import { describe, expect, it } from 'vitest';
import { toWireError } from '../../../shared/errors';
import {
  createListingParser,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_LISTING_BYTES,
  ListingTooLargeError,
  parseList,
  parseMlsd,
} from '../../../main/ftp/listing';

describe('listing caps (security rule 19)', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_MAX_LISTING_BYTES).toBe(64 * 1024 * 1024);
    expect(DEFAULT_MAX_ENTRIES).toBe(10_000_000);
  });

  it('stops a listing over maxListingBytes with a typed error', () => {
    const text = 'type=file; a\r\n'.repeat(100);
    const error = captured(() => parseMlsd(text, { maxListingBytes: 1000 }));
    expect(error).toBeInstanceOf(ListingTooLargeError);
    expect(error).toMatchObject({ kind: 'listing-too-large', phase: 'data', limit: 'maxListingBytes', max: 1000 });
    expect(toWireError(error)).toEqual({ kind: 'listing-too-large', message: expect.stringContaining('1000 bytes'), phase: 'data' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ kind: 'listing-too-large', message: expect.any(String), phase: 'data' });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(() => parseMlsd('type=file; ü\n', { maxListingBytes: 13 })).toThrow(ListingTooLargeError);
    expect(() => parseMlsd('type=file; ü\n', { maxListingBytes: 14 })).not.toThrow();
  });

  it('stops at maxEntries, exactly at the cap', () => {
    const text = '-rw-r--r-- 1 a b 1 Jun  3  2019 f\n'.repeat(5);
    expect(parseList(text, { maxEntries: 5 }).entries).toHaveLength(5);
    expect(() => parseList(text, { maxEntries: 4 })).toThrow(expect.objectContaining({ kind: 'listing-too-large', limit: 'maxEntries' }));
  });

  it('stays failed once a cap is hit, while streaming', () => {
    const parser = createListingParser({ format: 'mlsd', maxListingBytes: 20 });
    parser.push('type=file; a\n');
    const first = captured(() => parser.push('type=file; b\n'));
    expect(first).toBeInstanceOf(ListingTooLargeError);
    expect(captured(() => parser.push('x'))).toBe(first);
    expect(captured(() => parser.end())).toBe(first);
  });

  it('caps a single endless line too (no newline ever comes)', () => {
    const parser = createListingParser({ maxListingBytes: 1024 });
    expect(() => {
      for (let i = 0; i < 100; i++) parser.push('x'.repeat(100));
    }).toThrow(ListingTooLargeError);
  });
});

function captured(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
