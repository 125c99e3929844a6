import { describe, expect, it } from 'vitest';
import { useDataRig } from './data-fixtures';
import { failure, useHarness } from './fixtures';

const harness = useHarness();
const rig = useDataRig(harness);

const MLSD = [
  'type=cdir;modify=20240101000000; .',
  'type=pdir;modify=20240101000000; ..',
  'type=file;size=12;modify=20240102030405; notes.txt',
  'type=dir;modify=20240102030405; sub folder',
  'type=file;size=1;modify=20240102030405; ..\\evil',
  'type=file;size=1;modify=20240102030405; CON',
  '',
].join('\r\n');

const LIST = [
  'total 2',
  '-rw-r--r--   1 ftp ftp        12 Jan  2  2024 notes.txt',
  'lrwxrwxrwx   1 ftp ftp         4 Jan  2  2024 link -> /etc',
  '',
].join('\r\n');

describe('listings', () => {
  it('uses MLSD when FEAT offers MLST, skips cdir/pdir and flags unsafe names without dropping them', async () => {
    const { client, server } = await rig({ listing: MLSD });
    const listing = await client.list('/pub');
    expect(listing.command).toBe('MLSD');
    expect(server.commands.find((command) => command.verb === 'MLSD')?.arg).toBe('/pub');
    expect(listing.entries.map((entry) => [entry.name, entry.kind, entry.size, entry.unsafe === undefined])).toEqual([
      ['notes.txt', 'file', 12, true],
      ['sub folder', 'dir', undefined, true],
      ['..\\evil', 'file', 1, false],
      ['CON', 'file', 1, false],
    ]);
    expect(listing.entries[0]?.modified).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('reports progress while a big listing arrives', async () => {
    const lines = Array.from({ length: 50_000 }, (_, index) => `type=file;size=${index};modify=20240102030405; file-${index}.txt`);
    const { client } = await rig({ listing: `${lines.join('\r\n')}\r\n` });
    const reports: { bytes: number; lines: number }[] = [];
    const listing = await client.list('/big', { progressIntervalMs: 0, onProgress: (report) => reports.push(report) });
    expect(listing.entries).toHaveLength(50_000);
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.map((report) => report.lines)).toEqual([...reports.map((report) => report.lines)].sort((a, b) => a - b));
    expect(reports.at(-1)?.lines).toBe(50_000);
  });

  it('uses plain LIST without MLST, and reports symlinks without following them', async () => {
    const { client, server } = await rig({ listing: LIST }, { script: { FEAT: '211-Features:\n SIZE\n211 End' } });
    const listing = await client.list();
    expect(listing.command).toBe('LIST');
    expect(server.commands.find((command) => command.verb === 'LIST')?.line).toBe('LIST');
    expect(listing.entries.map((entry) => [entry.name, entry.kind, entry.linkTarget])).toEqual([
      ['notes.txt', 'file', undefined],
      ['link', 'symlink', '/etc'],
    ]);
    expect(server.verbs()).not.toContain('TYPE');
  });

  it('stops a listing over the byte or entry cap with a typed error, and the session stays in step', async () => {
    const big = Array.from({ length: 5000 }, (_, index) => `type=file;size=1; file-${index}`).join('\r\n');
    const { client, server } = await rig({ listing: big });
    expect(await failure(client.list(undefined, { maxListingBytes: 10_000 }))).toMatchObject({ kind: 'listing-too-large', phase: 'data' });
    expect(await failure(client.list(undefined, { maxEntries: 100 }))).toMatchObject({ kind: 'listing-too-large' });
    expect(server.verbs().filter((verb) => verb === 'ABOR').length).toBeGreaterThanOrEqual(1);
    expect((await client.list()).entries).toHaveLength(5000);
  });

  it('reads one path with MLST over the control connection', async () => {
    const { client } = await rig({}, { script: { MLST: '250-Listing a.txt\n type=file;size=3;modify=20240102030405; /a.txt\n250 End' } });
    expect(await client.mlst('a.txt')).toMatchObject({ name: '/a.txt', kind: 'file', size: 3 });
  });
});
