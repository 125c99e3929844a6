import path from 'node:path';
import { SluiceError } from '../../shared/errors';
import type { Unsubscribe } from '../../shared/contract/service';
import type { FileExistsAction } from '../../shared/services/prompts';
import type { EnqueueRequest, QueueSummary, QueueView, TransferItem, TransferServer, TransfersService } from '../../shared/services/transfers';
import { Emitter } from '../events';
import { ChangeFeed, type FeedTiming } from './change-feed';
import { ExistsPolicy, type AskFileExists } from './exists-policy';
import { itemsFor } from './new-items';
import { toWireItem, type MoveWhere } from './queue-record';
import { QueueStore, type QueueStoreOptions } from './queue-store';
import type { RetryPolicy } from './retry-policy';
import { Scheduler, type RunnerSource } from './scheduler';
import { SpeedLimiter } from './speed-limit';
import { TransferSettings } from './transfer-settings';

/** What the transfer queue is built from. */
export interface TransferQueueDeps {
  /** The user's data folder: the queue lives in `<dataDir>/queue/`. */
  readonly dataDir: string;
  /** The server items are added for (the session's connected one); undefined: not connected. */
  readonly connectedServer: () => TransferServer | undefined;
  /** Makes the runner source; `wake` must be called when connections become available. */
  readonly runners: (wake: () => void) => RunnerSource & { close(): Promise<void> };
  readonly ask: AskFileExists;
  readonly store?: QueueStoreOptions;
  readonly retry?: RetryPolicy;
  readonly feed?: FeedTiming;
  readonly verifyChecksum?: boolean;
  readonly finishNoticeAfterMs?: number;
  readonly maxQueued?: number;
}

interface Ready {
  readonly store: QueueStore;
  readonly scheduler: Scheduler;
  readonly settings: TransferSettings;
  readonly feed: ChangeFeed;
  readonly runners: RunnerSource & { close(): Promise<void> };
}

/**
 * The transfers service: a crash-safe queue (QueueStore, its paused flag included), a
 * scheduler over the session's connections, the file-exists policy and throttled events.
 * Built synchronously for the composition root; the queue loads in the background and every
 * method waits for it.
 */
export class TransferQueue implements TransfersService {
  private readonly itemsChanged = new Emitter<readonly TransferItem[]>();
  private readonly summaryChanged = new Emitter<QueueSummary>();
  private readonly queueFinished = new Emitter<{ readonly done: number; readonly failed: number; readonly elapsedMs: number }>();
  private readonly ready: Promise<Ready>;
  private readonly limiter = new SpeedLimiter(null);

  readonly onDidChangeItems: (listener: (items: readonly TransferItem[]) => void) => Unsubscribe = this.itemsChanged.subscribe;
  readonly onDidChangeSummary: (listener: (summary: QueueSummary) => void) => Unsubscribe = this.summaryChanged.subscribe;
  readonly onDidFinishQueue: (listener: (result: { readonly done: number; readonly failed: number; readonly elapsedMs: number }) => void) => Unsubscribe =
    this.queueFinished.subscribe;

  constructor(private readonly deps: TransferQueueDeps) {
    this.ready = this.load();
    // A failed load surfaces on the first call; it must not be an unhandled rejection meanwhile.
    this.ready.catch(() => undefined);
  }

