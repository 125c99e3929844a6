import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FtpClient } from '../../../main/ftp/client';
import type { TransferRunner } from '../../../main/transfers/connection-lease';
import { loadQueueFiles } from '../../../main/transfers/queue-journal';
import { serverKey, type QueueRecord } from '../../../main/transfers/queue-record';
import { QueueStore } from '../../../main/transfers/queue-store';
import { TransferQueue } from '../../../main/transfers/transfers-service';
import type { QueueSummary } from '../../../shared/services/transfers';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
const queues: TransferQueue[] = [];
const stores: QueueStore[] = [];
afterEach(async () => {
  // A crash is simulated by opening again without shutting down: everything is closed only now.
  for (const queue of queues.splice(0)) await queue.shutdown().catch(() => undefined);
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  temp?.remove();
});

const server = { host: '127.0.0.1', port: 2121, user: 'u' };

/** A client whose downloads write a few bytes, and the remote paths it was asked for. */
function fakeClient(): { client: FtpClient; downloads: string[] } {
  const downloads: string[] = [];
  const client = {
    async download(remote: string, local: string) {
      downloads.push(remote);
      writeFileSync(local, 'data');
      return { bytes: 4, size: 4, resumedFrom: 0, durationMs: 1, reply: { code: 226, text: 'ok', lines: [] } };
    },
  } as unknown as FtpClient;
  return { client, downloads };
}

/** A queue on `dataDir`; while `online`, its server's connections are free, so only a pause holds items back. */
function queueOn(dataDir: string, client: FtpClient, online = true): TransferQueue {
  const runner: TransferRunner = { limit: 2, run: (task) => task(client), close: async () => undefined };
  const queue = new TransferQueue({
    dataDir,
    connectedServer: () => server,
    runners: () => ({ connected: () => new Map(online ? [[serverKey(server), runner]] : []), close: async () => undefined }),
    ask: async () => ({ kind: 'file-exists', action: 'overwrite', applyToAll: false }),
    feed: { itemsMs: 5, summaryMs: 5 },
  });
  queues.push(queue);
  return queue;
}

async function openStore(folder: string): Promise<QueueStore> {
  const store = await QueueStore.open(folder);
  stores.push(store);
  return store;
}

function record(id: string): QueueRecord {
  return { id, direction: 'upload', kind: 'file', localPath: `/l/${id}`, remotePath: `/r/${id}`, server, bytesDone: 0, status: 'queued', attempts: 0, addedAt: 1 };
}

/** A store folder holding item `a` (queued) and the given paused flag, left as a crash would leave it. */
async function storeFolder(paused: boolean): Promise<string> {
  const folder = path.join(temp.path, 'queue');
  const store = await openStore(folder);
  store.commit({ o: 'add', r: record('a') });
  store.setPaused(paused);
  await store.flush();
  return folder;
}

function appendToJournal(folder: string, text: string): void {
  const journal = readdirSync(folder).find((name) => name.startsWith('queue.journal.')) as string;
  appendFileSync(path.join(folder, journal), text);
}

describe('a paused queue across a restart', () => {
  it('comes back paused after a crash, items queued and none started, and runs only after Resume', async () => {
    temp = makeTempDir();
    const data = path.join(temp.path, 'data');
    const down = path.join(temp.path, 'down');
    mkdirSync(down);
    const first = fakeClient();
    const queue = queueOn(data, first.client);
    const summaries: QueueSummary[] = [];
    queue.onDidChangeSummary((summary) => summaries.push(summary));
    await queue.pause();
    // On disk when pause() returns, not at the next timer or at quit.
    expect((await loadQueueFiles(path.join(data, 'queue'))).paused).toBe(true);
    // Nothing ran to carry the news: the panel still hears of it, so its button says "Resume queue".
    await expect.poll(() => summaries.at(-1)?.paused).toBe(true);
    // Add to queue on a paused queue leaves it paused.
    await queue.enqueue({ direction: 'download', sources: [{ path: '/a.bin', kind: 'file' }, { path: '/b.bin', kind: 'file' }], targetFolder: down });
    expect(await queue.summary()).toMatchObject({ paused: true, queued: 2, active: 0 });

    // The "crash": the first queue is never shut down; a second one opens the same data folder.
    const second = fakeClient();
    const again = queueOn(data, second.client);
    expect(await again.summary()).toMatchObject({ paused: true, queued: 2, active: 0, finished: 0 });
    expect((await again.list('queued', 0, 10)).items.map((item) => [item.remotePath, item.status])).toEqual([
      ['/a.bin', 'queued'],
      ['/b.bin', 'queued'],
    ]);
    await again.whenIdle();
    expect(second.downloads).toEqual([]);
    expect(readdirSync(down)).toEqual([]);

    await again.resume();
    expect((await loadQueueFiles(path.join(data, 'queue'))).paused).toBe(false);
    await again.whenIdle();
    expect(second.downloads.sort()).toEqual(['/a.bin', '/b.bin']);
    expect(await again.summary()).toMatchObject({ paused: false, queued: 0, finished: 2 });
    expect(first.downloads).toEqual([]);
  });

  it('keeps Resume too: after a quit and a restart the resumed queue runs what is added at once', async () => {
    temp = makeTempDir();
    const data = path.join(temp.path, 'data');
    const down = path.join(temp.path, 'down');
    mkdirSync(down);
    const queue = queueOn(data, fakeClient().client);
    await queue.pause();
    await queue.resume();
    await queue.pause();
    await queue.resume();
    expect((await loadQueueFiles(path.join(data, 'queue'))).paused).toBe(false);
    await queue.shutdown();
    const client = fakeClient();
    const again = queueOn(data, client.client);
    expect((await again.summary()).paused).toBe(false);
    await again.enqueue({ direction: 'download', sources: [{ path: '/c.bin', kind: 'file' }], targetFolder: down });
    await again.whenIdle();
    expect(client.downloads).toEqual(['/c.bin']);
    expect((await again.summary()).finished).toBe(1);
  });

  it('writes one journal line per change of the flag and folds it into the snapshot', async () => {
    temp = makeTempDir();
    const folder = await storeFolder(true);
    const store = await openStore(folder);
    expect(store.paused).toBe(true);
    expect(JSON.parse(readFileSync(path.join(folder, 'queue.snapshot.jsonl'), 'utf8').split('\n')[0] as string)).toMatchObject({ paused: true });
    store.setPaused(true);
    store.setPaused(false);
    await store.flush();
    const journal = readdirSync(folder).find((name) => name.startsWith('queue.journal.')) as string;
    expect(readFileSync(path.join(folder, journal), 'utf8')).toBe('{"o":"pause","paused":false}\n');
    expect((await openStore(folder)).paused).toBe(false);
  });
});

