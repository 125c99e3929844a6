import { isConnectionLevel } from '../pool/connection-errors';
import { runJob } from '../lanes/lane-job';
import { LaneLostError, type Lane, type LaneJob } from '../lanes/lane-protocol';
import type { TaskRunner } from './mirror-types';

/** Where a mirror sends each file it plans. */
export interface FileTransfers {
  run(job: LaneJob, signal?: AbortSignal): Promise<{ bytes: number }>;
}

/** Every file on the runner's connections (a pool on this thread). */
export function runnerTransfers(runner: TaskRunner): FileTransfers {
  return {
    run: (job, signal) => runner.run((client) => runJob(client, job, signal), signal === undefined ? {} : { signal }),
  };
}

/** Connection-level failures of lane files before the lane is left alone (a server refusing its connections fails them all). */
const LANE_FAILURES_TOLERATED = 2;

interface Waiting {
  readonly job: LaneJob;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (result: { bytes: number }) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Files shared between the runner's connections on this thread and a transfer lane in a
 * worker: each side takes the next file when it has room, so the faster one gets more. A lane
 * that dies, or cannot reach the server, hands its files back here and gets no more; no file
 * fails for it.
 */
export class SplitTransfers implements FileTransfers {
  private readonly waiting: Waiting[] = [];
  private here = 0;
  private laneWorks: boolean;
  private laneFailures = 0;

  /**
   * @param hereSlots files at a time on this thread (the runner's connections)
   * @param lane takes up to one file more than it has connections, so its connections never
   *   wait for the next message
   */
  constructor(
    private readonly runner: TaskRunner,
    private readonly hereSlots: number,
    private readonly lane: Lane,
  ) {
    this.laneWorks = lane.usable;
  }

  run(job: LaneJob, signal?: AbortSignal): Promise<{ bytes: number }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, signal, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (;;) {
      const laneRoom = this.laneWorks && this.lane.usable && this.lane.inFlight < this.lane.size + 1;
      const hereRoom = this.here < this.hereSlots;
      if (this.waiting.length === 0 || (!laneRoom && !hereRoom)) return;
      const next = this.waiting.shift()!;
      // The side with more room first; a tie goes to the lane, which has nothing else to do.
      const toLane = laneRoom && (!hereRoom || this.lane.size + 1 - this.lane.inFlight >= this.hereSlots - this.here);
      if (toLane) this.onLane(next);
      else this.onThisThread(next);
    }
  }

  private onLane(item: Waiting): void {
    this.lane.run(item.job, item.signal).then(
      (result) => {
        item.resolve(result);
        this.pump();
      },
      (error: unknown) => {
        if (error instanceof LaneLostError || isConnectionLevel(error)) {
          // Not the file's fault: the lane is gone or lost its connection (its pool retried once
          // already). Run the file here; a lane that keeps failing gets no more.
          this.laneFailures += 1;
          if (error instanceof LaneLostError || this.laneFailures >= LANE_FAILURES_TOLERATED) this.laneWorks = false;
          this.waiting.unshift(item);
        } else {
          item.reject(error);
        }
        this.pump();
      },
    );
  }

  private onThisThread(item: Waiting): void {
    this.here += 1;
    runnerTransfers(this.runner)
      .run(item.job, item.signal)
      .then(item.resolve, item.reject)
      .finally(() => {
        this.here -= 1;
        this.pump();
      });
  }
}
