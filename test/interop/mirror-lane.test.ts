// A mirror (down, and up) whose files are shared with a transfer lane (a worker thread with its own
// connections), against real servers that require TLS session reuse: the worker is the built
// bundle the CLI ships (dist/cli/transfer-lane.js), made here from the same source.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LaneSetup } from '../../main/lanes/lane-protocol';
import { TransferLane } from '../../main/lanes/transfer-lane';
import { SplitTransfers } from '../../main/mirror/file-transfers';
import { mirrorDown } from '../../main/mirror/mirror-down';
import { mirrorUp } from '../../main/mirror/mirror-up';
import { ConnectionPool } from '../../main/pool/connection-pool';
import { startServer, type RunningServer, type ServerKind } from '../support/servers/index';
import { makeTempDir } from '../support/temp-dir';
import { interopConnectOptions } from './interop-fixtures';

const FILES = 40;
const MODIFIED = new Date(Date.UTC(2022, 2, 3, 4, 5, 6));
let workerUrl: URL;
let buildDir: { path: string; remove(): void };
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  buildDir = makeTempDir('sluice-lane-build-');
  const outfile = path.join(buildDir.path, 'transfer-lane.mjs');
  await build({
    entryPoints: ['main/lanes/lane-worker.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  });
  workerUrl = pathToFileURL(outfile);
});
afterAll(() => buildDir.remove());
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(kind: ServerKind): Promise<RunningServer> {
  const server = await startServer(kind, { requireSessionReuse: true });
  cleanup.push(() => server.stop());
  return server;
}

function tempDir(): string {
  const dir = makeTempDir('sluice-lane-');
  cleanup.push(() => dir.remove());
  return dir.path;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** FILES files in two folders (one with a space and a non-ASCII name), all modified at MODIFIED. */
async function seed(server: RunningServer): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (let i = 0; i < FILES; i++) {
    const name = `${i % 2 === 0 ? 'même dossier' : 'b'}/f${i}.bin`;
    const data = randomBytes(1000 + i * 97);
    await server.writeFile(`tree/${name}`, data);
    await utimes(path.join(server.root, 'tree', name), MODIFIED, MODIFIED);
    digests.set(name, sha256(data));
  }
  return digests;
}

async function digestsOf(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    found.set(path.relative(root, full).split(path.sep).join('/'), sha256(await readFile(full)));
  }
  return found;
}

/** A connected pool of one connection (the walk's) and a lane of `size` more, as the CLI splits 4. */
async function poolAndLane(server: RunningServer, size: number, setup: Partial<LaneSetup> = {}, url = workerUrl): Promise<{ pool: ConnectionPool; lane: TransferLane }> {
  const data = { connectTimeoutMs: 5_000, stallTimeoutMs: 10_000, requireSessionReuse: true };
  const pool = new ConnectionPool({ connect: interopConnectOptions(server, { data }), size: 1 });
  cleanup.push(() => pool.close());
  await pool.run(async () => undefined);
  const leaf = pool.trustedLeaf;
  expect(leaf).toBeDefined();
  const lane = new TransferLane(url, size);
  lane.begin({
    connect: { ...interopConnectOptions(server, { data }) },
    insecureAllowed: false,
    ...(leaf === undefined ? {} : { trustedLeaf: leaf }),
    ...setup,
  });
  cleanup.push(() => lane.close());
  return { pool, lane };
}

