/** An idle timer: `onIdle` runs after `intervalMs` without activity (0 turns it off). */
export class IdleTimer {
  private intervalMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onIdle: () => void) {}

  /** Sets the interval and restarts the wait. */
  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.stop();
    this.start();
  }

  /** Starts waiting, unless already waiting or turned off. */
  start(): void {
    if (this.intervalMs <= 0 || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onIdle();
    }, this.intervalMs);
    // An idle session must not keep the process alive on its own.
    this.timer.unref();
  }

  /** Stops waiting (a command is going out). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
