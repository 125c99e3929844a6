import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ServerCertificateCheck, TrustDecision } from '../../main/ftp/certificate';
import { FtpClient, type ConnectOptions } from '../../main/ftp/client';
import { FtpError } from '../../main/ftp/errors';
import type { LogEntry } from '../../main/ftp/log';
import { FaultServer, makeTestCertificates, type FaultServerOptions, type TestCertificates } from '../support/fault-server/index';
import { makeTempDir } from '../support/temp-dir';

/** Per test file: throwaway certificates, servers and clients that are cleaned up after each test. */
export interface Harness {
  certs(): TestCertificates;
  /** A fault server with TLS material unless `tls: undefined` is passed explicitly. */
  server(options?: FaultServerOptions): Promise<FaultServer>;
  /** A client whose log is captured; closed after the test. */
  client(): { client: FtpClient; log: LogEntry[] };
  /** Connect options for `server`, trusting it by the test CA; `checks` collects what the callback saw. */
  options(server: FaultServer, overrides?: Partial<ConnectOptions>): ConnectOptions;
  readonly checks: ServerCertificateCheck[];
}

/** Sets up the harness hooks for the calling test file. */
export function useHarness(): Harness {
  let material: TestCertificates | undefined;
  const dir = makeTempDir('sluice-ftp-certs-');
  const servers: FaultServer[] = [];
  const clients: FtpClient[] = [];
  const checks: ServerCertificateCheck[] = [];

  beforeAll(() => {
    material = makeTestCertificates(dir.path);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    checks.length = 0;
  });
  afterAll(() => dir.remove());

  const certs = (): TestCertificates => {
    if (material === undefined) throw new Error('certificates not made yet');
    return material;
  };

  return {
    certs,
    checks,
    async server(options = {}) {
      const withTls: FaultServerOptions = 'tls' in options ? options : { ...options, tls: { key: certs().serverKey, cert: certs().serverCert } };
      const server = await FaultServer.start(withTls);
      servers.push(server);
      return server;
    },
    client() {
      const client = new FtpClient();
      const log: LogEntry[] = [];
      client.onLog((entry) => log.push(entry));
      clients.push(client);
      return { client, log };
    },
    options(server, overrides = {}) {
      return {
        host: '127.0.0.1',
        port: server.port,
        user: 'bob',
        password: 'secret-password',
        policy: { mode: server.options.implicit === true ? 'implicit' : 'explicit', extraCa: [certs().caCert] },
        timeouts: { connectMs: 2_000, replyMs: 2_000, tlsMs: 2_000 },
        verifyServer: (check): TrustDecision => {
          checks.push(check);
          return check.nodeVerdict.authorized ? 'trust' : 'reject';
        },
        ...overrides,
      };
    },
  };
}

/** Waits until `condition` holds, polling every 10 ms, for at most `ms`. */
export async function waitFor(condition: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Awaits a promise that must reject with an FtpError, and returns that error. */
export async function failure(promise: Promise<unknown>): Promise<FtpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FtpError);
  return error as FtpError;
}
