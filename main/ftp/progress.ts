/** A transfer's progress as the UI sees it. */
export interface TransferProgress {
  /** Bytes moved in this transfer (not counting a resumed start). */
  readonly bytes: number;
  /** Where the file stands: the resume offset plus `bytes`. */
  readonly position: number;
  /** The whole size, when known. */
  readonly total?: number;
  /** Average bytes per second since the transfer started. */
  readonly bytesPerSecond: number;
  readonly elapsedMs: number;
}

/** Receives progress reports. */
export type ProgressListener = (progress: TransferProgress) => void;

/** Default time between two progress reports: a UI needs no more than ten a second. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 100;

/** Counts bytes and reports at most once per interval, and once more at the end. */
export class ProgressMeter {
  private bytesMoved = 0;
  private lastReport = 0;
  private readonly started = performance.now();

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly offset = 0,
    private readonly total?: number,
    private readonly intervalMs = DEFAULT_PROGRESS_INTERVAL_MS,
  ) {}

  /** The bytes moved so far. */
  get bytes(): number {
    return this.bytesMoved;
  }

  /** Adds `count` bytes; reports when the interval has passed. */
  add(count: number): void {
    this.bytesMoved += count;
    if (this.listener === undefined) return;
    const now = performance.now();
    if (now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    this.report(now);
  }

  /** Reports the final figures. */
  finish(): void {
    if (this.listener !== undefined) this.report(performance.now());
  }

  private report(now: number): void {
    const elapsedMs = now - this.started;
    const progress: TransferProgress = {
      bytes: this.bytesMoved,
      position: this.offset + this.bytesMoved,
      bytesPerSecond: elapsedMs > 0 ? (this.bytesMoved * 1000) / elapsedMs : 0,
      elapsedMs,
    };
    this.listener?.(this.total === undefined ? progress : { ...progress, total: this.total });
  }
}
