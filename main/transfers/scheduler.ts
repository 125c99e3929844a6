import { rm } from 'node:fs/promises';
import { toWireError } from '../../shared/errors';
import { partPath } from '../ftp/local-target';
import type { ChangeFeed } from './change-feed';
import type { TransferRunner } from './connection-lease';
import type { ExistsPolicy } from './exists-policy';
import { walkLocalFolder, walkRemoteFolder, type WalkSink } from './folder-walk';
import type { MoveWhere, QueueOp, QueueRecord } from './queue-record';
import { isFinal, serverKey } from './queue-record';
import type { QueueStore } from './queue-store';
import { QueueRun, type RunResult } from './queue-run';
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import type { SpeedLimiter } from './speed-limit';
import { transferFile, type FileOutcome } from './transfer-file';

/** The connections of the servers connected now, by serverKey; items of other servers wait. */
export interface RunnerSource {
  connected(): ReadonlyMap<string, TransferRunner>;
}

/** What the scheduler works with. */
export interface SchedulerDeps {
  readonly store: QueueStore;
  readonly runners: RunnerSource;
  readonly feed: ChangeFeed;
  readonly policy: ExistsPolicy;
  readonly limiter: SpeedLimiter;
  readonly retry?: RetryPolicy;
  /** Compare checksums after each file where the server offers them (default false: size only). */
  readonly verifyChecksum?: boolean;
  /** A walk waits while this many items are queued (default 50,000): a huge tree is not held in memory at once. */
  readonly maxQueued?: number;
  /** A run shorter than this ends without a notification (default 10 s). */
  readonly finishNoticeAfterMs?: number;
  readonly onFinish: (result: RunResult) => void;
}

type StopReason = 'cancel' | 'pause' | 'shutdown';

interface Running {
  readonly controller: AbortController;
  readonly key: string;
  readonly settled: Promise<void>;
  stop?: StopReason;
}

/**
 * Runs the queue: in queue order, as many files per server as its connections allow, plus
 * one folder walk at a time. A transient failure puts the item back with an exponential
 * backoff (it resumes from its partial file); a permanent one fails it. Pause and cancel
 * abort the engine's transfer (ABOR), and a cancelled download leaves no file behind.
 */
export class Scheduler {
  private stopping = false;
  private walks = 0;
  private readonly running = new Map<string, Running>();
  private readonly busy = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();
  private wakeTimer: NodeJS.Timeout | undefined;
  private roomWaiters: (() => void)[] = [];
  private readonly run: QueueRun;
  private readonly retry: RetryPolicy;

  constructor(private readonly deps: SchedulerDeps) {
    this.retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    // A run's end also ends its "apply to all" answer: the next run asks again.
    this.run = new QueueRun(deps.finishNoticeAfterMs ?? 10_000, deps.onFinish, () => deps.policy.endRun());
  }

  /** True while paused; the store keeps the flag, so a queue paused before a restart starts paused. */
  get isPaused(): boolean {
    return this.deps.store.paused;
  }

  /** Applies a change, journals it and tells the UI. */
  commit(op: QueueOp): QueueRecord[] {
    const touched = this.deps.store.commit(op);
    this.deps.feed.changed(touched);
    return touched;
  }

  /** Starts whatever may start now. */
  pump(): void {
    if (this.isPaused || this.stopping) return;
    const connected = this.deps.runners.connected();
    let free = 0;
    for (const [key, runner] of connected) free += Math.max(0, runner.limit - (this.busy.get(key) ?? 0));
    let walkSlot = this.walks === 0;
    if (free === 0) return;
    // One reading of the clock for the whole pump: an item skipped as "not yet due" must get its
    // wake timer and keep the run on, however much time the pump itself took.
    const now = Date.now();
    const slots = new Map<string, number>();
    const picked = this.deps.store.model.nextQueued((record) => {
      // Every connection busy: stop here. A folder further down waits its turn, like a file.
      if (free === 0) return 'stop';
      if ((this.notBefore.get(record.id) ?? 0) > now) return false;
      const key = serverKey(record.server);
      const runner = connected.get(key);
      if (runner === undefined) return false;
      if (record.kind === 'folder') {
        if (!walkSlot) return false;
        walkSlot = false;
        return true;
      }
      const left = slots.get(key) ?? runner.limit - (this.busy.get(key) ?? 0);
      if (left <= 0) return false;
      slots.set(key, left - 1);
      free -= 1;
      return true;
    });
    for (const record of picked) {
      const runner = connected.get(serverKey(record.server));
      if (runner !== undefined) this.start(record, runner);
    }
    if (picked.length > 0) this.run.started();
    this.scheduleWake(now);
    this.checkRunEnd(now);
  }

