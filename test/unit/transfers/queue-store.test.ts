import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, loadQueueFiles } from '../../../main/transfers/queue-journal';
import type { QueueRecord } from '../../../main/transfers/queue-record';
import { QueueStore } from '../../../main/transfers/queue-store';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
const opened: QueueStore[] = [];
afterEach(async () => {
  // Crashes are simulated by opening again without closing; close every store only now.
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  temp?.remove();
});

async function open(folder: string, options?: Parameters<typeof QueueStore.open>[1]): Promise<QueueStore> {
  const store = await QueueStore.open(folder, options);
  opened.push(store);
  return store;
}

function record(id: string): QueueRecord {
  return { id, direction: 'upload', kind: 'file', localPath: `/l/${id}`, remotePath: `/r/${id}`, server: { host: '127.0.0.1', port: 21, user: 'u' }, bytesDone: 0, status: 'queued', attempts: 0, addedAt: 1 };
}

const ids = (store: QueueStore) => store.model.all().map((each) => each.id);

describe('queue store', () => {
  it('replays the journal after a crash (no close) and journals status, not progress', async () => {
    temp = makeTempDir();
    const store = await open(temp.path);
    store.commit({ o: 'add', r: record('a') });
    store.commit({ o: 'add', r: record('b') });
    store.commit({ o: 'set', id: 'a', p: { status: 'active', attempts: 1 } });
    store.commit({ o: 'move', ids: ['b'], w: 'top' });
    // Progress changes the record in memory only.
    (store.model.get('a') as QueueRecord).bytesDone = 500;
    await store.flush();
    const again = await open(temp.path);
    expect(ids(again)).toEqual(['b', 'a']);
    expect(again.model.get('a')).toMatchObject({ status: 'active', attempts: 1, bytesDone: 0 });
  });

  it("forgets after a restart what a walk saw of the targets (they may exist by now)", async () => {
    temp = makeTempDir();
    const store = await open(temp.path);
    store.commit({ o: 'add', r: { ...record('a'), targetAbsent: true } });
    expect(store.model.get('a')?.targetAbsent).toBe(true);
    await store.flush();
    const again = await open(temp.path);
    expect(again.model.get('a')).toBeDefined();
    expect(again.model.get('a')?.targetAbsent).toBeUndefined();
  });

  it('ignores a torn last line and starts a fresh journal', async () => {
    temp = makeTempDir();
    const store = await open(temp.path);
    store.commit({ o: 'add', r: record('a') });
    await store.flush();
    const journal = readdirSync(temp.path).find((name) => name.startsWith('queue.journal.')) as string;
    appendFileSync(path.join(temp.path, journal), '{"o":"add","r":{"id":"torn","dire');
    const loaded = await loadQueueFiles(temp.path);
    expect(loaded.skippedLines).toBe(1);
    const again = await open(temp.path);
    expect(ids(again)).toEqual(['a']);
    again.commit({ o: 'add', r: record('b') });
    await again.flush();
    expect(ids(await open(temp.path))).toEqual(['a', 'b']);
  });

  it('compacts a long journal into a snapshot and removes the old journal', async () => {
    temp = makeTempDir();
    const store = await open(temp.path, { compactAfterOps: 50 });
    for (let n = 0; n < 120; n++) store.commit({ o: 'add', r: record(`i${n}`) });
    await store.flush();
    const journals = readdirSync(temp.path).filter((name) => name.startsWith('queue.journal.'));
    expect(journals).toHaveLength(1);
    const snapshot = readFileSync(path.join(temp.path, 'queue.snapshot.jsonl'), 'utf8').trim().split('\n');
    expect(snapshot).toHaveLength(121);
    expect((await open(temp.path)).model.size).toBe(120);
  });

  it('replays both journals when a crash came between the journal switch and the snapshot', async () => {
    temp = makeTempDir();
    const store = await open(temp.path);
    store.commit({ o: 'add', r: record('a') });
    store.commit({ o: 'add', r: record('b') });
    await store.flush();
    const generation = (await loadQueueFiles(temp.path)).generation;
    // The next journal exists and holds a move; the snapshot is still the old generation.
    writeFileSync(journalPath(temp.path, generation + 1), `${JSON.stringify({ o: 'move', ids: ['b'], w: 'top' })}\n`);
    expect(ids(await open(temp.path))).toEqual(['b', 'a']);
  });

  it('loses nothing acknowledged when killed with SIGKILL at any moment', async () => {
    temp = makeTempDir();
    const child = path.join(import.meta.dirname, '..', '..', 'support', 'queue-writer-child.ts');
    const acknowledged = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const writer = spawn(process.execPath, ['--import', 'tsx', child, temp.path], { stdio: ['ignore', 'pipe', 'inherit'] });
      let buffered = '';
      writer.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('item-')) acknowledged.add(line);
      });
      await new Promise((resolve) => writer.stdout.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      writer.kill('SIGKILL');
      await exited;
      const store = await open(temp.path);
      const present = new Set(ids(store));
      for (const id of acknowledged) expect(present.has(id), id).toBe(true);
      // Every third item was marked done right after its add: that change survived too.
      for (const id of acknowledged) if (Number(id.slice(5)) % 3 === 0) expect(store.model.get(id)?.status, id).toBe('done');
    }
    expect(acknowledged.size).toBeGreaterThan(20);
  }, 60_000);
});
