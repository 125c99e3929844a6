import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partPath } from '../../main/ftp/local-target';
import { SMALL_DOWNLOAD_BYTES } from '../../main/ftp/small-download';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useDataRig } from './data-fixtures';
import { failure, useHarness } from './fixtures';

// Downloads of a listed size up to SMALL_DOWNLOAD_BYTES are collected in memory and written at
// once; they must keep every promise of the streamed path (rules 17, 18).
const harness = useHarness();
const rig = useDataRig(harness);
const dir = useFreshTempDir('sluice-small-');
const listedTime = new Date(Date.UTC(2021, 5, 7, 8, 9, 10));

describe('small downloads, written whole', () => {
  it('writes the file with its time under the final name only, asking neither SIZE nor MDTM when listed', async () => {
    const content = randomBytes(SMALL_DOWNLOAD_BYTES);
    const { client, server } = await rig({ files: { 'a.bin': content } });
    const target = path.join(dir.path, 'a.bin');
    const result = await client.download('a.bin', target, { expectedSize: content.length, remoteModified: listedTime });
    expect(readFileSync(target).equals(content)).toBe(true);
    expect(readdirSync(dir.path)).toEqual(['a.bin']);
    expect(statSync(target).mtime.toISOString()).toBe(listedTime.toISOString());
    expect(result).toMatchObject({ bytes: content.length, size: content.length, resumedFrom: 0 });
    expect(server.verbs().slice(-2)).toEqual(['EPSV', 'RETR']);
  });

  it('takes the time from MDTM when the listing had none', async () => {
    const { client, server } = await rig({ files: { a: 'abc' } });
    const target = path.join(dir.path, 'a');
    await client.download('a', target, { expectedSize: 3 });
    // MDTM is asked while the data connection opens, not after the transfer.
    expect(server.verbs().slice(-3)).toEqual(['EPSV', 'MDTM', 'RETR']);
    expect(statSync(target).mtime.toISOString()).toBe('2024-02-29T23:59:58.000Z');
  });

  it('fails verification when more or fewer bytes come than listed, writing nothing', async () => {
    const { client } = await rig({ files: { a: 'abcdef' } });
    const target = path.join(dir.path, 'a');
    expect(await failure(client.download('a', target, { expectedSize: 4 }))).toMatchObject({ kind: 'verify-failed' });
    expect(readdirSync(dir.path)).toEqual([]);
    expect(await failure(client.download('a', target, { expectedSize: 9 }))).toMatchObject({ kind: 'verify-failed' });
    expect(readdirSync(dir.path)).toEqual([]);
    // The session is still in step after the refusal.
    await client.download('a', target, { expectedSize: 6 });
    expect(readFileSync(target, 'utf8')).toBe('abcdef');
  });

  it('keeps what arrived before a broken connection in the temporary file; a resume completes it byte-exact', async () => {
    const content = randomBytes(100_000);
    const broken = await rig({ files: { 'a.bin': content }, retrFault: { kind: 'close-after', bytes: 40_000 } });
    const target = path.join(dir.path, 'a.bin');
    expect(await failure(broken.client.download('a.bin', target, { expectedSize: content.length }))).toMatchObject({ kind: 'command-failed', code: 426 });
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(partPath(target)).equals(content.subarray(0, 40_000))).toBe(true);

    const healthy = await rig({ files: { 'a.bin': content } });
    const result = await healthy.client.download('a.bin', target, { resume: true, expectedSize: content.length });
    expect(result).toMatchObject({ resumedFrom: 40_000, bytes: 60_000 });
    expect(readFileSync(target).equals(content)).toBe(true);
    expect(existsSync(partPath(target))).toBe(false);
  });

  it('leaves nothing behind after a failure when told not to keep partial files', async () => {
    const broken = await rig({ files: { 'a.bin': randomBytes(50_000) }, retrFault: { kind: 'close-after', bytes: 10_000 } });
    const target = path.join(dir.path, 'a.bin');
    expect(await failure(broken.client.download('a.bin', target, { expectedSize: 50_000, keepPartial: false }))).toMatchObject({ kind: 'command-failed' });
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('never writes through a symlink at the target or the temporary name, and replaces a stale temporary file', async () => {
    const { client } = await rig({ files: { a: 'abc' } });
    const victim = path.join(dir.path, 'victim');
    writeFileSync(victim, 'keep');
    const target = path.join(dir.path, 'a');
    symlinkSync(victim, target);
    expect(await failure(client.download('a', target, { expectedSize: 3 }))).toMatchObject({ kind: 'unsafe-local-path' });
    const other = path.join(dir.path, 'b');
    symlinkSync(victim, partPath(other));
    expect(await failure(client.download('a', other, { expectedSize: 3 }))).toMatchObject({ kind: 'unsafe-local-path' });
    expect(readFileSync(victim, 'utf8')).toBe('keep');

    const third = path.join(dir.path, 'c');
    writeFileSync(partPath(third), 'stale leftover from a crash');
    await client.download('a', third, { expectedSize: 3 });
    expect(readFileSync(third, 'utf8')).toBe('abc');
    expect(existsSync(partPath(third))).toBe(false);
  });

  it('streams files over the size limit: their temporary file is opened (and checked) before RETR', async () => {
    const content = randomBytes(SMALL_DOWNLOAD_BYTES + 1);
    const { client, server } = await rig({ files: { 'a.bin': content } });
    const victim = path.join(dir.path, 'victim');
    writeFileSync(victim, 'keep');
    const target = path.join(dir.path, 'a.bin');
    symlinkSync(victim, partPath(target));
    expect(await failure(client.download('a.bin', target, { expectedSize: content.length }))).toMatchObject({ kind: 'unsafe-local-path' });
    expect(server.verbs()).not.toContain('RETR');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
  });
});