  /** Stops starting items and aborts the active ones; they go back to queued and resume later. */
  pause(): void {
    this.setPaused(true);
    this.stopAll('pause');
  }

  resume(): void {
    this.setPaused(false);
    this.pump();
  }

  /** Cancels items (a folder's walked items with it); active ones are aborted. */
  cancel(ids: readonly string[]): void {
    const chosen = new Set(ids);
    for (const record of this.deps.store.model.all()) {
      if (record.parentId !== undefined && chosen.has(record.parentId) && !isFinal(record.status)) chosen.add(record.id);
    }
    for (const id of chosen) {
      const running = this.running.get(id);
      if (running !== undefined) {
        running.stop = 'cancel';
        running.controller.abort();
        continue;
      }
      const record = this.deps.store.model.get(id);
      if (record !== undefined && !isFinal(record.status)) {
        this.notBefore.delete(id);
        this.commit({ o: 'set', id, p: { status: 'cancelled', finishedAt: Date.now(), error: null } });
      }
    }
    this.pump();
  }

  /** Puts failed or cancelled items back in the queue with a fresh count of tries. */
  retryItems(ids: readonly string[]): void {
    for (const id of ids) {
      const record = this.deps.store.model.get(id);
      if (record === undefined || (record.status !== 'failed' && record.status !== 'cancelled')) continue;
      this.notBefore.delete(id);
      this.commit({ o: 'set', id, p: { status: 'queued', attempts: 0, error: null, finishedAt: null } });
    }
    this.pump();
  }

  move(ids: readonly string[], where: MoveWhere): void {
    this.commit({ o: 'move', ids, w: where });
    this.pump();
  }

  /** Removes finished items (done and skipped). */
  clearFinished(): void {
    const ids = this.deps.store.model
      .all()
      .filter((record) => record.status === 'done' || record.status === 'skipped')
      .map((record) => record.id);
    if (ids.length > 0) this.commit({ o: 'drop', ids });
  }

  /** Aborts everything (items go back to queued) and waits until each has settled. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.wakeTimer);
    const settled = [...this.running.values()].map((running) => running.settled);
    this.stopAll('shutdown');
    for (const resolve of this.roomWaiters.splice(0)) resolve();
    await Promise.all(settled);
  }

  /** Journals the flag and tells the UI: with nothing running, no item change would carry it. */
  private setPaused(paused: boolean): void {
    this.deps.store.setPaused(paused);
    this.deps.feed.changed([]);
  }

  private stopAll(reason: StopReason): void {
    for (const running of this.running.values()) {
      running.stop ??= reason;
      running.controller.abort();
    }
  }

  private start(record: QueueRecord, runner: TransferRunner): void {
    const key = serverKey(record.server);
    const controller = new AbortController();
    this.notBefore.delete(record.id);
    const isFolder = record.kind === 'folder';
    this.commit({ o: 'set', id: record.id, p: { status: isFolder ? 'expanding' : 'active', attempts: record.attempts + 1, error: null } });
    if (isFolder) this.walks += 1;
    else this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
    const work = isFolder ? this.walk(record, runner, controller.signal) : this.transfer(record, runner, controller.signal);
    const settled = work.then(
      (outcome) =>
        // A question refused because we stopped (pause, quit) is no "skip": the item stays queued.
        outcome !== 'walked' && outcome.status === 'skipped' && controller.signal.aborted
          ? this.failed(record, controller.signal.reason)
          : this.succeeded(record, outcome),
      (error: unknown) => this.failed(record, error),
    );
    const running: Running = {
      controller,
      key,
      settled: settled.finally(() => {
        this.running.delete(record.id);
        if (isFolder) this.walks -= 1;
        else this.busy.set(key, (this.busy.get(key) ?? 1) - 1);
        this.wakeWalks();
        this.pump();
      }),
    };
    this.running.set(record.id, running);
  }

