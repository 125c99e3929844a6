// Recursive, parallel mirror down and up against real servers that require TLS session reuse.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exclusions } from '../../main/mirror/exclusions';
import { mirrorDown } from '../../main/mirror/mirror-down';
import { mirrorUp } from '../../main/mirror/mirror-up';
import { ConnectionPool } from '../../main/pool/connection-pool';
import { CAPABILITIES } from '../support/servers/capabilities';
import { startServer, type RunningServer, type ServerKind } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';
import { interopConnectOptions } from './interop-fixtures';

const running: RunningServer[] = [];
const pools: ConnectionPool[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  await Promise.all(running.splice(0).map((server) => server.stop()));
  for (const dir of dirs.splice(0)) dir.remove();
});

/** The tree both directions copy: nested folders, spaces, non-ASCII names, an empty file. */
const TREE: Readonly<Record<string, Buffer>> = {
  'plain.bin': randomBytes(300_000),
  'empty.txt': Buffer.alloc(0),
  'a/b/c/deep.bin': randomBytes(20_000),
  'spaces here/file one.txt': Buffer.from('one'),
  'é/日本/🎉 party.txt': Buffer.from('party'),
  'é/café.txt': Buffer.from('café'),
};
const TIMES = Object.keys(TREE).map((_, index) => new Date(Date.UTC(2021, 5, 1 + index, 10, 20, 30 + index)));

function tempDir(): string {
  const dir = makeTempDir('sluice-mirror-');
  dirs.push(dir);
  return dir.path;
}

/** Starts `kind`, requiring TLS session reuse where the server can (vsftpd, proftpd). */
async function start(kind: ServerKind): Promise<RunningServer> {
  const server = await startServer(kind, { requireSessionReuse: CAPABILITIES[kind].sessionReuse });
  running.push(server);
  return server;
}

function poolFor(server: RunningServer, size = 4): ConnectionPool {
  const connect = interopConnectOptions(server, { data: { connectTimeoutMs: 5_000, stallTimeoutMs: 10_000, requireSessionReuse: true } });
  const pool = new ConnectionPool({ connect, size });
  pools.push(pool);
  return pool;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every regular file below `root` as relative path → sha256 (links are reported, not followed). */
async function digestTree(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, full).split(path.sep).join('/');
    if (entry.isSymbolicLink()) result[relative] = 'symlink';
    else if (entry.isFile()) result[relative] = sha256(await readFile(full));
  }
  return result;
}

const expectedDigests = (): Record<string, string> => Object.fromEntries(Object.entries(TREE).map(([name, data]) => [name, sha256(data)]));

async function seedServer(server: RunningServer, under: string): Promise<void> {
  for (const [index, [name, data]] of Object.entries(TREE).entries()) {
    await server.writeFile(`${under}/${name}`, data);
    await utimes(path.join(server.root, under, name), TIMES[index]!, TIMES[index]!);
  }
}

async function seedLocal(root: string): Promise<void> {
  for (const [index, [name, data]] of Object.entries(TREE).entries()) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), data);
    await utimes(path.join(root, name), TIMES[index]!, TIMES[index]!);
  }
}

async function expectTimes(root: string): Promise<void> {
  for (const [index, name] of Object.keys(TREE).entries()) {
    expect(Math.floor((await stat(path.join(root, name))).mtimeMs / 1000), name).toBe(TIMES[index]!.getTime() / 1000);
  }
}

