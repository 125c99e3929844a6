// The transfer scenarios of issue 4 §6, and the RSS figures derived from the 1 GiB ones.
// A scenario prepares one run (fresh local/remote folders), invokes one client method,
// then verifies the output byte-exact before the time may count.
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeUploadFolder, REMOTE_BIG, REMOTE_TREE } from './seed';
import type { SourceData } from './source-data';
import type { Target } from './targets';
import type { BenchClient, OpResult, TransferMethod } from './types';
import { verifyFile, verifyTree } from './verify';

export interface RunContext {
  source: SourceData;
  serverRoot: string;
  /** Unique per (scenario, client, run); names the local and remote output folders. */
  slot: string;
  /** Root of local outputs (.tmp/bench/out); each run's output is moved aside after it, all deleted at the end. */
  outDir: string;
}

export interface PreparedRun {
  invoke(client: BenchClient): OpResult;
  verify(): Promise<void>;
  cleanup(): Promise<void>;
}

export interface TransferScenario {
  id: string;
  title: string;
  method: TransferMethod;
  /** Client whose median the ratio column divides by. */
  reference: string;
  target: Target;
  /** Timed runs per client unless `--runs` says otherwise (default DEFAULT_RUNS). */
  defaultRuns?: number;
  /** The source data it reads (a file or a folder; the server's copies are hard links to it), read once before its first run. */
  inputs(source: SourceData): string;
  prepare(ctx: RunContext): Promise<PreparedRun>;
}

/** A figure taken from another scenario's runs instead of running anything itself. */
export interface RssScenario {
  id: string;
  title: string;
  from: string; // a TransferScenario id
  reference: string;
  target: Target; // in MB
}

// The server's session processes may still be finishing a file after a failed client
// has exited (rmdir then sees ENOTEMPTY): retry instead of failing the clean-up.
const removeTree = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });

// A tree run's output is moved aside, not deleted: its folder goes under `.retired/` next to
// it, and the whole output root (local .tmp/bench/out, the server's temporary root) is deleted
// once at the end. Deleting 1000 files after every run made the NEXT run's file creations slow, whoever
// ran it: ext4 without a journal (this machine's disk) will not reuse an inode deleted in the
// last minute, and checks each such inode on every create (find_inode_bit → recently_deleted),
// ~1 ms per new file after a few runs. Real download folders are not created next to
// thousands of files deleted seconds before, so no client should pay for the bench's clean-up.
let retired = 0;
async function retireTree(dir: string): Promise<void> {
  const aside = path.join(path.dirname(dir), '.retired');
  await mkdir(aside, { recursive: true });
  await rename(dir, path.join(aside, `${path.basename(dir)}-${retired++}`)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
}

/** How a run's output goes: the 1 GiB files are deleted at once (one inode), trees retired (see retireTree). */
type Disposal = 'delete' | 'retire';
const dispose = (dir: string, how: Disposal) => (how === 'retire' ? retireTree(dir) : removeTree(dir));

async function localFolder(ctx: RunContext, how: Disposal): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = path.join(ctx.outDir, ctx.slot);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return { dir, cleanup: () => dispose(dir, how) };
}

async function remoteFolder(ctx: RunContext, how: Disposal): Promise<{ rel: string; cleanup: () => Promise<void> }> {
  const rel = await makeUploadFolder(ctx.serverRoot, ctx.slot);
  return { rel, cleanup: () => dispose(path.join(ctx.serverRoot, rel), how) };
}

const call = <K extends TransferMethod>(client: BenchClient, method: K, ...args: [string, string]): OpResult => {
  const fn = client[method];
  if (!fn) throw new Error(`${client.name} has no ${method}`); // callers check support first
  return fn.apply(client, args);
};

const BIG_RUNS = 7;

export const TRANSFERS: readonly TransferScenario[] = [
  {
    id: 'big-down', title: '1 GiB download (PROT P)', method: 'download', reference: 'curl',
    // Seven runs: on this project's VM one client's runs of a gigabyte spread from 1.0 to 2.7 s
    // (the kernel's time to fill the page cache, and the server's), wider than the gaps between
    // the clients; a median of three was decided by which runs drew the slow minutes.
    defaultRuns: BIG_RUNS,
    inputs: (source) => source.bigPath,
    target: { kind: 'ratio', min: 1 },
    async prepare(ctx) {
      const local = await localFolder(ctx, 'delete');
      const file = path.join(local.dir, 'big.bin');
      return {
        invoke: (c) => call(c, 'download', REMOTE_BIG, file),
        verify: () => verifyFile(file, ctx.source.bigSize, ctx.source.bigSha256),
        cleanup: local.cleanup,
      };
    },
  },
  {
    id: 'big-up', title: '1 GiB upload (PROT P)', method: 'upload', reference: 'curl',
    defaultRuns: BIG_RUNS,
    inputs: (source) => source.bigPath,
    target: { kind: 'ratio', min: 1 },
    async prepare(ctx) {
      const remote = await remoteFolder(ctx, 'delete');
      const rel = path.posix.join(remote.rel, 'big.bin');
      return {
        invoke: (c) => call(c, 'upload', ctx.source.bigPath, rel),
        verify: () => verifyFile(path.join(ctx.serverRoot, rel), ctx.source.bigSize, ctx.source.bigSha256),
        cleanup: remote.cleanup,
      };
    },
  },
  {
    id: 'tree-down', title: '1000 × 10 KiB recursive download', method: 'mirrorDown', reference: 'lftp',
    inputs: (source) => source.treeDir,
    target: { kind: 'ratio', min: 4 },
    async prepare(ctx) {
      const local = await localFolder(ctx, 'retire');
      const dir = path.join(local.dir, 'tree');
      return {
        invoke: (c) => call(c, 'mirrorDown', REMOTE_TREE, dir),
        verify: () => verifyTree(dir, ctx.source.tree),
        cleanup: local.cleanup,
      };
    },
  },
  {
    id: 'tree-up', title: '1000 × 10 KiB recursive upload', method: 'mirrorUp', reference: 'lftp',
    inputs: (source) => source.treeDir,
    target: { kind: 'ratio', min: 4 },
    async prepare(ctx) {
      const remote = await remoteFolder(ctx, 'retire');
      const rel = path.posix.join(remote.rel, 'tree');
      return {
        invoke: (c) => call(c, 'mirrorUp', ctx.source.treeDir, rel),
        verify: () => verifyTree(path.join(ctx.serverRoot, rel), ctx.source.tree),
        cleanup: remote.cleanup,
      };
    },
  },
];

export const RSS: readonly RssScenario[] = [
  { id: 'rss-down', title: 'peak RSS, 1 GiB download', from: 'big-down', reference: 'curl', target: { kind: 'below', limit: 150 } },
  { id: 'rss-up', title: 'peak RSS, 1 GiB upload', from: 'big-up', reference: 'curl', target: { kind: 'below', limit: 150 } },
];
