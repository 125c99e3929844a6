// One queue-10k run: a fresh web shell (the built dist/web, its own data folder) and a page
// in Chromium; connect, download the 10,000-file tree through the queue with the queue panel
// in view, and meanwhile sample the web shell's RSS and record the page's long tasks. The
// files are then checked byte for byte, so a run that lost anything has no figures.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebShell } from '../../support/web-shell';
import type { ManyFiles } from '../many-files';
import { readMemoryKiB } from '../proc-status';
import { REMOTE_MANY } from '../seed';
import type { BenchSite } from '../types';
import { verifyTree } from '../verify';
import { longTasksSince, observeLongTasks, pageNow } from './long-tasks';
import { sampleRss } from './rss-sampler';
import { connect, downloadFromRemote, queueCounts, showFolder, showQueue, until } from './window-steps';

const REPO = path.resolve(import.meta.dirname, '../../..');
const RUN_TIMEOUT_MS = 30 * 60_000;

export interface WebQueueSample {
  /** From the key press to an empty Queued tab. */
  seconds: number;
  /** Peak RSS of the web-shell process (VmHWM), KiB: its whole life, start-up included. */
  peakRssKiB: number;
  /** RSS once connected, before anything was queued, KiB. */
  idleRssKiB: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface WebQueueContext {
  site: BenchSite;
  many: ManyFiles;
  browser: Browser;
  /** Local outputs' root; this run's folder below it is removed afterwards. */
  outDir: string;
  slot: string;
}

export async function runWebQueueOnce(ctx: WebQueueContext): Promise<WebQueueSample> {
  if (!existsSync(path.join(REPO, 'dist/web/main.js'))) throw new Error('dist/web/main.js is missing: run "npm run build" first');
  const local = path.join(ctx.outDir, ctx.slot);
  await rm(local, { recursive: true, force: true });
  await mkdir(local, { recursive: true });
  const home = await mkdtemp(path.join(os.tmpdir(), 'sluice-bench-home-'));
  // The bench CA reaches the web shell's TLS handshakes: trusted by chain and name, no dialog.
  const shell = await startWebShell({ env: { HOME: home, NODE_EXTRA_CA_CERTS: ctx.site.caPath } });
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pid = shell.process.pid;
  try {
    if (pid === undefined) throw new Error('the web shell has no pid');
    await observeLongTasks(page);
    await page.goto(shell.url);
    await connect(page, ctx.site);
    await showFolder(page, 'Local', local);
    await showFolder(page, 'Remote', `/${path.posix.dirname(REMOTE_MANY)}`);
    await showQueue(page);

    const idleRssKiB = readMemoryKiB(pid, 'VmRSS') ?? 0;
    const rss = sampleRss(pid);
    try {
      const since = await pageNow(page);
      const t0 = performance.now();
      await downloadFromRemote(page, path.posix.basename(REMOTE_MANY));
      await until(async () => {
        const c = await queueCounts(page);
        return c.queued > 0 || c.finished > 0 ? true : undefined;
      }, 'the download to be queued', 30_000);
      const end = await until(async () => {
        const c = await queueCounts(page);
        return c.queued === 0 ? c : undefined;
      }, 'the queue to run empty', RUN_TIMEOUT_MS, 500);
      const seconds = (performance.now() - t0) / 1000;
      const peakRssKiB = rss.stop();
      if (peakRssKiB === undefined) throw new Error('the web shell exited during the run');
      const tasks = await longTasksSince(page, since);
      if (end.failed > 0) throw new Error(`${end.failed} items failed`);
      await verifyTree(path.join(local, path.posix.basename(REMOTE_MANY)), ctx.many.tree);
      return { seconds, peakRssKiB, idleRssKiB, longTasks: tasks.count, longestTaskMs: tasks.longestMs };
    } finally {
      rss.stop();
    }
  } finally {
    await page.close();
    await shell.stop();
    await rm(home, { recursive: true, force: true });
    // The server may still be closing a data connection's file: retry instead of failing.
    await rm(local, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
