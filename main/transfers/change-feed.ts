import type { QueueSummary, TransferItem } from '../../shared/services/transfers';
import type { QueueModel } from './queue-model';
import { toWireItem, type QueueRecord } from './queue-record';

/** How often the UI hears of changes. */
export interface FeedTiming {
  /** Changed items go out in one batch at most this often (default 200 ms). */
  readonly itemsMs?: number;
  /** The summary goes out at most this often (default 250 ms). */
  readonly summaryMs?: number;
}

// The overall rate is the bytes of the last few seconds: steady, yet quick to notice a stall.
const RATE_WINDOW_MS = 3_000;

/**
 * Turns the queue's many small changes into few events: changed items are collected and
 * sent in batches, live progress (bytes, rate) updates the records in memory only, and the
 * summary is recomputed at most four times a second. 10,000 queued items stay cheap for the
 * renderer, which pages the list and patches the rows it shows.
 */
export class ChangeFeed {
  private readonly dirty = new Set<string>();
  private readonly rates = new Map<string, number>();
  private readonly samples: { at: number; bytes: number }[] = [];
  private itemsTimer: NodeJS.Timeout | undefined;
  private summaryTimer: NodeJS.Timeout | undefined;
  private readonly itemsMs: number;
  private readonly summaryMs: number;

  constructor(
    private readonly model: QueueModel,
    private readonly emitItems: (items: readonly TransferItem[]) => void,
    private readonly emitSummary: (summary: QueueSummary) => void,
    private readonly state: () => { paused: boolean; speedLimit?: number },
    timing: FeedTiming = {},
  ) {
    this.itemsMs = timing.itemsMs ?? 200;
    this.summaryMs = timing.summaryMs ?? 250;
  }

  /** Records changed (status, paths …): they go out in the next batch. */
  changed(records: Iterable<QueueRecord>): void {
    for (const record of records) {
      this.dirty.add(record.id);
      if (record.status !== 'active') this.rates.delete(record.id);
    }
    this.schedule();
  }

  /** Live progress of an active file: kept in memory (a resume finds it on disk), sent throttled. */
  progress(record: QueueRecord, position: number, bytesPerSecond: number): void {
    const delta = position - record.bytesDone;
    record.bytesDone = position;
    if (delta > 0) this.samples.push({ at: performance.now(), bytes: delta });
    this.rates.set(record.id, bytesPerSecond);
    this.changed([record]);
  }

  /** The summary as of now. */
  summary(): QueueSummary {
    const model = this.model;
    let bytesTotal = 0;
    let bytesDone = 0;
    for (const record of model.all()) {
      if (record.kind !== 'file' || record.size === undefined) continue;
      if (record.status === 'skipped' || record.status === 'cancelled' || record.status === 'failed') continue;
      bytesTotal += record.size;
      bytesDone += Math.min(record.size, record.status === 'done' ? record.size : record.bytesDone);
    }
    const rate = this.rate();
    const state = this.state();
    const left = bytesTotal - bytesDone;
    return {
      paused: state.paused,
      queued: model.count('queued') + model.count('expanding'),
      active: model.count('active'),
      failed: model.count('failed') + model.count('cancelled'),
      finished: model.count('done') + model.count('skipped'),
      bytesTotal,
      bytesDone,
      rate,
      ...(rate > 0 && left > 0 ? { etaSeconds: Math.ceil(left / rate) } : {}),
      ...(state.speedLimit === undefined ? {} : { speedLimit: state.speedLimit }),
    };
  }

  /** Sends what is pending now (shutdown, tests). */
  flush(): void {
    this.sendItems();
    this.sendSummary();
  }

  /** Stops the timers. */
  dispose(): void {
    clearTimeout(this.itemsTimer);
    clearTimeout(this.summaryTimer);
    this.itemsTimer = undefined;
    this.summaryTimer = undefined;
  }

  private rate(): number {
    const now = performance.now();
    while (this.samples.length > 0 && (this.samples[0]?.at ?? now) < now - RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    if (first === undefined) return 0;
    const bytes = this.samples.reduce((sum, sample) => sum + sample.bytes, 0);
    // Early in a run the window is shorter than RATE_WINDOW_MS: divide by what it really spans.
    const spanMs = Math.max(500, Math.min(RATE_WINDOW_MS, now - first.at));
    return Math.round((bytes * 1000) / spanMs);
  }

  private schedule(): void {
    this.itemsTimer ??= setTimeout(() => this.sendItems(), this.itemsMs);
    this.summaryTimer ??= setTimeout(() => this.sendSummary(), this.summaryMs);
  }

  private sendItems(): void {
    clearTimeout(this.itemsTimer);
    this.itemsTimer = undefined;
    if (this.dirty.size === 0) return;
    const items: TransferItem[] = [];
    for (const id of this.dirty) {
      const record = this.model.get(id);
      // Dropped records are not sent: the summary's counts change and the UI fetches its page again.
      if (record !== undefined) items.push(toWireItem(record, this.rates.get(id)));
    }
    this.dirty.clear();
    if (items.length > 0) this.emitItems(items);
  }

  private sendSummary(): void {
    clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
    this.emitSummary(this.summary());
  }
}
