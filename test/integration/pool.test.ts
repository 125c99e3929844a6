// The connection pool against the scriptable fault server: concurrency, one certificate
// decision, a certificate swapped on a later connection, and broken connections replaced.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerCertificateCheck, TrustDecision } from '../../main/ftp/certificate';
import { FtpClient } from '../../main/ftp/client';
import { FtpError } from '../../main/ftp/errors';
import { ConnectionPool, type PoolEvent } from '../../main/pool/connection-pool';
import { FaultServer, makeTestCertificates, type FaultServerOptions } from '../support/fault-server/index';
import { makeTempDir } from '../support/temp-dir';
import { useHarness } from './fixtures';

const harness = useHarness();
const pools: ConnectionPool[] = [];
const proxies: Server[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const proxy of proxies.splice(0)) proxy.close();
});

function poolFor(server: FaultServer, options: { size?: number; verify?: (check: ServerCertificateCheck) => TrustDecision; port?: number; events?: PoolEvent[] } = {}): ConnectionPool {
  const base = harness.options(server);
  const pool = new ConnectionPool({
    connect: { ...base, ...(options.port === undefined ? {} : { port: options.port }), ...(options.verify === undefined ? {} : { verifyServer: options.verify }) },
    size: options.size ?? 4,
    ...(options.events === undefined ? {} : { onEvent: (event) => options.events!.push(event) }),
  });
  pools.push(pool);
  return pool;
}

/** A scripted reply that comes after 150 ms; `most` is how many of them were pending at once. */
function slowReply(reply: string): { handler: () => Promise<string>; readonly most: number } {
  let inFlight = 0;
  let most = 0;
  return {
    handler: async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight -= 1;
      return reply;
    },
    get most() {
      return most;
    },
  };
}

/** PASS commands the server saw: one per connection that logged in. */
const logins = (server: FaultServer) => server.commands.filter((command) => command.verb === 'PASS').length;

