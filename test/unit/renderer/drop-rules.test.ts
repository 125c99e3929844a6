import { describe, expect, it } from 'vitest';
import { decideDrop, dragLabel, isSameOrInside, parsePayload, type DragPayload } from '../../../renderer/src/dnd/dropRules';
import { gridCommand } from '../../../renderer/src/files/gridKeys';

const local: DragPayload = { pane: 'local', folder: '/home/me', sources: [{ path: '/home/me/a.txt', kind: 'file' }, { path: '/home/me/dir', kind: 'folder' }] };
const remote: DragPayload = { pane: 'remote', folder: '/srv', sources: [{ path: '/srv/a.txt', kind: 'file' }, { path: '/srv/dir', kind: 'folder' }] };
const on = (pane: 'local' | 'remote', folder: string, row?: { path: string; isFolder: boolean }, connected = true) => ({ pane, folder, row, connected });

describe('drop rules', () => {
  it('uploads local entries dropped on the remote background or a remote folder', () => {
    expect(decideDrop(local, on('remote', '/srv'))).toEqual({ kind: 'upload', targetFolder: '/srv' });
    expect(decideDrop(local, on('remote', '/srv', { path: '/srv/in', isFolder: true }))).toEqual({ kind: 'upload', targetFolder: '/srv/in' });
  });

  it('downloads remote entries dropped on the local pane', () => {
    expect(decideDrop(remote, on('local', '/home/me'))).toEqual({ kind: 'download', targetFolder: '/home/me' });
    expect(decideDrop(remote, on('local', '/home/me', { path: '/home/me/d', isFolder: true }))).toEqual({ kind: 'download', targetFolder: '/home/me/d' });
  });

  it('moves within the remote pane onto another folder', () => {
    expect(decideDrop(remote, on('remote', '/srv', { path: '/srv/other', isFolder: true }))).toEqual({ kind: 'move', targetFolder: '/srv/other' });
  });

  it('refuses file rows, a folder into itself, the same folder, local to local, and anything while disconnected', () => {
    expect(decideDrop(local, on('remote', '/srv', { path: '/srv/f.txt', isFolder: false })).kind).toBe('refused');
    expect(decideDrop(remote, on('remote', '/srv', { path: '/srv/dir', isFolder: true })).kind).toBe('refused');
    expect(decideDrop(remote, on('remote', '/srv/dir/sub')).kind).toBe('refused');
    expect(decideDrop(remote, on('remote', '/srv')).kind).toBe('refused');
    expect(decideDrop(local, on('local', '/tmp')).kind).toBe('refused');
    expect(decideDrop(remote, on('remote', '/elsewhere', undefined, false))).toEqual({ kind: 'refused', reason: 'Connect to a server first' });
    expect(decideDrop(local, on('remote', '', undefined, true)).kind).toBe('refused');
  });

  it('takes system files in the remote pane only, when connected', () => {
    expect(decideDrop('os-files', on('remote', '/srv'))).toEqual({ kind: 'upload', targetFolder: '/srv' });
    expect(decideDrop('os-files', on('local', '/home')).kind).toBe('refused');
    expect(decideDrop('os-files', on('remote', '/srv', undefined, false)).kind).toBe('refused');
  });

  it('knows containment by whole segments, with either separator', () => {
    expect(isSameOrInside('/srv/dir/x', '/srv/dir')).toBe(true);
    expect(isSameOrInside('/srv/dir', '/srv/dir/')).toBe(true);
    expect(isSameOrInside('/srv/dirt', '/srv/dir')).toBe(false);
    expect(isSameOrInside('/anything', '/')).toBe(true);
    expect(isSameOrInside('C:\\a\\b', 'C:\\a')).toBe(true);
  });

  it('labels the drag image with the name or the count', () => {
    expect(dragLabel(local)).toBe('2 items');
    expect(dragLabel({ ...local, sources: [local.sources[0]!] })).toBe('a.txt');
  });

  it('reads back only well-formed payloads', () => {
    expect(parsePayload(JSON.stringify(remote))).toEqual(remote);
    expect(parsePayload('not json')).toBeNull();
    expect(parsePayload(JSON.stringify({ ...remote, pane: 'elsewhere' }))).toBeNull();
    expect(parsePayload(JSON.stringify({ ...remote, sources: [{ path: 1, kind: 'file' }] }))).toBeNull();
  });
});

describe('transfer keys', () => {
  const press = (key: string, mods: { ctrl?: boolean; shift?: boolean } = {}) =>
    gridCommand({ key, ctrlKey: mods.ctrl ?? false, metaKey: false, shiftKey: mods.shift ?? false, altKey: false });
  it('maps Ctrl+U and Ctrl+D to transfers, with Shift only adding to the queue', () => {
    expect(press('u', { ctrl: true })).toEqual({ kind: 'transfer', direction: 'upload', start: true });
    expect(press('D', { ctrl: true, shift: true })).toEqual({ kind: 'transfer', direction: 'download', start: false });
    expect(press('u')).toEqual({ kind: 'type', text: 'u' });
  });
});