describe.each(['vsftpd', 'proftpd'] as const)('%s, session reuse required: mirrors with a transfer lane', (kind) => {
  it('delivers every file byte-exact with its time, part of them through the worker', async () => {
    const server = await serve(kind);
    const expected = await seed(server);
    const { pool, lane } = await poolAndLane(server, 3);
    const local = path.join(tempDir(), 'copy');
    const result = await mirrorDown(pool, '/tree', local, { transfers: new SplitTransfers(pool, 1, lane) });
    expect(result.failed).toEqual([]);
    expect(result.files).toBe(FILES);
    expect(await digestsOf(local)).toEqual(expected);
    expect((await stat(path.join(local, 'b', 'f1.bin'))).mtimeMs).toBe(MODIFIED.getTime());
    // Both threads did work: the lane most, the walk's own connection some. The lane also
    // listed a subfolder: the top one is listed here, the ones below wherever there is room.
    expect(lane.completed).toBeGreaterThan(0);
    expect(lane.completed).toBeLessThan(FILES);
    expect(lane.listed).toBeGreaterThan(0);
  });

  it('uploads every file byte-exact the other way, part of them through the worker', async () => {
    const server = await serve(kind);
    const source = tempDir();
    const expected = new Map<string, string>();
    for (let i = 0; i < FILES; i++) {
      const name = `${i % 2 === 0 ? 'même dossier' : 'b'}/f${i}.bin`;
      const data = randomBytes(1000 + i * 89);
      await mkdir(path.dirname(path.join(source, name)), { recursive: true });
      await writeFile(path.join(source, name), data);
      expected.set(name, sha256(data));
    }
    const { pool, lane } = await poolAndLane(server, 3);
    const result = await mirrorUp(pool, source, '/up/tree', { transfers: new SplitTransfers(pool, 1, lane) });
    expect(result.failed).toEqual([]);
    expect(result.files).toBe(FILES);
    expect(await digestsOf(path.join(server.root, 'up', 'tree'))).toEqual(expected);
    expect(lane.completed).toBeGreaterThan(0);
    expect(lane.completed).toBeLessThan(FILES);
    // The first folder's MKD went to the lane, which had room: folders are not all made here.
    expect(lane.foldersMade).toBeGreaterThan(0);
  });
});

describe('vsftpd: what a lane must refuse, and what it must not lose', () => {
  it("refuses a server that shows the lane another certificate, and the mirror goes on without the lane", async () => {
    const server = await serve('vsftpd');
    const expected = await seed(server);
    const { pool, lane } = await poolAndLane(server, 3, { trustedLeaf: randomBytes(400) });
    const probe = path.join(tempDir(), 'probe.bin');
    // The lane's connections are refused before any login: the file comes back, never written.
    await expect(lane.run({ kind: 'download', remote: '/tree/b/f1.bin', local: probe, preserveTime: true, freshFolder: false })).rejects.toThrow(
      /no connection: .*certificate/i,
    );
    expect(existsSync(probe)).toBe(false);
    expect(lane.usable).toBe(false);
    // Like a pool that keeps the connections it got, the mirror finishes on the trusted one.
    const local = path.join(tempDir(), 'copy');
    const result = await mirrorDown(pool, '/tree', local, { transfers: new SplitTransfers(pool, 1, lane) });
    expect(result.failed).toEqual([]);
    expect(await digestsOf(local)).toEqual(expected);
    expect(lane.completed).toBe(0);
  });

  it('cancels a file in the worker when its signal aborts: the file fails as cancelled and leaves nothing', async () => {
    const server = await serve('vsftpd');
    await server.writeFile('tree/big.bin', randomBytes(8 * 1024 * 1024));
    const { lane } = await poolAndLane(server, 1);
    const folder = tempDir();
    const local = path.join(folder, 'big.bin');
    const controller = new AbortController();
    const download = lane.run({ kind: 'download', remote: '/tree/big.bin', local, preserveTime: true, freshFolder: false }, controller.signal);
    controller.abort();
    await expect(download).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await readdir(folder)).toEqual([]);
    // An aborted signal is refused before anything crosses to the worker; the lane still works.
    await expect(lane.run({ kind: 'download', remote: '/tree/big.bin', local, preserveTime: true, freshFolder: false }, controller.signal)).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(lane.run({ kind: 'download', remote: '/tree/big.bin', local, preserveTime: true, freshFolder: false })).resolves.toEqual({ bytes: 8 * 1024 * 1024 });
    expect(lane.usable).toBe(true);
  });

  it('runs every file on the main connections when the worker cannot start', async () => {
    const server = await serve('vsftpd');
    const expected = await seed(server);
    const broken = path.join(tempDir(), 'broken-worker.mjs');
    await writeFile(broken, "throw new Error('this worker does not start');\n");
    const { pool, lane } = await poolAndLane(server, 3, {}, pathToFileURL(broken));
    const local = path.join(tempDir(), 'copy');
    const result = await mirrorDown(pool, '/tree', local, { transfers: new SplitTransfers(pool, 1, lane) });
    expect(result.failed).toEqual([]);
    expect(await digestsOf(local)).toEqual(expected);
    expect(lane.usable).toBe(false);
    expect(lane.completed).toBe(0);
  });
});
