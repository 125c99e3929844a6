import type { AskInsecure } from '../ftp/security';
import { FtpClient, type ConnectOptions } from '../ftp/client';
import { emptyDataStats, type DataStats } from '../ftp/data';
import { FtpError } from '../ftp/errors';
import { isConnectionLevel } from './connection-errors';
import { TrustedLeaf } from './trusted-leaf';

/** How a pool behaves; only `connect` is required. */
export interface PoolOptions {
  /** How every connection connects; its `verifyServer` decides once, for the first connection. */
  readonly connect: ConnectOptions;
  /** Control connections at most (default 4). */
  readonly size?: number;
  /** Broken connections replaced over the pool's life at most (default 2 × size), so a dead server ends the work. */
  readonly maxReplacements?: number;
  /** Makes the clients (tests inject spies). */
  readonly createClient?: () => FtpClient;
  /** Told of openings, replacements, retries and connections the server refused. */
  readonly onEvent?: (event: PoolEvent) => void;
  /**
   * The certificate was decided elsewhere (`connect.verifyServer` accepts one known leaf and
   * never asks): open the connections together instead of the first one alone.
   */
  readonly trustDecided?: boolean;
}

/** Something a pool did that a log or a test may want to know. */
export type PoolEvent =
  | { readonly kind: 'opened'; readonly connection: number }
  | { readonly kind: 'open-failed'; readonly connection: number; readonly error: unknown }
  | { readonly kind: 'broken'; readonly connection: number; readonly error: unknown }
  | { readonly kind: 'retry'; readonly connection: number; readonly error: unknown };

/** Options of one task. */
export interface RunOptions {
  /** Run before normal tasks (listings, so the queue of files fills early). */
  readonly priority?: 'high' | 'normal';
  /**
   * Retry once on another connection after a connection-level failure (default true). Pass
   * false for work that must not run twice, e.g. an APPE upload that may have sent a part.
   */
  readonly retry?: boolean;
  /** Rejects the task with 'cancelled' while it waits for a connection. */
  readonly signal?: AbortSignal;
}

/** What the pool did so far. */
export interface PoolStats {
  /** Connections opened successfully, replacements included. */
  readonly opened: number;
  /** Connections closed because they broke. */
  readonly broken: number;
  /** Tasks run again after a connection-level failure. */
  readonly retried: number;
  /** The most tasks that ran at the same time. */
  readonly peakBusy: number;
  /** Data connections over every connection, how many resumed their control session, and how many went out together with EPSV. */
  readonly dataConnections: Readonly<DataStats>;
}

function addDataStats(into: DataStats, more: DataStats): void {
  into.opened += more.opened;
  into.resumed += more.resumed;
  into.sentTogether += more.sentTogether;
}

interface Job<T = unknown> {
  readonly task: (client: FtpClient) => Promise<T>;
  readonly options: RunOptions;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
  retried: boolean;
}

interface Slot {
  readonly id: number;
  readonly client: FtpClient;
  busy: boolean;
}

const DEFAULT_SIZE = 4;

/**
 * N control connections to one site, opened lazily: the first alone (its certificate is
 * decided once, see TrustedLeaf), then the others concurrently while work waits. Each
 * connection keeps its own TLS session for its data connections. Tasks queue (high priority
 * first) and run on whichever connection is free; a connection that breaks is closed and
 * replaced, and its task retried once.
 */
export class ConnectionPool {
  private readonly size: number;
  private readonly maxReplacements: number;
  private readonly trust: TrustedLeaf;
  private readonly slots: Slot[] = [];
  private readonly high: Job[] = [];
  private readonly normal: Job[] = [];
  private opening = 0;
  private nextId = 0;
  private replacements = 0;
  // A server that refused a connection beyond the first caps the pool at what it accepted.
  private capacity: number;
  private fatal: unknown;
  private closed = false;
  private insecureAnswer: boolean | undefined;
  private readonly counters = { opened: 0, broken: 0, retried: 0, peakBusy: 0 };
  private readonly retiredData = emptyDataStats();