describe('ConnectionPool', () => {
  it('opens N connections and really runs N tasks at once', async () => {
    const noop = slowReply('200 slow NOOP');
    const server = await harness.server({ script: { NOOP: noop.handler } });
    const pool = poolFor(server, { size: 4 });
    await Promise.all(Array.from({ length: 8 }, () => pool.run((client) => client.noop())));
    expect(logins(server)).toBe(4);
    expect(pool.stats().peakBusy).toBe(4);
    // The server saw four NOOPs at the same time, one on each connection.
    expect(noop.most).toBe(4);
    expect(new Set(server.commands.filter((command) => command.verb === 'NOOP').map((command) => command.connection)).size).toBe(4);
  });

  it('opens connections lazily: one task, one connection', async () => {
    const server = await harness.server();
    const pool = poolFor(server, { size: 4 });
    await pool.run((client) => client.noop());
    await pool.run((client) => client.noop());
    expect(logins(server)).toBe(1);
    expect(pool.connections).toBe(1);
  });

  it('asks about the certificate once, for the first connection only', async () => {
    const server = await harness.server({ script: { NOOP: { reply: '200 slow NOOP', delayMs: 50 } } });
    let asked = 0;
    const pool = poolFor(server, {
      size: 4,
      verify: (check) => {
        asked += 1;
        return check.nodeVerdict.authorized ? 'trust' : 'reject';
      },
    });
    await Promise.all(Array.from({ length: 8 }, () => pool.run((client) => client.noop())));
    expect(logins(server)).toBe(4);
    expect(asked).toBe(1);
  });

  it('refuses a later connection that presents another certificate, before USER, and goes on with the first', async () => {
    const good = await harness.server({ script: { NOOP: { reply: '200 slow NOOP', delayMs: 100 } } });
    const otherDir = makeTempDir('sluice-pool-other-');
    const other = makeTestCertificates(otherDir.path);
    const impostor = await harness.server({ tls: { key: other.serverKey, cert: other.serverCert } } satisfies FaultServerOptions);
    otherDir.remove();
    // Connection 1 reaches the real server; every later one an impostor on the same address.
    const proxy = await splitProxy(good.port, impostor.port);
    const events: PoolEvent[] = [];
    let asked = 0;
    const pool = poolFor(good, { size: 2, port: (proxy.address() as { port: number }).port, events, verify: () => ((asked += 1), 'trust') });
    await Promise.all(Array.from({ length: 4 }, () => pool.run((client) => client.noop())));
    expect(asked).toBe(1);
    const failed = events.find((event) => event.kind === 'open-failed');
    expect(failed?.kind === 'open-failed' && (failed.error as FtpError).kind).toBe('certificate-rejected');
    expect(impostor.verbs()).not.toContain('USER');
    expect(good.commands.filter((command) => command.verb === 'NOOP')).toHaveLength(4);
    expect(pool.connections).toBe(1);
  });

  it('replaces a connection the server drops mid-run and retries its task once', async () => {
    let dropped = false;
    const server = await harness.server({
      script: {
        NOOP: (_arg, session) => {
          if (session.index === 0 && !dropped) {
            dropped = true;
            return { reply: '421 Idle too long, closing control connection', then: 'close' };
          }
          return '200 NOOP ok';
        },
      },
    });
    const events: PoolEvent[] = [];
    const pool = poolFor(server, { size: 1, events });
    await pool.run((client) => client.noop());
    expect(pool.stats()).toMatchObject({ opened: 2, broken: 1, retried: 1 });
    expect(events.map((event) => event.kind)).toEqual(['opened', 'broken', 'retry', 'opened']);
    expect(logins(server)).toBe(2);
  });

  it('retries after a reset connection too, but never a task marked not to be retried', async () => {
    const server = await harness.server({ script: { NOOP: { reply: '421 Closing', then: 'close' } } });
    const pool = poolFor(server, { size: 1 });
    const error = await pool.run((client) => client.noop(), { retry: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FtpError);
    expect(pool.stats()).toMatchObject({ broken: 1, retried: 0 });
  });

  it('does not retry a refusal (550): that is an answer, not a broken connection', async () => {
    const server = await harness.server({ script: { DELE: '550 No such file' } });
    const pool = poolFor(server, { size: 2 });
    const error = (await pool.run((client) => client.delete('/missing')).catch((caught: unknown) => caught)) as FtpError;
    expect(error.code).toBe(550);
    expect(pool.stats()).toMatchObject({ broken: 0, retried: 0, opened: 1 });
    expect(server.verbs().filter((verb) => verb === 'DELE')).toHaveLength(1);
  });

  it('gives up after a bounded number of broken connections', async () => {
    const server = await harness.server({ script: { NOOP: { reply: '421 Closing', then: 'close' } } });
    const pool = new ConnectionPool({ connect: harness.options(server), size: 1, maxReplacements: 2 });
    pools.push(pool);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => pool.run((client) => client.noop())));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(logins(server)).toBeLessThanOrEqual(4);
  });

  it('fails every task with the reason when the first connection is refused (login), and tries no more', async () => {
    const server = await harness.server({ script: { PASS: '530 Login incorrect' } });
    const pool = poolFor(server, { size: 4 });
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => pool.run((client) => client.noop())));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(((results[0] as PromiseRejectedResult).reason as FtpError).kind).toBe('auth-failed');
    await expect(pool.run((client) => client.noop())).rejects.toMatchObject({ kind: 'auth-failed' });
    expect(server.verbs().filter((verb) => verb === 'USER')).toHaveLength(1);
  });

  it('warm() opens every connection at once when the certificate was decided elsewhere (a transfer lane)', async () => {
    const user = slowReply('331 Password required');
    const server = await harness.server({ script: { USER: user.handler } });
    const pool = new ConnectionPool({ connect: harness.options(server), size: 3, trustDecided: true });
    pools.push(pool);
    pool.warm();
    await expect.poll(() => pool.connections).toBe(3);
    expect(logins(server)).toBe(3);
    // The three logins overlapped: none waited for a first connection's certificate decision.
    expect(user.most).toBe(3);
    await pool.run((client) => client.noop());
    expect(logins(server)).toBe(3);
  });

  it('warm() without a decided certificate opens the first connection alone', async () => {
    const server = await harness.server();
    const pool = poolFor(server, { size: 3 });
    pool.warm();
    await expect.poll(() => pool.connections).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pool.connections).toBe(1);
  });

  it('uses the clients it is given and closes them on close()', async () => {
    const server = await harness.server();
    const made: FtpClient[] = [];
    const pool = new ConnectionPool({ connect: harness.options(server), size: 2, createClient: () => (made.push(new FtpClient()), made.at(-1)!) });
    await pool.run((client) => client.noop());
    await pool.close();
    expect(made).toHaveLength(1);
    expect(server.verbs()).toContain('QUIT');
    await expect(pool.run((client) => client.noop())).rejects.toMatchObject({ kind: 'closed' });
  });
});

/** A TCP proxy: the first connection goes to `firstPort`, every later one to `laterPort`. */
async function splitProxy(firstPort: number, laterPort: number): Promise<Server> {
  let count = 0;
  const proxy = createServer((inbound: Socket) => {
    const outbound = connect(count++ === 0 ? firstPort : laterPort, '127.0.0.1');
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  proxies.push(proxy);
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}
