/**
 * A transfer lane: a worker thread with its own control connections that moves the files it
 * is handed, down or up, and lists the folders it is handed (lane-worker.ts). The main thread
 * keeps the walk and its own connections; the lane takes part of the work so its per-file
 * JavaScript runs on a second core. If the worker dies, every file it held fails with
 * LaneLostError, which callers take as "run it elsewhere", never as a failure of the file.
 */

import { Worker } from 'node:worker_threads';
import type { RemoteEntry } from '../../shared/remote-entry';
import { FtpError } from '../ftp/errors';
import { fromLaneError } from './lane-error';
import { LaneLostError, type FromWorker, type Lane, type LaneJob, type LaneSetup, type ToWorker } from './lane-protocol';

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export class TransferLane implements Lane {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private finished = 0;
  private folders = 0;
  private made = 0;
  private exited = false;
  private lost: LaneLostError | undefined;
  private closing: Promise<void> | undefined;
  private closedByWorker: (() => void) | undefined;

  private readonly worker: Worker;

  /**
   * Starts the worker at `workerUrl` (the built lane-worker.js) for `size` connections. It
   * loads while the main pool connects; begin() then tells it where to connect.
   */
  constructor(
    workerUrl: URL,
    /** Control connections in the worker. */
    readonly size: number,
  ) {
    this.worker = new Worker(workerUrl);
    this.worker.on('message', (message: FromWorker) => this.onMessage(message));
    this.worker.on('error', (error) => this.lose(`The transfer lane failed: ${error.message}`));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.lose(`The transfer lane stopped (exit code ${code})`);
    });
  }

  /** Gives the worker the site and the trust decision; it connects at once. Call before run() and list(). */
  begin(setup: Omit<LaneSetup, 'size'>): void {
    if (this.usable) this.send({ type: 'setup', setup: { ...setup, size: this.size } });
  }

  /** Files handed over and not yet settled. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Files the worker moved whole. */
  get completed(): number {
    return this.finished;
  }

  /** Folders the worker listed. */
  get listed(): number {
    return this.folders;
  }

  /** Remote folders the worker made sure of. */
  get foldersMade(): number {
    return this.made;
  }

  /** False once the worker is gone: hand it nothing more. */
  get usable(): boolean {
    return this.lost === undefined && this.closing === undefined;
  }

  /** Moves one file in the worker; rejects with LaneLostError if the lane goes away first. */
  run(job: LaneJob, signal?: AbortSignal): Promise<{ bytes: number }> {
    return this.ask<{ bytes: number }>((id) => ({ type: 'run', id, job }), signal);
  }

  /** Lists a folder in the worker, before the files it holds; LaneLostError as for run(). */
  list(remote: string, signal?: AbortSignal): Promise<RemoteEntry[]> {
    return this.ask<RemoteEntry[]>((id) => ({ type: 'list', id, remote }), signal);
  }

  /** Makes sure a remote folder exists, in the worker, before the files it holds; LaneLostError as for run(). */
  makeFolder(remote: string, signal?: AbortSignal): Promise<void> {
    return this.ask<void>((id) => ({ type: 'mkdir', id, remote }), signal);
  }

  private ask<T>(message: (id: number) => ToWorker, signal: AbortSignal | undefined): Promise<T> {
    if (!this.usable) return Promise.reject(this.lost ?? new LaneLostError('The transfer lane is closed'));
    if (signal?.aborted === true) return Promise.reject(new FtpError('cancelled', 'The transfer was cancelled', 'command'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => this.send({ type: 'cancel', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, signal, onAbort });
      this.send(message(id));
    });
  }

  /** Cancels what the worker holds, lets it say QUIT on its connections, and ends it. */
  close(): Promise<void> {
    this.closing ??= this.exited ? Promise.resolve() : this.closeWorker();
    return this.closing;
  }

  private async closeWorker(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      this.closedByWorker = resolve;
    });
    this.send({ type: 'close' });
    // A worker that does not answer within a few seconds is ended: closing must not hang the command.
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await Promise.race([closed, new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))]);
    // The worker ends by itself once it closed its port.
    clearTimeout(timer);
    this.lose('The transfer lane is closed');
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'closed') {
      this.closedByWorker?.();
      return;
    }
    if (message.type === 'failed' && message.error.laneDown === true) {
      // Hands this file and every other one back (LaneLostError), and takes no more.
      this.lose(`The transfer lane has no connection: ${message.error.message}`);
      return;
    }
    const entry = this.settle(message.id);
    if (entry === undefined) return;
    if (message.type === 'done') {
      this.finished += 1;
      entry.resolve({ bytes: message.bytes });
      return;
    }
    if (message.type === 'listed') {
      this.folders += 1;
      entry.resolve(message.entries);
      return;
    }
    if (message.type === 'made') {
      this.made += 1;
      entry.resolve(undefined);
      return;
    }
    entry.reject(fromLaneError(message.error));
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (entry === undefined) return undefined;
    this.pending.delete(id);
    entry.signal?.removeEventListener('abort', entry.onAbort);
    return entry;
  }

  private lose(reason: string): void {
    this.lost ??= new LaneLostError(reason);
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(this.lost);
    this.closedByWorker?.();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}
