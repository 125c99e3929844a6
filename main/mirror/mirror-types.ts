import type { FtpClient } from '../ftp/client';
import type { ExcludeTest } from './exclusions';
import type { FileTransfers } from './file-transfers';
import type { RunOptions } from '../pool/connection-pool';

/** What runs mirror tasks: a ConnectionPool, or anything with its `run`. */
export interface TaskRunner {
  run<T>(task: (client: FtpClient) => Promise<T>, options?: RunOptions): Promise<T>;
}

/** A mirror's progress, reported at most ten times a second and once at the end. */
export interface MirrorProgress {
  readonly filesDone: number;
  /** Files found so far; grows while folders are still being listed. */
  readonly filesTotal: number;
  readonly bytesDone: number;
  /** Bytes of the files found so far, where their size is known. */
  readonly bytesTotal: number;
  /** Average bytes per second since the mirror started. */
  readonly bytesPerSecond: number;
  /** True once every folder has been walked: the totals are final. */
  readonly walked: boolean;
}

/** One entry left out, and why (unsafe name, symlink, up to date …). */
export interface MirrorSkip {
  /** Relative to the mirrored folder, `/`-separated. */
  readonly path: string;
  readonly reason: string;
}

/** A file a dry run would have moved. */
export interface MirrorPlan {
  /** Relative to the mirrored folder, `/`-separated. */
  readonly path: string;
  /** Its size where the listing or the disk told it. */
  readonly size?: number;
}

/** One file or folder that failed. */
export interface MirrorFailure {
  readonly path: string;
  readonly error: unknown;
}

/** What a mirror did; it succeeded only when `failed` is empty. */
export interface MirrorResult {
  /** Files transferred whole. */
  readonly files: number;
  readonly bytes: number;
  /** Folders created or found. */
  readonly folders: number;
  readonly skipped: readonly MirrorSkip[];
  /** What a dry run would have moved (empty otherwise), in the order the walk found it. */
  readonly planned: readonly MirrorPlan[];
  /** Entries left out by `exclude` (counted, not listed: a pattern like `node_modules` may match thousands). */
  readonly excluded: number;
  readonly failed: readonly MirrorFailure[];
  readonly durationMs: number;
}

/** Options both directions share. */
export interface MirrorOptions {
  /** Set modification times on the copies (default true). */
  readonly preserveTime?: boolean;
  /** Skip files whose copy is at least as new as the original, with the same size. */
  readonly onlyNewer?: boolean;
  /** Stops the mirror: running transfers are aborted, nothing more is queued. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MirrorProgress) => void;
  /** Told of each skip as it happens (the result lists them all too). */
  readonly onSkip?: (skip: MirrorSkip) => void;
  /** Time between progress reports (default 100 ms). */
  readonly progressIntervalMs?: number;
  /**
   * Walk, list and decide as usual, but change nothing: no folder is made, no file moved.
   * Each file that would move is listed in the result's `planned` instead.
   */
  readonly dryRun?: boolean;
  /** Entries to leave out (see exclusions.ts); a folder left out is not walked. */
  readonly exclude?: ExcludeTest;
  /** Where files go (default: the runner's connections), e.g. shared with a transfer lane (SplitTransfers). */
  readonly transfers?: FileTransfers;
}
