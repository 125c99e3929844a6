import type { RemoteEntry } from '../../shared/remote-entry';
import { isConnectionLevel } from '../pool/connection-errors';
import { runJob } from '../lanes/lane-job';
import { LaneLostError, type Lane, type LaneJob } from '../lanes/lane-protocol';
import type { TaskRunner } from './mirror-types';
import { ensureRemoteFolder } from './remote-folder';

/** Where a mirror sends each file it plans, the folders it lists below the top one, and the folders an upload makes. */
export interface FileTransfers {
  run(job: LaneJob, signal?: AbortSignal): Promise<{ bytes: number }>;
  /** A folder's entries; listings go before waiting files, so every connection soon has work. */
  list(remote: string, signal?: AbortSignal): Promise<RemoteEntry[]>;
  /** Makes sure a remote folder exists (an upload's MKD); before waiting files, like a listing. */
  makeFolder(remote: string, signal?: AbortSignal): Promise<void>;
}

/** Everything on the runner's connections (a pool on this thread, or a lane's in its worker); folder work first. */
export function runnerTransfers(runner: TaskRunner): FileTransfers {
  const cancel = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });
  return {
    run: (job, signal) => runner.run((client) => runJob(client, job, signal), cancel(signal)),
    list: async (remote, signal) => (await runner.run((client) => client.list(remote, cancel(signal)), { priority: 'high', ...cancel(signal) })).entries,
    makeFolder: async (remote, signal) => {
      await runner.run((client) => ensureRemoteFolder(client, remote), { priority: 'high', ...cancel(signal) });
    },
  };
}

/** Connection-level failures of lane work before the lane is left alone (a server refusing its connections fails them all). */
const LANE_FAILURES_TOLERATED = 2;

/** Work waiting for a side: how to start it on either, and whom to tell. */
interface Waiting {
  readonly queue: Waiting[];
  readonly inLane: () => Promise<unknown>;
  readonly here: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Files, folder listings and an upload's folders (MKD), shared between the runner's connections
 * on this thread and a transfer lane in a worker: each side takes the next one when it has room
 * (folder work first), so the faster side gets more. A lane that dies, or cannot reach the
 * server, hands its work back here and gets no more; nothing fails for it.
 */
export class SplitTransfers implements FileTransfers {
  /** Listings and folders to make: the files wait for them, so they go first. */
  private readonly folderWork: Waiting[] = [];
  private readonly files: Waiting[] = [];
  private readonly onRunner: FileTransfers;
  private inFlightHere = 0;
  private laneWorks: boolean;
  private laneFailures = 0;

  /**
   * @param hereSlots work at a time on this thread (the runner's connections)
   * @param lane takes up to one more than it has connections, so its connections never wait
   *   for the next message
   */
  constructor(
    runner: TaskRunner,
    private readonly hereSlots: number,
    private readonly lane: Lane,
  ) {
    this.laneWorks = lane.usable;
    this.onRunner = runnerTransfers(runner);
  }

  run(job: LaneJob, signal?: AbortSignal): Promise<{ bytes: number }> {
    return this.enqueue(this.files, () => this.lane.run(job, signal), () => this.onRunner.run(job, signal));
  }

  list(remote: string, signal?: AbortSignal): Promise<RemoteEntry[]> {
    return this.enqueue(this.folderWork, () => this.lane.list(remote, signal), () => this.onRunner.list(remote, signal));
  }

  makeFolder(remote: string, signal?: AbortSignal): Promise<void> {
    return this.enqueue(this.folderWork, () => this.lane.makeFolder(remote, signal), () => this.onRunner.makeFolder(remote, signal));
  }

  private enqueue<T>(queue: Waiting[], inLane: () => Promise<T>, here: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ queue, inLane, here, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (;;) {
      const laneRoom = this.laneWorks && this.lane.usable && this.lane.inFlight < this.lane.size + 1;
      const hereRoom = this.inFlightHere < this.hereSlots;
      if (!laneRoom && !hereRoom) return;
      const next = this.folderWork.shift() ?? this.files.shift();
      if (next === undefined) return;
      // The side with more room first; a tie goes to the lane, which has nothing else to do.
      const toLane = laneRoom && (!hereRoom || this.lane.size + 1 - this.lane.inFlight >= this.hereSlots - this.inFlightHere);
      if (toLane) this.onLane(next);
      else this.onThisThread(next);
    }
  }

  private onLane(item: Waiting): void {
    item.inLane().then(
      (result) => {
        item.resolve(result);
        this.pump();
      },
      (error: unknown) => {
        if (error instanceof LaneLostError || isConnectionLevel(error)) {
          // Not the work's fault: the lane is gone or lost its connection (its pool retried once
          // already). Run it here; a lane that keeps failing gets no more.
          this.laneFailures += 1;
          if (error instanceof LaneLostError || this.laneFailures >= LANE_FAILURES_TOLERATED) this.laneWorks = false;
          item.queue.unshift(item);
        } else {
          item.reject(error);
        }
        this.pump();
      },
    );
  }

  private onThisThread(item: Waiting): void {
    this.inFlightHere += 1;
    item
      .here()
      .then(item.resolve, item.reject)
      .finally(() => {
        this.inFlightHere -= 1;
        this.pump();
      });
  }
}