  constructor(private readonly options: PoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? DEFAULT_SIZE));
    this.capacity = this.size;
    this.maxReplacements = options.maxReplacements ?? 2 * this.size;
    this.trust = new TrustedLeaf(options.connect.verifyServer ?? ((check) => (check.nodeVerdict.authorized ? 'trust' : 'reject')));
  }

  /** Runs `task` on a free connection, opening one if the pool may; resolves with its result. */
  run<T>(task: (client: FtpClient) => Promise<T>, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new FtpError('closed', 'The connection pool is closed', 'command'));
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    return new Promise<T>((resolve, reject) => {
      const job: Job<T> = { task, options, resolve, reject, retried: false };
      (options.priority === 'high' ? this.high : this.normal).push(job as Job);
      this.pump();
    });
  }

  /** Counters for logs and tests. */
  stats(): PoolStats {
    const data = { ...this.retiredData };
    for (const slot of this.slots) addDataStats(data, slot.client.dataConnectionStats());
    return { ...this.counters, dataConnections: data };
  }

  /** The leaf certificate (DER) the first connection trusted; undefined before, or without TLS. */
  get trustedLeaf(): Buffer | undefined {
    return this.trust.certificate;
  }

  /** The person's answer to "go on in clear?", when the first connection asked it. */
  get insecureAllowed(): boolean {
    return this.insecureAnswer === true;
  }

  /** Connections open now. */
  get connections(): number {
    return this.slots.length;
  }

  /** Fails waiting tasks, says QUIT on idle connections and closes busy ones. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failWaiting(new FtpError('cancelled', 'The connection pool was closed', 'command'));
    const slots = this.slots.splice(0);
    for (const slot of slots) this.keepDataStats(slot);
    await Promise.all(slots.map(async (slot) => (slot.busy ? slot.client.close() : slot.client.quit())));
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.nextJob();
      if (job === undefined) break;
      void this.execute(slot, job);
    }
    this.openIfNeeded();
  }

  private nextJob(): Job | undefined {
    for (;;) {
      const job = this.high.shift() ?? this.normal.shift();
      if (job === undefined) return undefined;
      if (job.options.signal?.aborted === true) {
        job.reject(new FtpError('cancelled', 'The task was cancelled', 'command'));
        continue;
      }
      return job;
    }
  }

  /** Opens every connection now, before any task waits (a transfer lane readying itself). */
  warm(): void {
    if (this.closed || this.fatal !== undefined) return;
    this.openIfNeeded(this.capacity);
  }

  /** Opens connections while tasks wait: only one until the first is up and its certificate decided. */
  private openIfNeeded(wanted = this.high.length + this.normal.length): void {
    if (this.replacements > this.maxReplacements) return;
    const firstUp = this.counters.opened > 0 || this.options.trustDecided === true;
    while (wanted > this.opening && this.slots.length + this.opening < this.capacity && (firstUp || this.opening === 0)) void this.open();
  }

  private async open(): Promise<void> {
    this.opening += 1;
    const id = this.nextId++;
    const first = this.counters.opened === 0;
    const client = this.options.createClient?.() ?? new FtpClient();
    try {
      await client.connect({ ...this.options.connect, verifyServer: first ? this.trust.first : this.trust.same, askInsecure: this.askInsecure(first) });
    } catch (error) {
      client.close();
      this.opening -= 1;
      this.options.onEvent?.({ kind: 'open-failed', connection: id, error });
      this.afterOpenFailure(error);
      return;
    }
    this.opening -= 1;
    this.counters.opened += 1;
    if (this.closed) {
      await client.quit();
      return;
    }
    this.slots.push({ id, client, busy: false });
    this.options.onEvent?.({ kind: 'opened', connection: id });
    this.pump();
  }

  /** The first connection's answer to "go on in clear?" holds for the others: asked once, like the certificate. */
  private askInsecure(first: boolean): AskInsecure {
    const ask = this.options.connect.askInsecure;
    if (!first) return () => this.insecureAnswer === true;
    return async (question) => {
      this.insecureAnswer = ask === undefined ? false : await ask(question);
      return this.insecureAnswer;
    };
  }

  private afterOpenFailure(error: unknown): void {
    if (this.slots.length > 0 || this.opening > 0) {
      // Others work: the server limits connections per client. Carry on with those.
      this.capacity = Math.max(1, this.slots.length + this.opening);
      return;
    }
    // Nothing is connected. Never connected: the site refuses us (certificate, login, address).
    const retryable = this.counters.opened > 0 && isConnectionLevel(error) && this.replacements < this.maxReplacements;
    if (!retryable) {
      this.giveUp(error);
      return;
    }
    this.replacements += 1;
    this.openIfNeeded();
  }

  private async execute(slot: Slot, job: Job): Promise<void> {
    slot.busy = true;
    this.counters.peakBusy = Math.max(this.counters.peakBusy, this.slots.filter((each) => each.busy).length);
    try {
      job.resolve(await job.task(slot.client));
      slot.busy = false;
    } catch (error) {
      if (!isConnectionLevel(error)) {
        slot.busy = false;
        job.reject(error);
      } else {
        this.retire(slot, error);
        if (job.options.retry !== false && !job.retried && !this.closed && this.fatal === undefined) {
          job.retried = true;
          this.counters.retried += 1;
          this.options.onEvent?.({ kind: 'retry', connection: slot.id, error });
          this.high.unshift(job);
        } else {
          job.reject(error);
        }
      }
    }
    this.pump();
  }

  /** Closes a broken connection; a replacement opens when work waits and the budget allows. */
  private retire(slot: Slot, error: unknown): void {
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
    this.keepDataStats(slot);
    slot.client.close();
    this.counters.broken += 1;
    this.replacements += 1;
    this.options.onEvent?.({ kind: 'broken', connection: slot.id, error });
    if (this.replacements > this.maxReplacements && this.slots.length === 0 && this.opening === 0) {
      this.giveUp(new FtpError('connection-failed', `Gave up after ${this.counters.broken} broken connections`, 'connect', undefined, error));
    }
  }

  /** Keeps a leaving connection's data-connection counts in the pool's stats. */
  private keepDataStats(slot: Slot): void {
    addDataStats(this.retiredData, slot.client.dataConnectionStats());
  }

  /** Every task, waiting or yet to come, fails with `error`. */
  private giveUp(error: unknown): void {
    this.fatal = error;
    this.failWaiting(error);
  }

  private failWaiting(error: unknown): void {
    for (const job of [...this.high.splice(0), ...this.normal.splice(0)]) job.reject(error);
  }
}
