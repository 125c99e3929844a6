// A dry run up with --only-newer lists each remote folder to compare. A folder not on the server
// yet has nothing to compare with; any other failed listing must be reported, not planned over.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mirrorUp } from '../../main/mirror/mirror-up';
import { ConnectionPool } from '../../main/pool/connection-pool';
import { FaultData, type Handler } from '../support/fault-server/index';
import { makeTempDir } from '../support/temp-dir';
import { useHarness } from './fixtures';

const harness = useHarness();
const pools: ConnectionPool[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A local tree of two files, one in a subfolder. */
async function localTree(): Promise<string> {
  const dir = makeTempDir('sluice-dry-');
  cleanups.push(() => dir.remove());
  await mkdir(path.join(dir.path, 'sub'));
  await writeFile(path.join(dir.path, 'top.txt'), 'top');
  await writeFile(path.join(dir.path, 'sub', 'inner.txt'), 'inner');
  return dir.path;
}

/** A pool on a fault server whose MLSD answers `mlsd`; every other command goes as a server would. */
async function poolAnsweringMlsd(mlsd: Handler): Promise<{ pool: ConnectionPool; mkdirs: () => number }> {
  const data = new FaultData();
  cleanups.push(() => data.close());
  const server = await harness.server({ script: { ...data.script(), MLSD: mlsd } });
  const pool = new ConnectionPool({ connect: harness.options(server, { data: { connectTimeoutMs: 2_000, stallTimeoutMs: 2_000 } }), size: 2 });
  pools.push(pool);
  return { pool, mkdirs: () => server.commands.filter((command) => command.verb === 'MKD').length };
}

describe('mirror up, dry run with --only-newer', () => {
  it.each(['550 /up/new: No such file or directory', '450 /up/new: No such file or directory'])(
    'plans every file when the folder is not on the server (%s)',
    async (reply) => {
      const { pool, mkdirs } = await poolAnsweringMlsd(reply);
      const result = await mirrorUp(pool, await localTree(), '/up/new', { dryRun: true, onlyNewer: true });
      expect(result.failed).toEqual([]);
      expect(result.planned.map((plan) => plan.path).sort()).toEqual(['sub/inner.txt', 'top.txt']);
      expect(mkdirs()).toBe(0);
    },
  );

  it('reports a listing that failed for another reason, and plans nothing in that folder', async () => {
    // 425: the data connection could not be opened; the folder may well be there.
    const { pool, mkdirs } = await poolAnsweringMlsd('425 Cannot open data connection');
    const result = await mirrorUp(pool, await localTree(), '/up/new', { dryRun: true, onlyNewer: true });
    expect(result.failed.map((failure) => failure.path)).toEqual(['.']);
    expect(result.failed[0]?.error).toMatchObject({ kind: 'command-failed', code: 425 });
    expect(result.planned).toEqual([]);
    expect(mkdirs()).toBe(0);
  });

  it('reports a listing cut off by a closed connection', async () => {
    const { pool } = await poolAnsweringMlsd({ reply: '421 Service closing', then: 'close' });
    const result = await mirrorUp(pool, await localTree(), '/up/new', { dryRun: true, onlyNewer: true });
    expect(result.failed.map((failure) => failure.path)).toEqual(['.']);
    expect(result.planned).toEqual([]);
  });
});
