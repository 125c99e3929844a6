import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeLocalService } from '../../../main/local/local-service';
import { permissionString } from '../../../main/local/entry';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let local: NodeLocalService;
const at = (...parts: string[]) => path.join(temp.path, ...parts);

beforeEach(() => {
  temp = makeTempDir();
  local = new NodeLocalService({ home: temp.path });
  mkdirSync(at('docs'));
  writeFileSync(at('docs', 'report.pdf'), Buffer.alloc(1536));
  writeFileSync(at('.hidden'), '');
  writeFileSync(at('a.txt'), 'abc');
  symlinkSync(at('docs'), at('link-to-docs'));
  symlinkSync(at('nowhere'), at('dangling'));
});
afterEach(() => temp.remove());

describe('listing a folder', () => {
  it('describes each entry without following links', async () => {
    const listing = await local.list(temp.path);
    expect(listing.path).toBe(temp.path);
    expect(listing.parent).toBe(path.dirname(temp.path));
    const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(['.hidden', 'a.txt', 'dangling', 'docs', 'link-to-docs']);
    expect(byName.get('a.txt')).toMatchObject({ kind: 'file', size: 3, hidden: false, path: at('a.txt') });
    expect(byName.get('.hidden')).toMatchObject({ kind: 'file', hidden: true });
    expect(byName.get('docs')).toMatchObject({ kind: 'dir', size: 0 });
    expect(byName.get('link-to-docs')).toMatchObject({ kind: 'symlink', target: { kind: 'dir' } });
    expect(byName.get('dangling')).toMatchObject({ kind: 'symlink', target: { kind: 'missing' } });
    expect(byName.get('a.txt')?.modified).toBeGreaterThan(Date.now() - 60_000);
  });

  it('expands ~ to the home folder and knows the root has no parent', async () => {
    expect((await local.list('~')).path).toBe(temp.path);
    expect((await local.list('~/docs')).entries.map((entry) => entry.name)).toEqual(['report.pdf']);
    expect((await local.list('/')).parent).toBeNull();
  });

  it('refuses relative paths and reports missing folders and files as typed errors', async () => {
    await expect(local.list('docs')).rejects.toMatchObject({ kind: 'invalid-argument' });
    await expect(local.list(at('missing'))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(local.list(at('a.txt'))).rejects.toMatchObject({ kind: 'not-a-directory' });
  });

  it('formats permissions as ls does', () => {
    expect(permissionString(0o755)).toBe('rwxr-xr-x');
    expect(permissionString(0o640)).toBe('rw-r-----');
    expect(permissionString(0o100600)).toBe('rw-------');
  });
});

describe('changing the file system', () => {
  it('creates a folder, and refuses one that exists', async () => {
    expect(await local.createFolder(temp.path, 'new')).toBe(at('new'));
    expect(existsSync(at('new'))).toBe(true);
    await expect(local.createFolder(temp.path, 'new')).rejects.toMatchObject({ kind: 'exists' });
  });

  it('renames in place and never overwrites an existing entry', async () => {
    expect(await local.rename(at('a.txt'), 'b.txt')).toBe(at('b.txt'));
    expect(readFileSync(at('b.txt'), 'utf8')).toBe('abc');
    writeFileSync(at('c.txt'), 'keep me');
    await expect(local.rename(at('b.txt'), 'c.txt')).rejects.toMatchObject({ kind: 'exists' });
    expect(readFileSync(at('c.txt'), 'utf8')).toBe('keep me');
    await expect(local.rename(at('missing'), 'x')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('deletes folders recursively and links without touching their targets', async () => {
    await local.delete([at('link-to-docs')], 'permanent');
    expect(existsSync(at('link-to-docs'))).toBe(false);
    expect(existsSync(at('docs', 'report.pdf'))).toBe(true);
    await local.delete([at('docs'), at('a.txt')], 'permanent');
    expect(existsSync(at('docs'))).toBe(false);
    expect(existsSync(at('a.txt'))).toBe(false);
  });

  it('refuses the trash where the shell has none, and deletes nothing', async () => {
    await expect(local.delete([at('a.txt')], 'trash')).rejects.toMatchObject({ kind: 'unsupported' });
    expect(existsSync(at('a.txt'))).toBe(true);
  });

  it('moves to the trash through the shell when it has one', async () => {
    const trashed: string[] = [];
    const withTrash = new NodeLocalService({ home: temp.path, trash: async (target) => void trashed.push(target) });
    expect((await withTrash.capabilities()).trash).toBe(true);
    await withTrash.delete([at('a.txt')], 'trash');
    expect(trashed).toEqual([at('a.txt')]);
  });

  it('refuses to delete a file-system root', async () => {
    await expect(local.delete(['/'], 'permanent')).rejects.toMatchObject({ kind: 'permission-denied' });
  });

  it('announces the folder it changed', async () => {
    const changed: string[] = [];
    local.onDidChange((change) => changed.push(change.folder));
    await local.createFolder(at('docs'), 'inner');
    await local.rename(at('a.txt'), 'renamed.txt');
    expect(changed).toEqual([at('docs'), temp.path]);
  });
});
