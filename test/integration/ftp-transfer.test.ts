import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { partPath } from '../../main/ftp/local-target';
import { RingFileWriter } from '../../main/ftp/ring-file-writer';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useDataRig } from './data-fixtures';
import { failure, useHarness } from './fixtures';

const harness = useHarness();
const rig = useDataRig(harness);
const dir = useFreshTempDir('sluice-transfer-');

describe('download to a file (rules 17, 18)', () => {
  it('writes through a temporary name, renames when complete and verified, and sets the remote time', async () => {
    const content = randomBytes(200_000);
    const { client, server } = await rig({ files: { 'a.bin': content } });
    const target = path.join(dir.path, 'a.bin');
    const result = await client.download('a.bin', target);
    expect(readFileSync(target).equals(content)).toBe(true);
    expect(readdirSync(dir.path)).toEqual(['a.bin']);
    expect(result).toMatchObject({ bytes: content.length, size: content.length, resumedFrom: 0 });
    expect(statSync(target).mtime.toISOString()).toBe('2024-02-29T23:59:58.000Z');
    expect(server.verbs().slice(-4)).toEqual(['EPSV', 'RETR', 'SIZE', 'MDTM']);
  });

  it('writes a file larger than the write ring byte-exact on every data path: passive under PROT P and PROT C (from the socket), active (from the stream)', async () => {
    const content = randomBytes(5 * 1024 * 1024 + 777);
    const paths = [
      { name: 'passive-p', connect: {} },
      { name: 'passive-c', connect: { policy: { mode: 'explicit' as const, dataProtection: 'C' as const, extraCa: [harness.certs().caCert] } } },
      { name: 'active-p', connect: { data: { mode: 'active' as const } } },
    ];
    // Bytes taken straight from the socket reach the writer through `received` (Node's onread).
    const fromSocket = vi.spyOn(RingFileWriter.prototype, 'received');
    for (const { name, connect } of paths) {
      const { client, data } = await rig({ files: { 'big.bin': content } }, { connect });
      const target = path.join(dir.path, name);
      fromSocket.mockClear();
      const result = await client.download('big.bin', target);
      expect(readFileSync(target).equals(content), name).toBe(true);
      expect(result).toMatchObject({ bytes: content.length, size: content.length });
      expect(data.connections[0]?.secure, name).toBe(name.endsWith('-p'));
      expect(fromSocket.mock.calls.length > 0, name).toBe(name.startsWith('passive'));
    }
    fromSocket.mockRestore();
  });

  it('needs neither SIZE nor MDTM when the listing gave size and time', async () => {
    const { client, server } = await rig({ files: { a: 'abc' } });
    const target = path.join(dir.path, 'a');
    await client.download('a', target, { expectedSize: 3, remoteModified: new Date(Date.UTC(2020, 1, 2)) });
    expect(server.verbs().slice(-2)).toEqual(['EPSV', 'RETR']);
    expect(statSync(target).mtime.toISOString()).toBe('2020-02-02T00:00:00.000Z');
  });

  it('a server closing the data connection mid-file leaves no file under the final name; a resume completes it byte-exact', async () => {
    const content = randomBytes(100_000);
    const broken = await rig({ files: { 'a.bin': content }, retrFault: { kind: 'close-after', bytes: 40_000 } });
    const target = path.join(dir.path, 'a.bin');
    expect(await failure(broken.client.download('a.bin', target))).toMatchObject({ kind: 'command-failed', code: 426 });
    expect(existsSync(target)).toBe(false);
    expect(statSync(partPath(target)).size).toBe(40_000);

    const healthy = await rig({ files: { 'a.bin': content } });
    const result = await healthy.client.download('a.bin', target, { resume: true });
    expect(result.resumedFrom).toBe(40_000);
    expect(result.bytes).toBe(60_000);
    expect(readFileSync(target).equals(content)).toBe(true);
    expect(existsSync(partPath(target))).toBe(false);
    expect(healthy.server.commands.find((command) => command.verb === 'REST')?.arg).toBe('40000');
  });

  it('a cancelled download leaves no file under the final name', async () => {
    const { client } = await rig({ files: { a: randomBytes(10_000) }, retrFault: { kind: 'stall-after', bytes: 1000 } });
    const target = path.join(dir.path, 'a');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await failure(client.download('a', target, { signal: controller.signal }))).toMatchObject({ kind: 'cancelled' });
    expect(existsSync(target)).toBe(false);
  });

  it('fails verification when the size differs and removes the temporary file', async () => {
    const { client } = await rig({ files: { a: 'abc' } }, { script: { SIZE: '213 4' } });
    const target = path.join(dir.path, 'a');
    expect(await failure(client.download('a', target))).toMatchObject({ kind: 'verify-failed' });
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('never writes through a symlink at the target or the temporary name', async () => {
    const { client, server } = await rig({ files: { a: 'abc' } });
    const victim = path.join(dir.path, 'victim');
    writeFileSync(victim, 'keep');
    const target = path.join(dir.path, 'a');
    symlinkSync(victim, target);
    expect(await failure(client.download('a', target))).toMatchObject({ kind: 'unsafe-local-path' });
    const other = path.join(dir.path, 'b');
    symlinkSync(victim, partPath(other));
    expect(await failure(client.download('a', other))).toMatchObject({ kind: 'unsafe-local-path' });
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(server.verbs()).not.toContain('RETR');
  });

  it('replaces a leftover temporary file when not resuming, never appending to it', async () => {
    const { client } = await rig({ files: { a: 'fresh content' } });
    const target = path.join(dir.path, 'a');
    writeFileSync(partPath(target), 'stale leftover from a crash');
    await client.download('a', target);
    expect(readFileSync(target, 'utf8')).toBe('fresh content');
    expect(existsSync(partPath(target))).toBe(false);
  });

  it('TYPE A converts CRLF to the local line ending', async () => {
    const { client, server } = await rig({ files: { 't.txt': 'one\r\ntwo\r\nthree\r\n' } });
    const target = path.join(dir.path, 't.txt');
    await client.download('t.txt', target, { type: 'ascii' });
    expect(readFileSync(target, 'utf8')).toBe('one\ntwo\nthree\n');
    expect(server.commands.find((command) => command.verb === 'TYPE')?.arg).toBe('A');
  });
});

describe('upload', () => {
  it('uploads a file byte-exact, verifies with SIZE and sets the time with MFMT', async () => {
    const content = randomBytes(150_000);
    const source = path.join(dir.path, 'up.bin');
    writeFileSync(source, content);
    const { client, data, server } = await rig();
    const result = await client.upload(source, 'up.bin');
    expect(data.files.get('up.bin')?.equals(content)).toBe(true);
    expect(result).toMatchObject({ bytes: content.length, size: content.length, sessionReused: true });
    expect(server.verbs().slice(-4)).toEqual(['EPSV', 'STOR', 'SIZE', 'MFMT']);
  });

  it('reads small files whole and streams larger ones, both byte-exact; a FIFO is refused without waiting for a writer', async () => {
    const { client, data } = await rig();
    for (const size of [0, 1, 262_144, 262_145, 700_000]) {
      const content = randomBytes(size);
      const source = path.join(dir.path, `up-${size}.bin`);
      writeFileSync(source, content);
      expect(await client.upload(source, `up-${size}.bin`)).toMatchObject({ bytes: size, size });
      expect(data.files.get(`up-${size}.bin`)?.equals(content)).toBe(true);
    }
    const fifo = path.join(dir.path, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(await failure(client.upload(fifo, 'pipe'))).toMatchObject({ kind: 'invalid-argument' });
  });

  it('uploads an empty stream and a TYPE A stream with CRLF line endings', async () => {
    const { client, data } = await rig();
    await client.uploadFrom(Readable.from([]), 'empty');
    expect(data.files.get('empty')?.length).toBe(0);
    await client.uploadFrom(Readable.from([Buffer.from('a\nb\r\nc\n')]), 'text', { type: 'ascii' });
    expect(data.files.get('text')?.toString()).toBe('a\r\nb\r\nc\r\n');
  });

  it('resumes with APPE, or with REST+STOR when FEAT offers REST STREAM', async () => {
    const content = randomBytes(50_000);
    const source = path.join(dir.path, 'up.bin');
    writeFileSync(source, content);
    const append = await rig({ files: { 'up.bin': content.subarray(0, 20_000) } });
    expect(await append.client.upload(source, 'up.bin', { resume: true })).toMatchObject({ resumedFrom: 20_000, bytes: 30_000 });
    expect(append.data.files.get('up.bin')?.equals(content)).toBe(true);
    expect(append.server.verbs()).toContain('APPE');

    const feat = '211-Features:\n SIZE\n REST STREAM\n EPSV\n211 End';
    const rest = await rig({ files: { 'up.bin': content.subarray(0, 10_000) } }, { script: { FEAT: feat } });
    await rest.client.upload(source, 'up.bin', { resume: true });
    expect(rest.data.files.get('up.bin')?.equals(content)).toBe(true);
    expect(rest.server.commands.filter((command) => ['REST', 'STOR'].includes(command.verb)).map((command) => command.line)).toEqual(['REST 10000', 'STOR up.bin']);
  });

  it('STOU reports the name the server chose', async () => {
    const { client, data } = await rig();
    const result = await client.uploadFrom(Readable.from([Buffer.from('x')]), '', { mode: 'unique' });
    expect(result.remoteName).toBe('unique.1');
    expect(data.files.get('unique.1')?.toString()).toBe('x');
  });
});
