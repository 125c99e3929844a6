// Data connections, listings and transfers of our FTPS engine against real Debian servers.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectOptions, FtpClient } from '../../main/ftp/client';
import { partPath } from '../../main/ftp/local-target';
import { CAPABILITIES, SERVER_KINDS, type RunningServer } from '../support/servers/index';
import { useFreshTempDir } from '../support/fresh-temp-dir';
import { useInteropServers } from './interop-fixtures';

const servers = useInteropServers();
const start = servers.start;
const dir = useFreshTempDir('sluice-interop-data-');

// Short data timeouts: a stalled data connection fails the test instead of hanging it.
const connected = (server: RunningServer, overrides: Partial<ConnectOptions> = {}) =>
  servers.connect(server, { data: { connectTimeoutMs: 5_000, stallTimeoutMs: 10_000 }, ...overrides });

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Downloads `count` times and lists in between: every data connection must resume the control session. */
async function manyTransfers(client: FtpClient, count: number, reuseExpected: boolean): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const local = path.join(dir.path, `copy-${index % 3}.txt`);
    const result = index % 2 === 0 ? await client.download('small.txt', local, { preserveTime: false }) : await client.list();
    if ('bytes' in result) expect(result.bytes).toBe(11);
    else expect(result.entries.some((entry) => entry.name === 'small.txt')).toBe(true);
  }
  // After the first, each went out together with its EPSV, and the server took them so.
  expect(client.dataConnectionStats()).toEqual({ opened: count, resumed: reuseExpected ? count : expect.any(Number), sentTogether: count - 1 });
}

describe.each(SERVER_KINDS)('%s', (kind) => {
  const caps = CAPABILITIES[kind];

  it.each(['1.2', '1.3'] as const)('TLS %s: 100 data transfers in a row on one session', async (version) => {
    const server = await start(kind, { tlsVersion: version, requireSessionReuse: caps.sessionReuse });
    await server.writeFile('small.txt', 'hello world');
    const client = await connected(server);
    try {
      await manyTransfers(client, 100, caps.sessionReuse);
    } catch (error) {
      throw new Error(`${String(error)}\n${(await server.readLogs()).slice(-3000)}`);
    }
  });

  it('50 MiB and empty files up and down byte-exact (sha256), with the listing and modification times', async () => {
    const server = await start(kind, { requireSessionReuse: caps.sessionReuse });
    const client = await connected(server);
    const big = path.join(dir.path, 'big.bin');
    await writeFile(big, randomBytes(50 * 1024 * 1024));
    const empty = path.join(dir.path, 'empty.bin');
    await writeFile(empty, '');
    const up = await client.upload(big, 'big.bin');
    expect(up.size).toBe(50 * 1024 * 1024);
    await client.upload(empty, 'empty.bin');
    await client.mkdir('sub dir ü');
    const down = path.join(dir.path, 'down.bin');
    await client.download('big.bin', down);
    expect(await sha256(down)).toBe(await sha256(big));
    const downEmpty = path.join(dir.path, 'down-empty.bin');
    await client.download('empty.bin', downEmpty);
    expect((await stat(downEmpty)).size).toBe(0);
    const listing = await client.list();
    expect(listing.command).toBe(client.features.has('MLST') ? 'MLSD' : 'LIST');
    const names = listing.entries.map((entry) => [entry.name, entry.kind, entry.kind === 'file' ? entry.size : undefined]);
    expect(names).toEqual(expect.arrayContaining([['big.bin', 'file', 50 * 1024 * 1024], ['empty.bin', 'file', 0], ['sub dir ü', 'dir', undefined]]));
    if (client.features.has('MFMT')) {
      expect(Math.abs((await client.mdtm('big.bin')).getTime() - (await stat(big)).mtime.getTime())).toBeLessThan(1000);
    }
  });

  if (caps.implicit) {
    it('implicit TLS: list and download', async () => {
      const server = await start(kind, { tls: 'implicit', requireSessionReuse: true });
      await server.writeFile('small.txt', 'hello world');
      const client = await connected(server);
      expect((await client.list()).entries.map((entry) => entry.name)).toContain('small.txt');
      await client.download('small.txt', path.join(dir.path, 'small.txt'));
      expect(await readFile(path.join(dir.path, 'small.txt'), 'utf8')).toBe('hello world');
    });
  }

  if (caps.protC) {
    it('PROT C listing where the server allows clear data', async () => {
      const server = await start(kind, { allowProtC: true });
      await server.writeFile('small.txt', 'hello world');
      const client = await connected(server, { policy: { mode: 'explicit', dataProtection: 'C', extraCa: [server.ca] } });
      expect(client.tlsInfo()?.dataProtection).toBe('C');
      expect((await client.list()).entries.map((entry) => entry.name)).toContain('small.txt');
    });
  }
});

