import { DiskVerdict } from '../../main/ftp/disk-verdict';

/** A disk verdict on a clock the test drives: every file call it times takes `clock.ms`. */
export interface ClockedVerdict {
  readonly verdict: DiskVerdict;
  readonly clock: { ms: number };
  /** Makes the verdict turn slow, as a direct call that took 50 ms would. */
  turnSlow(): void;
}

/** A verdict judging by 20 ms that trusts the disk again after `trustAfter` quick thread-pool calls. */
export function clockedVerdict(trustAfter: number): ClockedVerdict {
  const clock = { ms: 1 };
  let time = 0;
  // A call reads the clock when it starts and when it ends: each read moves it on by `ms`.
  const verdict = new DiskVerdict(20, { trustAfter, now: () => (time += clock.ms) });
  return {
    verdict,
    clock,
    turnSlow() {
      const before = clock.ms;
      clock.ms = 50;
      verdict.timed(() => undefined);
      clock.ms = before;
    },
  };
}
