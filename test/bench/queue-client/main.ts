// The sluice-queue bench client: one process per run, like a CLI invocation, so its peak RSS
// and its start-up are measured as the peers' are. Reads a QueueJob on stdin, connects,
// enqueues the folder, waits until the queue has nothing left to do, fails if any item did
// not arrive, and disconnects. Bundled by ./bundle.ts; see ../README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { openHeadlessQueue } from './headless-queue';
import { parseJob, type QueueJob } from './job';

async function run(job: QueueJob, dataDir: string): Promise<void> {
  const { queue, close } = await openHeadlessQueue(job, dataDir);
  try {
    const { added } = await queue.enqueue({ direction: job.direction, sources: [{ path: job.source, kind: 'folder' }], targetFolder: job.targetFolder });
    if (added !== 1) throw new Error(`enqueue added ${added} items, expected the one folder`);
    await queue.whenIdle(5);
    const summary = await queue.summary();
    if (summary.failed > 0 || summary.queued > 0 || summary.active > 0) {
      const failed = (await queue.list('failed', 0, 3)).items.map((item) => `${item.remotePath}: ${item.error?.message ?? item.status}`);
      throw new Error(`queue ended with ${summary.failed} failed, ${summary.queued} queued, ${summary.active} active; ${failed.join('; ')}`);
    }
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  const job = parseJob(await text(process.stdin));
  // The queue's journal, settings and trust store: fresh per run, like a first start of the app.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sluice-bench-queue-'));
  try {
    await run(job, dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(`sluice-queue: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
