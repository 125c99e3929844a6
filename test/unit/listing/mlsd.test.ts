import { describe, expect, it } from 'vitest';
import { parseMlsd, parseMlsdLine, parseMlstLine } from '../../../main/ftp/listing';
import { parseFactTime } from '../../../main/ftp/listing/mlsd';

describe('MLST reply line', () => {
  it('reads the entry line of a 250 reply, dropping the one leading space', () => {
    expect(parseMlstLine(' type=file;size=10;modify=20240102030405; /home/user/a b.txt')).toEqual({
      name: '/home/user/a b.txt',
      kind: 'file',
      size: 10,
      modified: Date.UTC(2024, 0, 2, 3, 4, 5),
      modifiedPrecision: 'second',
    });
  });

  it('treats cdir as the folder asked about instead of skipping it', () => {
    expect(parseMlstLine(' type=cdir;perm=el; /pub')).toMatchObject({ name: '/pub', kind: 'dir', perm: 'el' });
    expect(parseMlsdLine('type=cdir;perm=el; /pub')).toBe('skip');
  });

  it('reads the facts as optional and keeps a second space before the name in it', () => {
    expect(parseMlstLine('  type=file; x')).toEqual({ name: 'type=file; x', kind: 'file' });
    expect(parseMlstLine(' type=file;  x')?.name).toBe(' x');
  });

  it('gives undefined for lines without facts', () => {
    expect(parseMlstLine('250 End')).toBeUndefined();
    expect(parseMlstLine('')).toBeUndefined();
  });
});

describe('parseFactTime', () => {
  it('reads RFC 3659 times as UTC, with optional fractions', () => {
    expect(parseFactTime('20190603120000')).toBe(Date.UTC(2019, 5, 3, 12, 0, 0));
    expect(parseFactTime('20190603120000.5')).toBe(Date.UTC(2019, 5, 3, 12, 0, 0, 500));
    expect(parseFactTime('20190603120000.123456')).toBe(Date.UTC(2019, 5, 3, 12, 0, 0, 123));
  });

  it.each(['', '2019', '2019060312000', '20190603120000x', '20190231120000', '20191603120000', '2019060312000a', '20190603120000.x'])(
    'refuses %j',
    (value) => {
      expect(parseFactTime(value)).toBeUndefined();
    },
  );
});

describe('parseMlsd', () => {
  it('skips cdir and pdir, keeps everything else in order', () => {
    const text = 'type=cdir; .\r\ntype=pdir; ..\r\ntype=dir; b\r\ntype=file;size=1; a\r\n';
    const result = parseMlsd(text);
    expect(result.entries.map((entry) => [entry.kind, entry.name])).toEqual([
      ['dir', 'b'],
      ['file', 'a'],
    ]);
    expect(result.unparsedCount).toBe(0);
  });

  it('reports lines that are not facts instead of guessing', () => {
    const result = parseMlsd('type=file; ok\r\n-rw-r--r-- 1 a b 1 Jan 1 2019 not mlsd\r\n');
    expect(result.entries.map((entry) => entry.name)).toEqual(['ok']);
    expect(result.unparsedCount).toBe(1);
  });
});
