// Shared by the transfer-queue tests: a queue over a ConnectionPool to a real server, file
// trees with their sha256, and a pin on the test server's certificate.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VerifyServer } from '../../main/ftp/certificate';
import { FtpClient, type ConnectOptions } from '../../main/ftp/client';
import { ConnectionLease, type TransferRunner } from '../../main/transfers/connection-lease';
import { ConnectionPool } from '../../main/pool/connection-pool';
import type { AskFileExists } from '../../main/transfers/exists-policy';
import { poolRunner } from '../../main/transfers/pool-runner';
import { serverKey } from '../../main/transfers/queue-record';
import type { RetryPolicy } from '../../main/transfers/retry-policy';
import { TransferQueue } from '../../main/transfers/transfers-service';
import type { TransferServer } from '../../shared/services/transfers';
import type { RunningServer } from '../support/servers/index';

/** Trusts exactly the certificate in `certPath` (a test server's). */
export function pinnedVerify(certPath: string): VerifyServer {
  const fingerprint = new X509Certificate(readFileSync(certPath)).fingerprint256;
  return (check) => (new X509Certificate(check.chain[0] as Buffer).fingerprint256 === fingerprint ? 'trust' : 'reject');
}

/** Refuses every file-exists question: a test that expects none fails loudly. */
export const noQuestions: AskFileExists = async (question) => {
  throw new Error(`unexpected file-exists question about ${question.target.path}`);
};

/** A transfer queue whose connections come from a ConnectionPool to `server` (through `port`, e.g. a proxy). */
export function poolQueue(options: {
  dataDir: string;
  server: RunningServer;
  port?: number;
  size?: number;
  ask?: AskFileExists;
  retry?: RetryPolicy;
  /** 'lease': the app's path (a ConnectionLease opening clients, as over the session); 'pool': a ConnectionPool. */
  connections?: 'lease' | 'pool';
}): { queue: TransferQueue; target: TransferServer; pools: ConnectionPool[]; opened: () => number } {
  const size = options.size ?? 4;
  const target: TransferServer = { host: '127.0.0.1', port: options.port ?? options.server.port, user: options.server.user };
  const pools: ConnectionPool[] = [];
  let opened = 0;
  const connect: ConnectOptions = {
    host: target.host,
    port: target.port,
    user: options.server.user,
    password: options.server.password,
    verifyServer: pinnedVerify(options.server.serverCertPath),
    data: { requireSessionReuse: true },
    timeouts: { connectMs: 5_000, replyMs: 10_000 },
  };
  const queue = new TransferQueue({
    dataDir: options.dataDir,
    connectedServer: () => target,
    runners: () => {
      let runner: TransferRunner;
      if (options.connections === 'pool') {
        // Random drops are the point of some tests: never give up replacing connections.
        const pool = new ConnectionPool({ size, maxReplacements: Number.MAX_SAFE_INTEGER, connect });
        pools.push(pool);
        runner = poolRunner(pool, size);
      } else {
        runner = new ConnectionLease(async () => {
          const client = new FtpClient();
          await client.connect(connect);
          opened += 1;
          return client;
        }, size);
      }
      return { connected: () => new Map([[serverKey(target), runner]]), close: () => runner.close() };
    },
    ask: options.ask ?? noQuestions,
    retry: options.retry ?? { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 500 },
    feed: { itemsMs: 50, summaryMs: 50 },
    store: { flushDelayMs: 20 },
  });
  return { queue, target, pools, opened: () => opened + pools.reduce((sum, pool) => sum + pool.stats().opened, 0) };
}

/** Writes `folders` × `files` files of pseudo-random content and sizes under `root`; returns their sha256 by relative path. */
export function writeTree(root: string, folders: number, files: number, maxSize = 16 * 1024): Map<string, string> {
  const hashes = new Map<string, string>();
  let seed = 1;
  for (let f = 0; f < folders; f++) {
    const folder = path.join(root, `dir-${String(f).padStart(3, '0')}`, f % 2 === 0 ? 'nested' : '');
    mkdirSync(folder, { recursive: true });
    for (let n = 0; n < files; n++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const data = Buffer.alloc(1 + (seed % maxSize), `${f}:${n}:`);
      const file = path.join(folder, `file-${n}.bin`);
      writeFileSync(file, data);
      hashes.set(path.relative(root, file), sha256(data));
    }
  }
  return hashes;
}

/** Every file under `root` with its sha256, by relative path (temporary `.sluice-part` files included). */
export function hashTree(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes.set(path.relative(root, full), sha256(readFileSync(full)));
    }
  };
  walk(root);
  return hashes;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Waits until `check` holds, polling. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the queue is idle; fails, naming the active items, when nothing finishes for `stallMs`. */
export async function idleOrStuck(queue: TransferQueue, stallMs = 60_000): Promise<void> {
  let finished = -1;
  let since = Date.now();
  let idle = false;
  void queue.whenIdle().then(() => (idle = true));
  while (!idle) {
    const summary = await queue.summary();
    if (summary.finished + summary.failed !== finished) {
      finished = summary.finished + summary.failed;
      since = Date.now();
    } else if (Date.now() - since > stallMs) {
      const stuck = (await queue.list('queued', 0, 20)).items.filter((item) => item.status !== 'queued');
      throw new Error(`Nothing finished for ${stallMs} ms; active: ${JSON.stringify(stuck)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
