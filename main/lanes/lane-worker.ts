/**
 * The worker side of a transfer lane: its own pool of control connections, on its own event
 * loop, running the file jobs the main thread hands it (transfer-lane.ts). On a two-core
 * machine one event loop is the limit for many small files: every file costs a TLS handshake,
 * socket and stream objects, commands and a rename, all JavaScript on one thread. Two loops
 * share that work. Certificates are not decided here: the worker's connections must present
 * the leaf the main pool already trusted.
 */

import { parentPort } from 'node:worker_threads';
import { runnerTransfers, type FileTransfers } from '../mirror/file-transfers';
import { ConnectionPool } from '../pool/connection-pool';
import { toLaneError } from './lane-error';
import { connectOptionsOf } from './lane-connect';
import type { FromWorker, LaneJob, ToWorker } from './lane-protocol';

const port = parentPort;
if (port === null) throw new Error('lane-worker.ts runs as a worker thread only');

let pool: ConnectionPool | undefined;
/** The pool's work as the main thread runs its own share (files, listings and folders first). */
let transfers: FileTransfers | undefined;
const running = new Map<number, AbortController>();

const post = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'setup':
      pool = new ConnectionPool({ connect: connectOptionsOf(message.setup), size: message.setup.size, trustDecided: true });
      transfers = runnerTransfers(pool);
      // Connect now, while the main thread lists the first folders.
      pool.warm();
      break;
    case 'run':
      void run(message.id, message.job);
      break;
    case 'list':
      void list(message.id, message.remote);
      break;
    case 'mkdir':
      void makeFolder(message.id, message.remote);
      break;
    case 'cancel':
      running.get(message.id)?.abort();
      break;
    case 'close':
      void close();
      break;
  }
});

/** Runs one piece of work on the pool, cancellable by id, and posts its answer or its failure. */
async function answer(id: number, work: (transfers: FileTransfers, signal: AbortSignal) => Promise<FromWorker>): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    if (transfers === undefined) throw new Error('The transfer lane got work before its setup');
    post(await work(transfers, controller.signal));
  } catch (error) {
    post({ type: 'failed', id, error: { ...toLaneError(error), laneDown: pool === undefined || pool.connections === 0 } });
  } finally {
    running.delete(id);
  }
}

function run(id: number, job: LaneJob): Promise<void> {
  return answer(id, async (lane, signal) => ({ type: 'done', id, bytes: (await lane.run(job, signal)).bytes }));
}

function list(id: number, remote: string): Promise<void> {
  return answer(id, async (lane, signal) => ({ type: 'listed', id, entries: await lane.list(remote, signal) }));
}

function makeFolder(id: number, remote: string): Promise<void> {
  return answer(id, async (lane, signal) => {
    await lane.makeFolder(remote, signal);
    return { type: 'made', id };
  });
}

async function close(): Promise<void> {
  for (const controller of running.values()) controller.abort();
  await pool?.close();
  post({ type: 'closed' });
  port?.close();
}
