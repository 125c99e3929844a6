/** What a finished run reports, for the "queue finished" notification. */
export interface RunResult {
  readonly done: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

/**
 * One run of the queue: from the first item started while idle until nothing runs and
 * nothing waits for a retry. Counts what finished in it; a run that took a while ends with
 * a notification (a short one would only be noise).
 */
export class QueueRun {
  private current: { startedAt: number; done: number; failed: number } | undefined;

  constructor(
    private readonly noticeAfterMs: number,
    private readonly onFinish: (result: RunResult) => void,
    private readonly onEnd: () => void,
  ) {}

  /** True while a run is on. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** Something started: a run begins unless one is on. */
  started(now = Date.now()): void {
    this.current ??= { startedAt: now, done: 0, failed: 0 };
  }

  /** A file finished in this run. */
  count(outcome: 'done' | 'failed'): void {
    if (this.current !== undefined) this.current[outcome] += 1;
  }

  /** Nothing runs or waits any more: the run ends (and tells, if it was long). */
  end(now = Date.now()): void {
    const run = this.current;
    if (run === undefined) return;
    this.current = undefined;
    this.onEnd();
    const elapsedMs = now - run.startedAt;
    if (elapsedMs >= this.noticeAfterMs) this.onFinish({ done: run.done, failed: run.failed, elapsedMs });
  }
}