describe('vsftpd: resume, active mode, TYPE A, cancel', () => {
  it('resumes an interrupted download byte-exact, the temporary file kept meanwhile', async () => {
    const server = await start('vsftpd', { requireSessionReuse: true });
    const content = randomBytes(20 * 1024 * 1024);
    await server.writeFile('big.bin', content);
    const client = await connected(server);
    const target = path.join(dir.path, 'big.bin');
    const controller = new AbortController();
    const first = client.download('big.bin', target, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (progress) => {
        if (progress.bytes > 5 * 1024 * 1024) controller.abort();
      },
    });
    await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
    expect(existsSync(target)).toBe(false);
    const kept = (await stat(partPath(target))).size;
    expect(kept).toBeGreaterThan(0);
    // The session is still in step after the ABOR.
    expect(await client.pwd()).toBe('/');
    const second = await client.download('big.bin', target, { resume: true });
    expect(second.resumedFrom).toBe(kept);
    expect(createHash('sha256').update(await readFile(target)).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('active mode (EPRT): list, download and upload', async () => {
    const server = await start('vsftpd', { requireSessionReuse: true });
    await server.writeFile('small.txt', 'hello world');
    const client = await connected(server, { data: { mode: 'active', connectTimeoutMs: 5_000 } });
    expect((await client.list()).entries.map((entry) => entry.name)).toContain('small.txt');
    await client.download('small.txt', path.join(dir.path, 'small.txt'));
    await client.upload(path.join(dir.path, 'small.txt'), 'again.txt');
    expect(await client.size('again.txt')).toBe(11);
    expect(client.dataConnectionStats().resumed).toBe(3);
  });

  it('TYPE A upload and download convert line endings', async () => {
    const server = await start('vsftpd');
    const client = await connected(server);
    const local = path.join(dir.path, 'unix.txt');
    await writeFile(local, 'one\ntwo\n');
    await client.upload(local, 'text.txt', { type: 'ascii' });
    expect(await readFile(path.join(server.root, 'text.txt'), 'utf8')).toBe('one\r\ntwo\r\n');
    await client.download('text.txt', path.join(dir.path, 'back.txt'), { type: 'ascii' });
    expect(await readFile(path.join(dir.path, 'back.txt'), 'utf8')).toBe('one\ntwo\n');
  });
});

describe('upload resume', () => {
  it('vsftpd: continues a partial upload with REST+STOR (REST STREAM in FEAT)', async () => {
    const server = await start('vsftpd', { requireSessionReuse: true });
    const content = randomBytes(3 * 1024 * 1024);
    await server.writeFile('part.bin', content.subarray(0, 1024 * 1024));
    const local = path.join(dir.path, 'part.bin');
    await writeFile(local, content);
    const client = await connected(server);
    const result = await client.upload(local, 'part.bin', { resume: true });
    expect(result.resumedFrom).toBe(1024 * 1024);
    expect((await readFile(path.join(server.root, 'part.bin'))).equals(content)).toBe(true);
  });

  it('proftpd without AllowStoreRestart: a typed refusal, and the session goes on', async () => {
    const server = await start('proftpd', { requireSessionReuse: true });
    await server.writeFile('part.bin', 'abc');
    const local = path.join(dir.path, 'part.bin');
    await writeFile(local, 'abcdef');
    const client = await connected(server);
    await expect(client.upload(local, 'part.bin', { resume: true })).rejects.toMatchObject({ kind: 'command-failed', code: 451, phase: 'data' });
    expect(await client.size('part.bin')).toBe(3);
  });
});
