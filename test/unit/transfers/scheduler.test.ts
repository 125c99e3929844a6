import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FtpClient } from '../../../main/ftp/client';
import { FtpError } from '../../../main/ftp/errors';
import type { DownloadFileOptions } from '../../../main/ftp/download-file';
import type { TransferRunner } from '../../../main/transfers/connection-lease';
import { serverKey } from '../../../main/transfers/queue-record';
import { TransferQueue } from '../../../main/transfers/transfers-service';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
const queues: TransferQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.shutdown();
  temp?.remove();
});

const server = { host: '127.0.0.1', port: 2121, user: 'u' };

/** A client whose downloads write `content`, failing first with each error of `failures` in turn. */
function fakeClient(failures: unknown[], content = 'data'): { client: FtpClient; calls: DownloadFileOptions[] } {
  const calls: DownloadFileOptions[] = [];
  const client = {
    async download(_remote: string, local: string, options: DownloadFileOptions) {
      calls.push(options);
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      writeFileSync(local, content);
      return { bytes: content.length, size: content.length, resumedFrom: 0, durationMs: 1, reply: { code: 226, text: 'ok', lines: [] } };
    },
  } as unknown as FtpClient;
  return { client, calls };
}

function queueWith(client: FtpClient, limit = 2, retry = { maxAttempts: 3, baseDelayMs: 30, maxDelayMs: 100 }): TransferQueue {
  const runner: TransferRunner = { limit, run: (task) => task(client), close: async () => undefined };
  const queue = new TransferQueue({
    dataDir: path.join(temp.path, 'data'),
    connectedServer: () => server,
    runners: () => ({ connected: () => new Map([[serverKey(server), runner]]), close: async () => undefined }),
    ask: async () => ({ kind: 'file-exists', action: 'skip', applyToAll: false }),
    retry,
    feed: { itemsMs: 10, summaryMs: 10 },
  });
  queues.push(queue);
  return queue;
}

async function idle(queue: TransferQueue, timeoutMs = 5_000): Promise<void> {
  await Promise.race([queue.whenIdle(5), new Promise((_, reject) => setTimeout(() => reject(new Error('the queue never went idle')), timeoutMs))]);
}

describe('scheduler', () => {
  it('wakes up for a retry when nothing else runs, and resumes on the next try', async () => {
    temp = makeTempDir();
    mkdirSync(path.join(temp.path, 'down'));
    const { client, calls } = fakeClient([new FtpError('connection-closed', 'reset', 'data'), new FtpError('command-failed', '421 busy', 'command', 421)]);
    const queue = queueWith(client);
    await queue.enqueue({ direction: 'download', sources: [{ path: '/a.bin', kind: 'file' }], targetFolder: path.join(temp.path, 'down') });
    await idle(queue);
    const [item] = (await queue.list('finished', 0, 10)).items;
    expect(item).toMatchObject({ status: 'done', attempts: 3 });
    expect(calls.map((call) => call.resume)).toEqual([false, true, true]);
  });

  it('fails a permanent error at once and a transient one after the last try', async () => {
    temp = makeTempDir();
    mkdirSync(path.join(temp.path, 'down'));
    const reset = () => new FtpError('connection-closed', 'reset', 'data');
    const { client } = fakeClient([new FtpError('command-failed', '550 No such file', 'command', 550), reset(), reset(), reset()]);
    const queue = queueWith(client, 1);
    await queue.enqueue({ direction: 'download', sources: [{ path: '/gone.bin', kind: 'file' }, { path: '/flaky.bin', kind: 'file' }], targetFolder: path.join(temp.path, 'down') });
    await idle(queue);
    const failed = (await queue.list('failed', 0, 10)).items;
    expect(failed.map((item) => [item.remotePath, item.attempts, item.error?.code])).toEqual([
      ['/gone.bin', 1, 550],
      ['/flaky.bin', 3, undefined],
    ]);
    await queue.retry(failed.map((item) => item.id));
    await idle(queue);
    expect((await queue.summary()).finished).toBe(2);
  });

  it('asks about an existing target and skips it on "skip", keeping the file', async () => {
    temp = makeTempDir();
    const down = path.join(temp.path, 'down');
    mkdirSync(down);
    writeFileSync(path.join(down, 'a.bin'), 'mine');
    const { client, calls } = fakeClient([]);
    Object.assign(client, { size: async () => 4, mdtm: async () => new Date(0) });
    const queue = queueWith(client);
    await queue.enqueue({ direction: 'download', sources: [{ path: '/a.bin', kind: 'file' }], targetFolder: down });
    await idle(queue);
    expect((await queue.list('finished', 0, 10)).items[0]).toMatchObject({ status: 'skipped', error: { kind: 'exists' } });
    expect(calls).toEqual([]);
  });
});

describe('scheduler clock', () => {
  afterEach(() => vi.restoreAllMocks());

  // Under load, time passes while the scheduler runs. A pump that skips an item still backing
  // off, and then reads a later clock when it sets the wake timer, once found the retry due
  // "already", set no timer, and ended the run with the item still queued.
  it('keeps a run on until a backed-off item is retried, however the clock moves within a pump', async () => {
    let fakeNow = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (fakeNow += 1));
    for (let delayMs = 1; delayMs <= 10; delayMs += 1) {
      temp = makeTempDir();
      mkdirSync(path.join(temp.path, 'down'));
      const { client } = fakeClient([new FtpError('connection-closed', 'reset', 'data')]);
      const queue = queueWith(client, 1, { maxAttempts: 3, baseDelayMs: delayMs, maxDelayMs: delayMs });
      await queue.enqueue({ direction: 'download', sources: [{ path: '/a.bin', kind: 'file' }], targetFolder: path.join(temp.path, 'down') });
      await idle(queue);
      const [item] = (await queue.list('finished', 0, 10)).items;
      expect({ delayMs, status: item?.status, attempts: item?.attempts }).toEqual({ delayMs, status: 'done', attempts: 2 });
      for (const done of queues.splice(0)) await done.shutdown();
      temp.remove();
    }
  });
});