  private async load(): Promise<Ready> {
    const folder = path.join(this.deps.dataDir, 'queue');
    const [store, settings] = await Promise.all([QueueStore.open(folder, this.deps.store), TransferSettings.load(this.deps.dataDir)]);
    this.limiter.setLimit(settings.speedLimit);
    let scheduler: Scheduler | undefined;
    const feed = new ChangeFeed(
      store.model,
      (items) => this.itemsChanged.fire(items),
      (summary) => this.summaryChanged.fire(summary),
      () => ({ paused: scheduler?.isPaused ?? false, ...(this.limiter.limit === undefined ? {} : { speedLimit: this.limiter.limit }) }),
      this.deps.feed,
    );
    const runners = this.deps.runners(() => scheduler?.pump());
    scheduler = new Scheduler({
      store,
      runners,
      feed,
      policy: new ExistsPolicy(this.deps.ask, (siteId) => settings.fileExistsDefault(siteId)),
      limiter: this.limiter,
      ...(this.deps.retry === undefined ? {} : { retry: this.deps.retry }),
      ...(this.deps.verifyChecksum === undefined ? {} : { verifyChecksum: this.deps.verifyChecksum }),
      ...(this.deps.finishNoticeAfterMs === undefined ? {} : { finishNoticeAfterMs: this.deps.finishNoticeAfterMs }),
      ...(this.deps.maxQueued === undefined ? {} : { maxQueued: this.deps.maxQueued }),
      onFinish: (result) => this.queueFinished.fire(result),
    });
    // Items that were active or being walked when the app stopped are queued again; they resume.
    for (const record of store.model.all()) {
      if (record.status === 'active' || record.status === 'expanding') scheduler.commit({ o: 'set', id: record.id, p: { status: 'queued' } });
    }
    await store.flush();
    // A queue paused before the restart stays paused: the pump starts nothing until Resume.
    scheduler.pump();
    return { store, scheduler, settings, feed, runners };
  }

  async enqueue(request: EnqueueRequest): Promise<{ readonly added: number }> {
    const { store, scheduler } = await this.ready;
    const server = this.deps.connectedServer();
    if (server === undefined) throw new SluiceError('closed', 'Connect to a server before adding transfers');
    const records = await itemsFor(request, server);
    for (const record of records) scheduler.commit({ o: 'add', r: record });
    // Acknowledged only once on disk: a crash after this loses nothing that was added.
    await store.flush();
    scheduler.pump();
    return { added: records.length };
  }

  async list(view: QueueView, offset: number, limit: number): Promise<{ readonly items: readonly TransferItem[]; readonly total: number }> {
    const { store } = await this.ready;
    const page = store.model.page(view, offset, limit);
    return { items: page.items.map((record) => toWireItem(record)), total: page.total };
  }

  async summary(): Promise<QueueSummary> {
    return (await this.ready).feed.summary();
  }

  /** Pauses the queue; resolves once the pause is on disk, so a restart (or a crash) keeps it. */
  async pause(): Promise<void> {
    await this.changeAndFlush((scheduler) => scheduler.pause());
  }

  async resume(): Promise<void> {
    await this.changeAndFlush((scheduler) => scheduler.resume());
  }

  async cancel(ids: string[]): Promise<void> {
    await this.changeAndFlush((scheduler) => scheduler.cancel(ids));
  }

  async retry(ids: string[]): Promise<void> {
    await this.changeAndFlush((scheduler) => scheduler.retryItems(ids));
  }

  async move(ids: string[], where: MoveWhere): Promise<void> {
    await this.changeAndFlush((scheduler) => scheduler.move(ids, where));
  }

  async clearFinished(): Promise<void> {
    await this.changeAndFlush((scheduler) => scheduler.clearFinished());
  }

  async setSpeedLimit(bytesPerSecond: number | null): Promise<void> {
    const { settings, feed } = await this.ready;
    this.limiter.setLimit(bytesPerSecond);
    await settings.setSpeedLimit(bytesPerSecond);
    feed.changed([]);
  }

  async setDefaultFileExistsAction(siteId: string, action: FileExistsAction | null): Promise<void> {
    await (await this.ready).settings.setFileExistsDefault(siteId, action);
  }

  /** Stops the transfers (they resume at the next start), writes the queue and closes its connections. */
  async shutdown(): Promise<void> {
    const ready = await this.ready.catch(() => undefined);
    if (ready === undefined) return;
    await ready.scheduler.shutdown();
    ready.feed.flush();
    ready.feed.dispose();
    await ready.runners.close();
    await ready.store.close();
  }

  /** Resolves when the scheduler has nothing running and nothing due (tests). */
  async whenIdle(pollMs = 20): Promise<void> {
    const { scheduler } = await this.ready;
    while (!scheduler.idle) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }

  private async changeAndFlush(change: (scheduler: Scheduler) => void): Promise<void> {
    const { scheduler, store } = await this.ready;
    change(scheduler);
    await store.flush();
  }
}
