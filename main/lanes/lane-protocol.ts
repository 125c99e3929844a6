/**
 * The messages between a transfer lane (transfer-lane.ts, on the main thread) and its worker
 * (lane-worker.ts), and what the main thread needs of a lane. The messages survive structured
 * cloning: no functions, and Buffers arrive as Uint8Arrays (asBuffer puts them back).
 */

import type { ConnectOptions } from '../ftp/client';
import type { RemoteEntry } from '../../shared/remote-entry';
import type { WireError } from '../../shared/errors';

/** ConnectOptions without the callbacks, which cannot cross a thread. */
export type LaneConnect = Omit<ConnectOptions, 'verifyServer' | 'askInsecure'>;

/** What the worker needs to open its own connections to the site the main pool already trusts. */
export interface LaneSetup {
  readonly connect: LaneConnect;
  /** Control connections the worker keeps. */
  readonly size: number;
  /**
   * The leaf certificate (DER) the main pool's first connection trusted: the worker's
   * connections must present exactly it, like the pool's own connections 2..N (TrustedLeaf).
   * Absent when that connection ran without TLS.
   */
  readonly trustedLeaf?: Uint8Array;
  /** The person's answer to "go on in clear?" when the first connection asked it. */
  readonly insecureAllowed: boolean;
}

/** One file to download, as mirror-down plans it. */
export interface LaneDownload {
  readonly kind: 'download';
  readonly remote: string;
  readonly local: string;
  readonly expectedSize?: number;
  /** ms since the epoch (a Date would arrive as one anyway). */
  readonly remoteModified?: number;
  readonly preserveTime: boolean;
  readonly freshFolder: boolean;
}

/** One file to upload, as mirror-up plans it. */
export interface LaneUpload {
  readonly kind: 'upload';
  readonly local: string;
  readonly remote: string;
  readonly preserveTime: boolean;
}

/** A file for a lane, either way. */
export type LaneJob = LaneDownload | LaneUpload;

/** The lane stopped (its worker died or was closed) before the file was done: run the file elsewhere. */
export class LaneLostError extends Error {
  override readonly name = 'LaneLostError';
}

/** A lane as the main thread uses it (TransferLane; tests pass their own). */
export interface Lane {
  /** Its connections. */
  readonly size: number;
  /** Files handed over and not yet settled. */
  readonly inFlight: number;
  /** False once it can take nothing more. */
  readonly usable: boolean;
  /** Rejects with LaneLostError when the lane went away before the file was done. */
  run(job: LaneJob, signal?: AbortSignal): Promise<{ bytes: number }>;
  /** A folder's entries, listed before any file waiting in the lane; LaneLostError as for run(). */
  list(remote: string, signal?: AbortSignal): Promise<RemoteEntry[]>;
  /** Makes sure a remote folder exists (MKD), before any file waiting in the lane; LaneLostError as for run(). */
  makeFolder(remote: string, signal?: AbortSignal): Promise<void>;
}

export type ToWorker =
  | { readonly type: 'setup'; readonly setup: LaneSetup }
  | { readonly type: 'run'; readonly id: number; readonly job: LaneJob }
  | { readonly type: 'list'; readonly id: number; readonly remote: string }
  | { readonly type: 'mkdir'; readonly id: number; readonly remote: string }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'done'; readonly id: number; readonly bytes: number }
  | { readonly type: 'listed'; readonly id: number; readonly entries: RemoteEntry[] }
  | { readonly type: 'made'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly error: LaneError }
  | { readonly type: 'closed' };

/** A failure as it crosses: an engine error keeps its kind, phase and code; anything else its message. */
export interface LaneError extends WireError {
  /** True when it was an FtpError, to be rebuilt as one. */
  readonly engine: boolean;
  /** A Node error's code (ENOSPC, ECONNRESET …), which tells a full disk from a reset. */
  readonly errno?: string;
  /**
   * The worker had no connection left when the file failed: its connections could not be
   * opened (a server refusing more logins, or showing another certificate). The lane is done;
   * like a pool that keeps the connections it got, the mirror goes on without it.
   */
  readonly laneDown?: boolean;
}

/** A structured-cloned Buffer back as a Buffer (over the same memory); other values as they are. */
export function asBuffer<T>(value: T): T | Buffer {
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}
