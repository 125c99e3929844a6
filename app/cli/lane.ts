import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ConnectionPool } from '../../main/pool/connection-pool';
import { TransferLane } from '../../main/lanes/transfer-lane';
import type { RemoteSite } from './connect';

/** The lane's worker, built next to the CLI bundle (scripts/build.mjs). */
const WORKER_URL = new URL('./transfer-lane.js', import.meta.url);

/** How a mirror's N connections are shared between this thread and a transfer lane. */
export interface ConnectionSplit {
  readonly here: number;
  readonly lane: number;
}

/**
 * With two connections or more and a second core, most connections go to a lane in a worker
 * thread: this thread keeps a quarter of them (at least one), which list or make the folders
 * and take files when the lane is full. This thread also runs the walk and the tally, so it
 * gets fewer files: of 4 connections, 1 here and 3 in the lane beat 2 and 2 in every one of 5
 * alternated runs (1000 × 10 KiB down, 8–13%). Running from sources (tests importing the
 * command) there is no built worker, and no lane.
 */
export function splitConnections(parallel: number, cores = availableParallelism(), workerBuilt = existsSync(fileURLToPath(WORKER_URL))): ConnectionSplit {
  if (parallel < 2 || cores < 2 || !workerBuilt) return { here: parallel, lane: 0 };
  const here = Math.max(1, Math.round(parallel / 4));
  return { here, lane: parallel - here };
}

/** A lane of `size` connections: its worker loads now, while the main pool makes its first connection. */
export function startLane(size: number): TransferLane {
  return new TransferLane(WORKER_URL, size);
}

/** Sends `lane` to the site `pool` is connected to, trusting the certificate the pool trusted. */
export function beginLane(lane: TransferLane, remote: RemoteSite, pool: ConnectionPool): void {
  // The callbacks stay here: the worker trusts exactly the leaf the pool's first connection trusted.
  const { verifyServer: _verify, askInsecure: _ask, ...connect } = remote.connect;
  const leaf = pool.trustedLeaf;
  lane.begin({ connect, insecureAllowed: pool.insecureAllowed, ...(leaf === undefined ? {} : { trustedLeaf: leaf }) });
}
