import type { ConnectionPool } from '../pool/connection-pool';
import type { TransferRunner } from './connection-lease';

/**
 * The queue's view of a ConnectionPool (the CLI and tests connect from ConnectOptions): the
 * pool runs each item's task on a free connection and replaces broken ones; the scheduler
 * asks it not to retry (`retry: false`), because it retries itself, with a backoff and a resume.
 */
export function poolRunner(pool: ConnectionPool, size: number): TransferRunner {
  return {
    limit: size,
    run: (task, options) => pool.run(task, { ...options, retry: false }),
    close: () => pool.close(),
  };
}