describe.each(['vsftpd', 'proftpd'] as const)('%s, session reuse required', (kind) => {
  it('mirrors a tree down byte-exact with its times, over 4 connections that all resume their sessions', async () => {
    const server = await start(kind);
    await seedServer(server, 'tree');
    const local = path.join(tempDir(), 'copy');
    const pool = poolFor(server);
    const result = await mirrorDown(pool, '/tree', local);
    expect(result.failed).toEqual([]);
    expect(result.files).toBe(Object.keys(TREE).length);
    expect(await digestTree(local)).toEqual(expectedDigests());
    await expectTimes(local);
    const stats = pool.stats();
    expect(stats.dataConnections.resumed).toBe(stats.dataConnections.opened);
    expect(stats.opened).toBeGreaterThan(1);
    // Only each connection's first data command went one at a time; the times above came from MDTMs sent together.
    expect(stats.dataConnections.sentTogether).toBeGreaterThanOrEqual(stats.dataConnections.opened - stats.opened);
  });

  it('mirrors a tree up byte-exact, with its times where the server offers MFMT', async () => {
    const server = await start(kind);
    const source = tempDir();
    await seedLocal(source);
    await symlink('/etc/passwd', path.join(source, 'link-to-passwd'));
    const pool = poolFor(server);
    const result = await mirrorUp(pool, source, '/up/nested');
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([{ path: 'link-to-passwd', reason: 'symbolic link, not followed' }]);
    expect(await digestTree(path.join(server.root, 'up', 'nested'))).toEqual(expectedDigests());
    const offersMfmt = await pool.run(async (client) => client.features.has('MFMT'));
    if (offersMfmt) await expectTimes(path.join(server.root, 'up', 'nested'));
    // A second run finds the folders there (MKD refused, checked) and, with onlyNewer, skips every file.
    const again = await mirrorUp(pool, source, '/up/nested', { onlyNewer: offersMfmt });
    expect(again.failed).toEqual([]);
    if (offersMfmt) expect(again.files).toBe(0);
  });
});

describe('vsftpd: a mirror with --exclude patterns', () => {
  const exclude = exclusions(['*.txt', 'a/b/']);

  it('leaves the matching files and folders out going down, and never enters a folder left out', async () => {
    const server = await start('vsftpd');
    await seedServer(server, 'tree');
    const local = path.join(tempDir(), 'copy');
    const result = await mirrorDown(poolFor(server, 2), '/tree', local, { exclude });
    expect(result.failed).toEqual([]);
    // empty.txt, file one.txt, café.txt, 🎉 party.txt and the folder a/b (with c/deep.bin) are out.
    expect(result.excluded).toBe(5);
    expect(result.skipped).toEqual([]);
    expect(Object.keys(await digestTree(local)).sort()).toEqual(['plain.bin']);
    expect((await readdir(local)).sort()).toEqual(['a', 'plain.bin', 'spaces here', 'é']);
    expect(await readdir(path.join(local, 'a'))).toEqual([]);
  });

  it('leaves them out going up too: nothing of them reaches the server', async () => {
    const server = await start('vsftpd');
    const source = tempDir();
    await seedLocal(source);
    const result = await mirrorUp(poolFor(server, 2), source, '/up/filtered', { exclude });
    expect(result.failed).toEqual([]);
    expect(result.excluded).toBe(5);
    const remote = path.join(server.root, 'up', 'filtered');
    expect(Object.keys(await digestTree(remote)).sort()).toEqual(['plain.bin']);
    expect(await readdir(path.join(remote, 'a'))).toEqual([]);
  });
});

