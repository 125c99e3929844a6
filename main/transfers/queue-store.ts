import { mkdir } from 'node:fs/promises';
import { QueueModel } from './queue-model';
import { journalPath, JournalFile, loadQueueFiles, removeOldJournals, writeSnapshot } from './queue-journal';
import { pauseLine } from './queue-pause';
import type { QueueOp, QueueRecord } from './queue-record';

/** Tuning of a store; the defaults suit a desktop queue of 100,000 items. */
export interface QueueStoreOptions {
  /** Longest time a change waits in memory before it is appended and fsync'd (default 100 ms). */
  readonly flushDelayMs?: number;
  /** Journal lines after which the queue is compacted into a new snapshot (default 20,000). */
  readonly compactAfterOps?: number;
}

/**
 * The transfer queue on disk, crash-safe: every change is a journal line, appended and fsync'd
 * in small batches; progress is never journaled (a resume finds it in the temporary file). A
 * long journal is folded into a snapshot now and then. Loading replays snapshot + journals,
 * skips a torn last line and starts a fresh generation, so a torn tail is never appended to.
 * Pause and Resume of the whole queue are journaled the same way (queue-pause.ts).
 */
export class QueueStore {
  readonly model = new QueueModel();
  private journal: JournalFile | undefined;
  private generation = 0;
  private pending: string[] = [];
  private opsSinceSnapshot = 0;
  private pausedNow = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private readonly flushDelayMs: number;
  private readonly compactAfterOps: number;

  private constructor(
    private readonly folder: string,
    options: QueueStoreOptions,
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 100;
    this.compactAfterOps = options.compactAfterOps ?? 20_000;
  }

  /** Loads the queue kept in `folder` (creating it), ready for changes. */
  static async open(folder: string, options: QueueStoreOptions = {}): Promise<QueueStore> {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const store = new QueueStore(folder, options);
    const loaded = await loadQueueFiles(folder);
    for (const record of loaded.records) store.model.apply({ o: 'add', r: record });
    for (const op of loaded.ops) store.model.apply(op);
    // What a walk saw of the targets is stale after a restart: check each target again.
    for (const record of store.model.all()) delete record.targetAbsent;
    store.generation = loaded.generation;
    store.pausedNow = loaded.paused;
    // Start clean: one snapshot of what was loaded, an empty journal of the next generation.
    await store.compact();
    return store;
  }

  /** Applies a change in memory now and queues its journal line; returns the records it touched. */
  commit(op: QueueOp): QueueRecord[] {
    const touched = this.model.apply(op);
    if (touched.length > 0) this.append(JSON.stringify(op));
    return touched;
  }

  /** True while the queue is paused: kept with the queue, so it starts paused after a restart. */
  get paused(): boolean {
    return this.pausedNow;
  }

  /** Records a Pause (true) or Resume (false); like a commit, on disk once flushed. */
  setPaused(paused: boolean): void {
    if (paused === this.pausedNow) return;
    this.pausedNow = paused;
    this.append(pauseLine(paused));
  }

  /** Resolves when every change committed so far is on disk (fsync'd); rejects if the disk refused. */
  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending;
    this.pending = [];
    const next = this.writing.then(async () => {
      if (this.failure !== undefined) throw this.failure;
      await this.journal?.append(lines);
      if (this.opsSinceSnapshot >= this.compactAfterOps) await this.compact();
    });
    this.writing = next.catch((error: unknown) => {
      this.failure ??= error;
    });
    return next;
  }

  /** Writes what is pending and folds the journal into a snapshot; the store can't be used afterwards. */
  async close(): Promise<void> {
    await this.flush();
    await this.writing;
    await this.compact();
    await this.journal?.close();
    this.journal = undefined;
  }

  /** Queues a journal line; the timer writes it soon, flush() at once. */
  private append(line: string): void {
    this.pending.push(line);
    this.opsSinceSnapshot += 1;
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.flushDelayMs);
  }

  /** Switches to the next journal, snapshots the model, then deletes the journals it contains. */
  private async compact(): Promise<void> {
    const next = this.generation + 1;
    // Taken synchronously with the switch: later changes go to journal `next` only.
    const records = this.model.all().map((record) => ({ ...record }));
    const paused = this.pausedNow;
    // Changes not yet appended are inside this snapshot; replaying them too would repeat a move.
    this.pending = [];
    const previous = this.journal;
    this.journal = await JournalFile.open(journalPath(this.folder, next));
    await previous?.close();
    this.opsSinceSnapshot = 0;
    await writeSnapshot(this.folder, next, records, paused);
    this.generation = next;
    await removeOldJournals(this.folder, next);
  }
}
