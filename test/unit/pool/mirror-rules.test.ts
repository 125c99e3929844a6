import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localChild } from '../../../main/mirror/local-folder';
import { isUpToDate } from '../../../main/mirror/up-to-date';
import { parseRemoteTarget } from '../../../app/cli/remote-target';
import { humanSize } from '../../../app/cli/human-size';

describe('localChild (rule 16: stay inside the target folder)', () => {
  const root = path.resolve('/tmp/target');
  it('places a plain name inside the folder', () => {
    expect(localChild(root, path.join(root, 'a'), 'b c é 日本 🎉.txt')).toBe(path.join(root, 'a', 'b c é 日本 🎉.txt'));
  });
  it.each(['', '.', '..', '../x', 'a/b', 'nul\0byte'])('refuses %j', (name) => {
    expect(localChild(root, root, name)).toBeUndefined();
  });
  it('refuses a folder that already left the root', () => {
    expect(localChild(root, path.resolve('/tmp/elsewhere'), 'x')).toBeUndefined();
  });
});

describe('isUpToDate (--only-newer)', () => {
  const copy = { mtimeMs: Date.UTC(2024, 0, 1, 12, 0, 30, 500), size: 10 };
  it('skips a copy as new as the original, to the second', () => {
    expect(isUpToDate(copy, { modified: Date.UTC(2024, 0, 1, 12, 0, 30), size: 10 })).toBe(true);
  });
  it('transfers an older copy, or one of another size', () => {
    expect(isUpToDate(copy, { modified: Date.UTC(2024, 0, 1, 12, 0, 31), size: 10 })).toBe(false);
    expect(isUpToDate(copy, { modified: Date.UTC(2024, 0, 1, 12, 0, 0), size: 11 })).toBe(false);
  });
  it('without a time, compares sizes only; without either, transfers', () => {
    expect(isUpToDate(copy, { size: 10 })).toBe(true);
    expect(isUpToDate(copy, {})).toBe(false);
  });
});

describe('parseRemoteTarget', () => {
  it('reads URLs', () => {
    expect(parseRemoteTarget('ftpes://me@host/a%20b/c')).toMatchObject({ kind: 'url', path: '/a b/c' });
  });
  it('reads SITE:/path, SITE:relative and SITE:', () => {
    expect(parseRemoteTarget('Work:/pub/x')).toEqual({ kind: 'site', site: 'Work', path: '/pub/x' });
    expect(parseRemoteTarget('My site:docs')).toEqual({ kind: 'site', site: 'My site', path: 'docs' });
    expect(parseRemoteTarget('Work:')).toEqual({ kind: 'site', site: 'Work', path: undefined });
  });
  it('refuses anything else', () => {
    expect(() => parseRemoteTarget('/local/path')).toThrow(/Not a remote place/);
    expect(() => parseRemoteTarget('http://host/')).toThrow(/Unsupported scheme/);
  });
});

describe('humanSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [10240, '10.0 KiB'],
    [1.5 * 1024 ** 3, '1.5 GiB'],
  ])('%d → %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });
});