describe('vsftpd: a dry run', () => {
  it('lists what a mirror down would fetch and writes nothing, not even the target folder', async () => {
    const server = await start('vsftpd');
    await seedServer(server, 'tree');
    const parent = tempDir();
    const result = await mirrorDown(poolFor(server, 2), '/tree', path.join(parent, 'copy'), { dryRun: true, exclude: exclusions(['*.txt']) });
    expect(result.failed).toEqual([]);
    expect(result.files).toBe(0);
    expect(result.planned.map((plan) => plan.path).sort()).toEqual(['a/b/c/deep.bin', 'plain.bin']);
    expect(result.planned.find((plan) => plan.path === 'plain.bin')?.size).toBe(300_000);
    // Every folder was listed, none made.
    expect(result.folders).toBe(7);
    expect(await readdir(parent)).toEqual([]);
  });

  it('lists what a mirror up would send and makes nothing on the server; with --only-newer, only what changed', async () => {
    const server = await start('vsftpd');
    const source = tempDir();
    await seedLocal(source);
    const pool = poolFor(server, 2);
    const dry = await mirrorUp(pool, source, '/up/dry', { dryRun: true, onlyNewer: true });
    expect(dry.failed).toEqual([]);
    expect(dry.planned.map((plan) => plan.path).sort()).toEqual(Object.keys(TREE).sort());
    expect(existsSync(path.join(server.root, 'up', 'dry'))).toBe(false);
    // Once the tree is there, a dry run with --only-newer plans only the file changed since.
    expect((await mirrorUp(pool, source, '/up/dry')).failed).toEqual([]);
    await writeFile(path.join(source, 'plain.bin'), randomBytes(1000));
    const again = await mirrorUp(pool, source, '/up/dry', { dryRun: true, onlyNewer: true });
    const offersMfmt = await pool.run(async (client) => client.features.has('MFMT'));
    if (offersMfmt) expect(again.planned).toEqual([{ path: 'plain.bin', size: 1000 }]);
    expect(again.planned.map((plan) => plan.path)).toContain('plain.bin');
    expect((await stat(path.join(server.root, 'up', 'dry', 'plain.bin'))).size).toBe(300_000);
  });
});

// vsftpd lists a missing folder as empty; the others refuse the listing (450 or 550), and a dry
// run must take that refusal as "nothing there yet", not as a failure.
describe.each(['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib'] as const)('%s: a dry run up with --only-newer into a folder not there yet', (kind) => {
  it('plans every file and makes nothing', async () => {
    const server = await start(kind);
    const source = tempDir();
    await seedLocal(source);
    const dry = await mirrorUp(poolFor(server, 2), source, '/fresh', { dryRun: true, onlyNewer: true });
    expect(dry.failed).toEqual([]);
    expect(dry.planned.map((plan) => plan.path).sort()).toEqual(Object.keys(TREE).sort());
    expect(existsSync(path.join(server.root, 'fresh'))).toBe(false);
  });
});

describe('vsftpd: names and links a mirror must not follow', () => {
  it('skips unsafe names and symlinks with a warning and writes nothing outside the target', async () => {
    const server = await start('vsftpd');
    await server.writeFile('tree/ok.txt', 'fine');
    await server.writeFile('tree/back\\slash.txt', 'unsafe on Windows');
    await server.writeFile('tree/CON', 'reserved on Windows');
    await server.writeFile('tree/trailing dot.', 'unsafe on Windows');
    await symlink('/etc', path.join(server.root, 'tree', 'escape'));
    await symlink('../../outside.txt', path.join(server.root, 'tree', 'up-link.txt'));
    const parent = tempDir();
    const local = path.join(parent, 'copy');
    const skipped: string[] = [];
    const result = await mirrorDown(poolFor(server, 2), '/tree', local, { onSkip: (skip) => skipped.push(skip.path) });
    expect(result.failed).toEqual([]);
    expect(result.files).toBe(1);
    expect(skipped.sort()).toEqual(['CON', 'back\\slash.txt', 'escape', 'trailing dot.', 'up-link.txt']);
    expect(result.skipped.find((skip) => skip.path === 'escape')?.reason).toMatch(/symbolic link/);
    expect(await readdir(parent)).toEqual(['copy']);
    expect(await readdir(local)).toEqual(['ok.txt']);
    expect((await lstat(path.join(local, 'ok.txt'))).isFile()).toBe(true);
  });

  it('fails a file whose local name is a planted symlink, without writing through it', async () => {
    const server = await start('vsftpd');
    await server.writeFile('tree/victim.txt', 'payload');
    const parent = tempDir();
    const local = path.join(parent, 'copy');
    await mkdir(local);
    await writeFile(path.join(parent, 'precious.txt'), 'keep me');
    await symlink(path.join(parent, 'precious.txt'), path.join(local, 'victim.txt'));
    const result = await mirrorDown(poolFor(server, 1), '/tree', local);
    expect(result.failed.map((failure) => failure.path)).toEqual(['victim.txt']);
    expect(await readFile(path.join(parent, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});
