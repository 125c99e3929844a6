import type { MirrorFailure, MirrorOptions, MirrorPlan, MirrorProgress, MirrorResult, MirrorSkip } from './mirror-types';

const DEFAULT_INTERVAL_MS = 100;

/** Counts what a mirror did and reports progress, throttled for a UI. */
export class MirrorTally {
  private filesDone = 0;
  private filesTotal = 0;
  private bytesDone = 0;
  private bytesTotal = 0;
  private folders = 0;
  private excluded = 0;
  private walked = false;
  private lastReport = 0;
  private readonly skipped: MirrorSkip[] = [];
  private readonly plans: MirrorPlan[] = [];
  private readonly failed: MirrorFailure[] = [];
  private readonly started = performance.now();

  constructor(private readonly options: Pick<MirrorOptions, 'onProgress' | 'onSkip' | 'progressIntervalMs' | 'exclude'>) {}

  /** A file found that will be transferred. */
  planned(size: number | undefined): void {
    this.filesTotal += 1;
    this.bytesTotal += size ?? 0;
    this.report(false);
  }

  /** A file transferred whole. */
  done(bytes: number): void {
    this.filesDone += 1;
    this.bytesDone += bytes;
    this.report(false);
  }

  /** A file a dry run would have moved. */
  wouldMove(path: string, size: number | undefined): void {
    this.plans.push(size === undefined ? { path } : { path, size });
  }

  /** A folder created or found. */
  folder(): void {
    this.folders += 1;
  }

  /** True when the options leave this entry out, which is then counted. */
  excludes(relative: string, isFolder: boolean): boolean {
    if (this.options.exclude?.(relative, isFolder) !== true) return false;
    this.excluded += 1;
    return true;
  }

  skip(path: string, reason: string): void {
    const skip = { path, reason };
    this.skipped.push(skip);
    this.options.onSkip?.(skip);
  }

  fail(path: string, error: unknown): void {
    this.failed.push({ path, error });
  }

  /** Every folder was walked: the totals are final. */
  finishWalk(): void {
    this.walked = true;
  }

  /** The final report and the summary. */
  result(): MirrorResult {
    this.report(true);
    return { files: this.filesDone, bytes: this.bytesDone, folders: this.folders, skipped: this.skipped, planned: this.plans, excluded: this.excluded, failed: this.failed, durationMs: performance.now() - this.started };
  }

  private report(force: boolean): void {
    const listener = this.options.onProgress;
    if (listener === undefined) return;
    const now = performance.now();
    if (!force && now - this.lastReport < (this.options.progressIntervalMs ?? DEFAULT_INTERVAL_MS)) return;
    this.lastReport = now;
    const seconds = (now - this.started) / 1000;
    const progress: MirrorProgress = {
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      bytesPerSecond: seconds > 0 ? this.bytesDone / seconds : 0,
      walked: this.walked,
    };
    listener(progress);
  }
}