  private transfer(record: QueueRecord, runner: TransferRunner, signal: AbortSignal): Promise<FileOutcome> {
    return runner.run(
      (client) =>
        transferFile(client, record, {
          policy: this.deps.policy,
          limiter: this.deps.limiter,
          verifyChecksum: this.deps.verifyChecksum ?? false,
          signal,
          onProgress: (position, rate) => this.deps.feed.progress(record, position, rate),
          update: (patch) => this.commit({ o: 'set', id: record.id, p: patch }),
        }),
      { retry: false, signal },
    );
  }

  private async walk(record: QueueRecord, runner: TransferRunner, signal: AbortSignal): Promise<'walked'> {
    const sink: WalkSink = {
      signal,
      add: (records) => {
        for (const child of records) this.commit({ o: 'add', r: child });
        this.pump();
      },
      room: () => this.room(),
    };
    await (record.direction === 'upload' ? walkLocalFolder(runner, record, sink) : walkRemoteFolder(runner, record, sink));
    return 'walked';
  }

  private succeeded(record: QueueRecord, outcome: FileOutcome | 'walked'): void {
    const finishedAt = Date.now();
    if (outcome === 'walked' || outcome.status === 'done') {
      const size = outcome === 'walked' ? {} : { size: outcome.size, bytesDone: outcome.size };
      this.commit({ o: 'set', id: record.id, p: { status: 'done', ...size, finishedAt, error: null, started: null } });
      if (record.kind === 'file') this.run.count('done');
    } else {
      this.commit({ o: 'set', id: record.id, p: { status: 'skipped', error: { kind: 'exists', message: outcome.reason }, finishedAt, started: null } });
    }
  }

  private failed(record: QueueRecord, error: unknown): void {
    const stop = this.running.get(record.id)?.stop;
    if (stop === 'cancel') {
      this.commit({ o: 'set', id: record.id, p: { status: 'cancelled', finishedAt: Date.now(), error: null, started: null } });
      // Cancelled means abandoned: its temporary file goes too (the final name was never written).
      if (record.direction === 'download' && record.kind === 'file') void rm(partPath(record.localPath), { force: true });
      return;
    }
    if (stop !== undefined) {
      // Paused or shutting down: not a failed try; it resumes from where it stopped.
      this.commit({ o: 'set', id: record.id, p: { status: 'queued', attempts: Math.max(0, record.attempts - 1) } });
      return;
    }
    const next = afterFailure(error, record.attempts, this.retry);
    if (next === 'give-up') {
      this.commit({ o: 'set', id: record.id, p: { status: 'failed', error: toWireError(error), finishedAt: Date.now() } });
      this.run.count('failed');
      return;
    }
    this.commit({ o: 'set', id: record.id, p: { status: 'queued', error: toWireError(error) } });
    // The pump that follows this settling sets the timer for the retry.
    this.notBefore.set(record.id, Date.now() + next.retryInMs);
  }

  /**
   * Sets the timer for the earliest retry still in the future: without it, an item backing off
   * while nothing else runs would wait forever. Forgets backoffs of items no longer queued.
   */
  private scheduleWake(now: number): void {
    let earliest = Infinity;
    for (const [id, due] of this.notBefore) {
      if (this.deps.store.model.get(id)?.status !== 'queued') this.notBefore.delete(id);
      else if (due > now) earliest = Math.min(earliest, due);
    }
    clearTimeout(this.wakeTimer);
    this.wakeTimer = earliest === Infinity ? undefined : setTimeout(() => this.pump(), earliest - now);
  }

  /** Resolves when fewer than `maxQueued` items wait: a walk of a huge tree pauses until the queue drains. */
  private room(): Promise<void> {
    if (this.stopping || this.deps.store.model.count('queued') < (this.deps.maxQueued ?? 50_000)) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  private wakeWalks(): void {
    if (this.roomWaiters.length === 0 || this.deps.store.model.count('queued') >= (this.deps.maxQueued ?? 50_000)) return;
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }

  /** Ends a run when nothing runs and nothing waits for a retry (a paused run is still on). */
  private checkRunEnd(now: number): void {
    if (!this.run.running || this.isPaused || this.running.size > 0 || this.walks > 0) return;
    for (const [id, due] of this.notBefore) {
      if (due > now && this.deps.store.model.get(id)?.status === 'queued') return;
    }
    this.run.end(now);
  }

  /** True when nothing runs and nothing is due (tests and shutdown). */
  get idle(): boolean {
    return this.running.size === 0 && !this.run.running;
  }
}
