import type { FtpClient } from '../ftp/client';
import { FtpError } from '../ftp/errors';
import type { RunOptions } from '../pool/connection-pool';
import { isConnectionLevel } from '../pool/connection-errors';
import type { TaskRunner } from '../mirror/mirror-types';

/** A TaskRunner with a known number of connections: the scheduler runs that many items at once. */
export interface TransferRunner extends TaskRunner {
  readonly limit: number;
  /** Closes every connection; tasks still waiting fail. */
  close(): Promise<void>;
}

interface Waiter {
  readonly start: (client: FtpClient) => void;
  readonly fail: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
}

/**
 * Up to `limit` connections made by `open` (the session's openAnotherConnection: same
 * server, same trust decision, no prompt), opened lazily and reused. A task that fails with
 * a connection-level error retires its connection; the next task opens a fresh one. The
 * ConnectionPool does the same from ConnectOptions; the session hands out connected
 * clients instead, hence this small lease.
 */
export class ConnectionLease implements TransferRunner {
  private readonly idle: FtpClient[] = [];
  private readonly high: Waiter[] = [];
  private readonly normal: Waiter[] = [];
  // Connections open or being opened, and of those, the ones still connecting.
  private open = 0;
  private pendingOpens = 0;
  private closed = false;

  constructor(
    private readonly connect: () => Promise<FtpClient>,
    readonly limit: number,
  ) {}

  /** Runs `task` on a connection of this lease; retries are the caller's business (`retry` is ignored). */
  async run<T>(task: (client: FtpClient) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const client = await this.acquire(options);
    let healthy = true;
    try {
      return await task(client);
    } catch (error) {
      healthy = !isConnectionLevel(error);
      throw error;
    } finally {
      this.release(client, healthy);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new FtpError('cancelled', 'The transfer connections were closed', 'command');
    for (const waiter of [...this.high.splice(0), ...this.normal.splice(0)]) waiter.fail(error);
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((client) => client.quit().catch(() => client.close())));
  }

  private acquire(options: RunOptions): Promise<FtpClient> {
    if (this.closed) return Promise.reject(new FtpError('closed', 'The transfer connections are closed', 'command'));
    const client = this.idle.pop();
    if (client !== undefined) return Promise.resolve(client);
    return new Promise<FtpClient>((resolve, reject) => {
      (options.priority === 'high' ? this.high : this.normal).push({ start: resolve, fail: reject, signal: options.signal });
      this.openIfNeeded();
    });
  }

  private release(client: FtpClient, healthy: boolean): void {
    if (!healthy || this.closed) {
      client.close();
      this.open -= 1;
      this.openIfNeeded();
      return;
    }
    const waiter = this.nextWaiter();
    if (waiter !== undefined) waiter.start(client);
    else this.idle.push(client);
  }

  private nextWaiter(): Waiter | undefined {
    for (;;) {
      const waiter = this.high.shift() ?? this.normal.shift();
      if (waiter?.signal?.aborted !== true) return waiter;
      waiter.fail(new FtpError('cancelled', 'The task was cancelled', 'command'));
    }
  }

  private openIfNeeded(): void {
    while (!this.closed && this.open < this.limit && this.high.length + this.normal.length > this.pendingOpens) {
      this.open += 1;
      this.pendingOpens += 1;
      void this.connect().then(
        (client) => {
          this.pendingOpens -= 1;
          this.release(client, true);
        },
        (error: unknown) => {
          this.pendingOpens -= 1;
          this.open -= 1;
          // Nothing else is connected to serve the waiters: they learn why.
          if (this.open === 0) for (const waiter of [...this.high.splice(0), ...this.normal.splice(0)]) waiter.fail(error);
        },
      );
    }
  }
}
