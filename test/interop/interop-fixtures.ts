// What the interop test files share: connect options for a server the harness started, and
// the servers and clients a test opens, stopped and closed after each test.
import { afterEach } from 'vitest';
import { FtpClient, type ConnectOptions } from '../../main/ftp/client';
import { startServer, type RunningServer, type ServerKind, type ServerOptions } from '../support/servers/index';

/** Trusts the server's own throwaway CA; short timeouts so a broken server fails the test fast. */
export function interopConnectOptions(server: RunningServer, overrides: Partial<ConnectOptions> = {}): ConnectOptions {
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    policy: { mode: server.tls, extraCa: [server.ca] },
    timeouts: { connectMs: 5_000, replyMs: 10_000, tlsMs: 5_000 },
    ...overrides,
  };
}

/** Starts servers and connects clients for one test file; everything is stopped after each test. */
export function useInteropServers(): {
  start(kind: ServerKind, options?: ServerOptions): Promise<RunningServer>;
  connect(server: RunningServer, overrides?: Partial<ConnectOptions>): Promise<FtpClient>;
  /** A client not connected yet (for connects that must fail), closed after the test too. */
  client(): FtpClient;
} {
  const running: RunningServer[] = [];
  const clients: FtpClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });
  // Plain functions, not methods: callers pass them around detached.
  const client = (): FtpClient => {
    const fresh = new FtpClient();
    clients.push(fresh);
    return fresh;
  };
  return {
    client,
    async start(kind, options = {}) {
      const server = await startServer(kind, options);
      running.push(server);
      return server;
    },
    async connect(server, overrides = {}) {
      const connecting = client();
      try {
        await connecting.connect(interopConnectOptions(server, overrides));
      } catch (error) {
        // The server's own log says why far better than our error alone.
        throw new Error(`${String(error)}\n${await server.readLogs()}`);
      }
      return connecting;
    },
  };
}
