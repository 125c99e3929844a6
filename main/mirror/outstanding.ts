/**
 * Work that spawns more work (a folder's listing queues its files and subfolders): resolves
 * `idle()` when nothing is left running. A failure of tracked work is the caller's to record; here it only counts as settled.
 */
export class Outstanding {
  private count = 0;
  private waiter: (() => void) | undefined;

  /** Tracks `work` until it settles. */
  add(work: Promise<unknown>): void {
    this.count += 1;
    const settled = (): void => {
      this.count -= 1;
      if (this.count === 0) this.waiter?.();
    };
    work.then(settled, settled);
  }

  /** Resolves once everything tracked, and everything it added, has settled. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiter = resolve;
    });
  }
}
