import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseList, type RemoteEntry } from '../../../main/ftp/listing';

/** One corpus file: a format, a fixed "now", and lines with the entry each must give (null: none). */
interface CorpusFile {
  format: string;
  now: string;
  cases: { line: string; expected: (Omit<RemoteEntry, 'modified'> & { modified?: string }) | null; note?: string }[];
}

const FIXTURES = join(import.meta.dirname, '../../fixtures/listings');
const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.json'));

/** The expected entry as the parser returns it: ISO times to ms, `unsafe: "*"` to any reason. */
function expectedEntry(expected: NonNullable<CorpusFile['cases'][number]['expected']>): unknown {
  const { modified, unsafe, ...rest } = expected;
  return {
    ...rest,
    ...(modified === undefined ? {} : { modified: Date.parse(modified) }),
    ...(unsafe === undefined ? {} : { unsafe: unsafe === '*' ? expect.any(String) : unsafe }),
  };
}

describe.each(files)('listing corpus %s', (file) => {
  const corpus = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as CorpusFile;
  const now = Date.parse(corpus.now);
  const format = corpus.format === 'mlsd' ? 'mlsd' : 'list';

  it.each(corpus.cases.map((c) => [c.note ?? c.line, c] as const))('%s', (_label, { line, expected }) => {
    const result = parseList(line, { now, format });
    if (expected === null) {
      expect(result.entries).toEqual([]);
      return;
    }
    expect(result.entries).toEqual([expectedEntry(expected)]);
    expect(result.entries[0]).toStrictEqual(JSON.parse(JSON.stringify(result.entries[0])));
    expect(result.format).toBe(corpus.format);
    expect(result.unparsedCount).toBe(0);
  });

  it('parses the whole file as one listing, entries in order', () => {
    const wanted = corpus.cases.filter((c) => c.expected !== null);
    const result = parseList(corpus.cases.map((c) => c.line).join('\r\n'), { now, format });
    expect(result.entries.map((entry) => entry.name)).toEqual(wanted.map((c) => c.expected?.name));
    expect(result.format).toBe(corpus.format);
  });
});
