import { createServer, isIPv4, isIPv6, type Server, type Socket } from 'node:net';
import { FtpError } from './errors';

/** The argument of EPRT for a listener (RFC 2428 §2): `|1|127.0.0.1|50000|` or `|2|::1|50000|`. */
export function formatEprt(address: string, port: number): string {
  const family = isIPv6(address) ? 2 : 1;
  return `|${family}|${address}|${port}|`;
}

/** The argument of PORT (IPv4 only, RFC 959): `127,0,0,1,195,80`; undefined for an IPv6 address. */
export function formatPort(address: string, port: number): string | undefined {
  const v4 = unmapped(address);
  if (!isIPv4(v4)) return undefined;
  return [...v4.split('.'), String(port >> 8), String(port & 255)].join(',');
}

/** An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) as plain IPv4; anything else unchanged. */
export function unmapped(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** A listening socket for one active-mode data connection. */
export interface DataListener {
  /** The address and port to announce with EPRT/PORT. */
  readonly address: string;
  readonly port: number;
  /** Resolves with the first connection that comes from the control peer; others are dropped (rule 14). */
  readonly accepted: Promise<Socket>;
  /** Stops listening (and drops a connection not yet handed out). */
  close(): void;
}

/**
 * Listens on `localAddress` (the control connection's own address) for the server's data
 * connection. Only a connection from `peerAddress` is accepted: anyone else who races to the
 * port is dropped, so a third party cannot feed or read our data (security rule 14).
 */
export async function listenForData(localAddress: string, peerAddress: string, timeoutMs: number, onRefused?: (from: string) => void): Promise<DataListener> {
  const server: Server = createServer({ noDelay: true, pauseOnConnect: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new FtpError('connection-failed', `Cannot listen for the data connection: ${error.message}`, 'data', undefined, error)));
    server.listen({ host: localAddress, port: 0, backlog: 4 }, resolve);
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') {
    server.close();
    throw new FtpError('connection-failed', 'The data listener has no port', 'data');
  }
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const accepted = new Promise<Socket>((resolve, reject) => {
    server.on('connection', (socket: Socket) => {
      if (settled || unmapped(socket.remoteAddress ?? '') !== unmapped(peerAddress)) {
        onRefused?.(socket.remoteAddress ?? 'unknown');
        socket.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      server.close();
      resolve(socket);
    });
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        settled = true;
        server.close();
        reject(new FtpError('timeout', `The server did not open the data connection within ${timeoutMs} ms`, 'data'));
      }, timeoutMs);
    }
  });
  // A caller that gives up before the connection comes must not leave an unhandled rejection.
  accepted.catch(() => undefined);
  return {
    address: bound.address,
    port: bound.port,
    accepted,
    close() {
      settled = true;
      clearTimeout(timer);
      server.close();
    },
  };
}