describe('a damaged paused flag', () => {
  // The safe default is paused (see main/transfers/queue-pause.ts): a torn Pause means the person
  // asked for no transfers and the disk never heard it; starting them anyway is the harm that can't
  // be undone, while a queue wrongly paused costs one click on "Resume queue".
  it('a torn Pause at the end of the journal: the queue loads with its items, paused', async () => {
    temp = makeTempDir();
    const folder = await storeFolder(false);
    appendToJournal(folder, '{"o":"pause","pa');
    const loaded = await loadQueueFiles(folder);
    expect(loaded).toMatchObject({ paused: true, skippedLines: 1 });
    const store = await openStore(folder);
    expect(store.paused).toBe(true);
    expect(store.model.all().map((each) => [each.id, each.status])).toEqual([['a', 'queued']]);
  });

  it('a line torn before its kind could have been a Pause: paused; a torn item change is not', async () => {
    temp = makeTempDir();
    const folder = await storeFolder(false);
    appendToJournal(folder, '{"o":"add","r":{"id":"torn","dire');
    expect((await loadQueueFiles(folder)).paused).toBe(false);
    const other = path.join(temp.path, 'other');
    mkdirSync(other);
    const store = await openStore(other);
    store.commit({ o: 'add', r: record('b') });
    await store.flush();
    appendToJournal(other, '{"o":"');
    expect((await loadQueueFiles(other)).paused).toBe(true);
  });

  it('a Pause line with a value that is not a boolean pauses; only an explicit false resumes', async () => {
    temp = makeTempDir();
    const folder = await storeFolder(false);
    appendToJournal(folder, '{"o":"pause","paused":"no"}\n');
    expect((await loadQueueFiles(folder)).paused).toBe(true);
    appendToJournal(folder, '{"o":"pause","paused":false}\n');
    expect((await loadQueueFiles(folder)).paused).toBe(false);
  });

  it('an unreadable snapshot header pauses; a header from before the flag existed does not', async () => {
    temp = makeTempDir();
    const folder = path.join(temp.path, 'queue');
    mkdirSync(folder);
    const snapshot = path.join(folder, 'queue.snapshot.jsonl');
    writeFileSync(snapshot, `{"v":1,"gen":3,"pau\n${JSON.stringify(record('a'))}\n`);
    const store = await openStore(folder);
    expect(store.paused).toBe(true);
    expect(store.model.all().map((each) => each.id)).toEqual(['a']);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    writeFileSync(snapshot, `{"v":1,"gen":7}\n${JSON.stringify(record('a'))}\n`);
    expect((await openStore(folder)).paused).toBe(false);
  });

  it('a TransferQueue over a torn Pause starts nothing until Resume', async () => {
    temp = makeTempDir();
    const data = path.join(temp.path, 'data');
    const down = path.join(temp.path, 'down');
    mkdirSync(down);
    // A running queue whose server is offline: the item waits, so it would start at the next start.
    const queue = queueOn(data, fakeClient().client, false);
    await queue.enqueue({ direction: 'download', sources: [{ path: '/d.bin', kind: 'file' }], targetFolder: down });
    expect(await queue.summary()).toMatchObject({ paused: false, queued: 1 });
    await queues.splice(0)[0]?.shutdown();
    // Then a Pause whose line the crash tore.
    appendToJournal(path.join(data, 'queue'), '{"o":"pause","paused":t');
    const client = fakeClient();
    const again = queueOn(data, client.client);
    expect(await again.summary()).toMatchObject({ paused: true, queued: 1, active: 0 });
    await again.whenIdle();
    expect(client.downloads).toEqual([]);
    await again.resume();
    await again.whenIdle();
    expect(client.downloads).toEqual(['/d.bin']);
  });
});
