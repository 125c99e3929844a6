/**
 * Whether files may be read and written right on the event loop: small files whole, and a
 * download's 64 KiB slices (ring-file-writer.ts). On a local disk a whole 10 KiB file or a
 * slice takes system calls of microseconds each, and a thread-pool round trip per call costs
 * several times that. A network share or a busy disk can take milliseconds: once a direct
 * call took longer than `slowMs`, everything goes through the thread pool, so the event loop
 * does not wait on such a disk again.
 *
 * The pool's calls are timed too. A disk that was slow once (a USB stick waking up, a backup
 * saturating it for a minute) gets the direct path back after `trustAfter` quick pool calls in
 * a row; each relapse doubles the proof asked for, so a disk that is only now and then slow
 * holds the event loop up ever more rarely. Before, one hiccup kept a long-lived app on the
 * pool until restart: on this project's VM a 1 GiB download then took 3.9 s instead of 2.6 s.
 */
export class DiskVerdict {
  private slowNow = false;
  private quickInARow = 0;
  private proofNeeded: number;
  private readonly now: () => number;

  constructor(
    private readonly slowMs = 20,
    options: DiskVerdictOptions = {},
  ) {
    this.proofNeeded = options.trustAfter ?? DEFAULT_TRUST_AFTER;
    this.now = options.now ?? (() => performance.now());
  }

  /** True while file calls should go through the thread pool. */
  get slow(): boolean {
    return this.slowNow;
  }

  /** Runs `operation` (synchronous file calls) and judges the disk by how long it took. */
  timed<T>(operation: () => T): T {
    const started = this.now();
    try {
      return operation();
    } finally {
      if (this.now() - started > this.slowMs) this.turnSlow();
    }
  }

  /** Runs `operation` (thread-pool file calls) and judges the disk by how long it took, from asking to done. */
  async pooled<T>(operation: () => Promise<T>): Promise<T> {
    const done = this.poolCall();
    try {
      return await operation();
    } finally {
      done();
    }
  }

  /** Starts timing a callback-style thread-pool call: call the function returned when it is done. */
  poolCall(): () => void {
    const started = this.now();
    return () => this.observe(this.now() - started);
  }

  /** Judges the disk by a thread-pool call that took `ms` (queueing included: a busy pool never earns trust early). */
  private observe(ms: number): void {
    if (ms > this.slowMs) {
      this.quickInARow = 0;
      return;
    }
    if (!this.slowNow || ++this.quickInARow < this.proofNeeded) return;
    this.slowNow = false;
    this.quickInARow = 0;
    // Should the disk relapse, it will have to show twice the proof.
    this.proofNeeded = Math.min(this.proofNeeded * 2, MAX_TRUST_AFTER);
  }

  private turnSlow(): void {
    this.slowNow = true;
    this.quickInARow = 0;
  }
}

export interface DiskVerdictOptions {
  /** Quick thread-pool calls in a row after which direct calls resume (default 64; doubled on each relapse). */
  readonly trustAfter?: number;
  /** The clock, in ms (tests drive it). */
  readonly now?: () => number;
}

// 64 quick calls: 4 MiB of a download's slices, or 64 small files, after a hiccup.
const DEFAULT_TRUST_AFTER = 64;
// After ten relapses a disk must show ~65,000 quick calls (4 GiB of slices) in a row.
const MAX_TRUST_AFTER = 64 * 1024;

/** The process's verdict on its local disk, shared by small downloads and uploads and by the download ring. */
export const localDisk = new DiskVerdict();
