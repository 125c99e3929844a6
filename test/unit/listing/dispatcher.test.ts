import { describe, expect, it } from 'vitest';
import { createListingParser, parseList } from '../../../main/ftp/listing';

const now = Date.UTC(2024, 6, 15, 12);

describe('parseList dispatcher', () => {
  it('skips total lines and blank lines before picking the format', () => {
    const result = parseList('total 8\r\n\r\ndrwxr-xr-x 2 a b 4096 Jun  3  2019 dir\r\n-rw-r--r-- 1 a b 1 Jun  3  2019 f\r\n', { now });
    expect(result.format).toBe('unix');
    expect(result.entries.map((entry) => entry.name)).toEqual(['dir', 'f']);
    expect(result.unparsedCount).toBe(0);
  });

  it('falls back per line when one line is in another format', () => {
    const text = ['-rw-r--r-- 1 a b 1 Jun  3  2019 unix', '06-03-19  12:00PM       <DIR>          dos', '+m825718503,r,s1,\teplf'].join('\n');
    const result = parseList(text, { now });
    expect(result.format).toBe('unix');
    expect(result.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['unix', 'file'],
      ['dos', 'dir'],
      ['eplf', 'file'],
    ]);
  });

  it('counts and samples lines nobody can read, and never throws on them', () => {
    const junk = Array.from({ length: 30 }, (_, i) => `junk line ${i}`);
    const result = parseList(['-rw-r--r-- 1 a b 1 Jun  3  2019 ok', ...junk].join('\n'), { now, maxUnparsedSamples: 5 });
    expect(result.entries).toHaveLength(1);
    expect(result.unparsedCount).toBe(30);
    expect(result.unparsed).toEqual(junk.slice(0, 5));
  });

  it('gives an empty listing for empty input and for only noise', () => {
    expect(parseList('', { now })).toEqual({ entries: [], format: undefined, unparsedCount: 0, unparsed: [] });
    expect(parseList('total 0\r\n', { now }).entries).toEqual([]);
  });

  it('reads a VMS listing with its header, footer and wrapped entries', () => {
    const text = [
      'Directory DISK$USER:[FTP]',
      '',
      'A_VERY_LONG_FILE_NAME_THAT_WRAPS.TXT;2',
      '                    12/12     24-APR-2003 08:16:15  [GRP,OWN]  (RWED,RWED,RE,)',
      'SHORT.TXT;1          1/3      24-APR-2003 08:16:15  [GRP,OWN]  (RWED,RWED,RE,)',
      'SUBDIR.DIR;1         1/3      24-APR-2003 08:16:15  [GRP,OWN]  (RWE,RWE,RE,E)',
      '',
      'Total of 3 files, 14/18 blocks.',
    ].join('\r\n');
    const result = parseList(text, { now });
    expect(result.format).toBe('vms');
    expect(result.entries.map((entry) => [entry.name, entry.kind, entry.size])).toEqual([
      ['A_VERY_LONG_FILE_NAME_THAT_WRAPS.TXT', 'file', 6144],
      ['SHORT.TXT', 'file', 512],
      ['SUBDIR', 'dir', 512],
    ]);
    expect(result.unparsedCount).toBe(0);
  });

  it('reports a VMS name line whose continuation never comes', () => {
    const result = parseList('ORPHAN.TXT;1\r\nNEXT.TXT;1  1/3  24-APR-2003 08:16:15\r\nLAST.TXT;1', { now });
    expect(result.entries.map((entry) => entry.name)).toEqual(['NEXT.TXT']);
    expect(result.unparsed).toEqual(['ORPHAN.TXT;1', 'LAST.TXT;1']);
  });

  it('keeps the raw line only when asked', () => {
    const line = '-rw-r--r-- 1 a b 1 Jun  3  2019 f';
    expect(parseList(line, { now }).entries[0]?.raw).toBeUndefined();
    expect(parseList(line, { now, keepRaw: true }).entries[0]?.raw).toBe(line);
  });

  it('flags unsafe names in every format and keeps them in the listing', () => {
    const text = [
      '-rw-r--r-- 1 a b 1 Jun  3  2019 CON.txt',
      '-rw-r--r-- 1 a b 1 Jun  3  2019 a:b',
      '-rw-r--r-- 1 a b 1 Jun  3  2019 name.',
      '-rw-r--r-- 1 a b 1 Jun  3  2019 a/b',
      '06-03-19  12:00PM                 1 ..\\evil',
      '+r,s1,\t..',
    ].join('\n');
    const entries = parseList(text, { now }).entries;
    expect(entries.map((entry) => entry.name)).toEqual(['CON.txt', 'a:b', 'name.', 'a/b', '..\\evil']);
    for (const entry of entries) expect(entry.unsafe).toEqual(expect.any(String));
  });
});

describe('createListingParser', () => {
  it('joins lines split across chunks, CR and LF apart included', () => {
    const parser = createListingParser({ now });
    expect(parser.push('-rw-r--r-- 1 a b 1 Jun  3  2019 fi')).toEqual([]);
    expect(parser.push('rst\r')).toEqual([]);
    expect(parser.push('\n-rw-r--r-- 1 a b 2 Jun  3  2019 second\r\n').map((entry) => entry.name)).toEqual(['first', 'second']);
    const result = parser.end();
    expect(result.entries.map((entry) => entry.name)).toEqual(['first', 'second']);
  });

  it('parses the last line without a line ending at end()', () => {
    const parser = createListingParser({ format: 'mlsd' });
    parser.push('type=file; a\r\ntype=file; b');
    expect(parser.end().entries.map((entry) => entry.name)).toEqual(['a', 'b']);
  });

  it('decodes UTF-8 bytes whose characters are split across chunks', () => {
    const bytes = Buffer.from('type=file;size=1; ünïcödé 日本\r\n', 'utf8');
    const parser = createListingParser({ format: 'mlsd' });
    for (let i = 0; i < bytes.length; i++) parser.push(bytes.subarray(i, i + 1));
    expect(parser.end().entries[0]?.name).toBe('ünïcödé 日本');
  });

  it('gives entries batch by batch while the listing arrives', () => {
    const parser = createListingParser({ format: 'mlsd' });
    const batches = ['type=file; a\ntype=file; b\n', 'type=file; c\n'].map((chunk) => parser.push(chunk).length);
    expect(batches).toEqual([2, 1]);
    expect(parser.end().entries).toHaveLength(3);
  });
});
