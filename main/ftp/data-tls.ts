import type { OnReadOpts, Socket } from 'node:net';
import { connect, TLSSocket, type ConnectionOptions } from 'node:tls';
import { FtpError, fromSocketError } from './errors';
import type { SecurityPolicy } from './policy';
import type { SecurityState } from './security';
import { withoutPeerCertificate } from './session-trim';
import { tlsConnectionOptions, withSharedContext } from './tls-options';
import { withTimeout } from './timeout';

/** What a data connection's TLS needs from the session. */
export interface DataTlsContext {
  /** The control connection's host name: SNI and the name a server expects (not the PASV address). */
  readonly host: string;
  readonly policy: SecurityPolicy;
  /** Holds the newest session ticket (refreshed here) and the control certificate. */
  readonly state: SecurityState;
}

/**
 * A TCP connection for TLS to make itself. Node takes `onread` (see direct-read.ts) only from a
 * TLS socket that owns its TCP connection, not from one laid over a socket we made.
 */
export interface OwnConnection {
  readonly host: string;
  readonly port: number;
  readonly onread: OnReadOpts;
}

/** A data connection's TLS client on its way: the handshake settles once the TCP socket has connected. */
export interface DataTlsStart {
  readonly tls: TLSSocket;
  /** The TCP connection under it: the socket given, or `tls` itself for an OwnConnection. */
  readonly socket: Socket;
  readonly handshake: Promise<TLSSocket>;
  /** The control connection's certificate, which a full handshake must present again. */
  readonly expected: Buffer;
}

/** Node's TLSSocket method behind tls.connect's `session` option (present since Node 0.11, untyped). */
interface SessionSetter {
  setSession?: (session: Buffer) => void;
}

/**
 * Starts TLS as the client over a data connection, resuming the control connection's session
 * (RFC 4217 §10; servers with session reuse required refuse anything else, and the reuse
 * proves to the server that the data connection comes from the client that logged in). TLS
 * owns the TCP socket directly: no JavaScript stream sits between them. The socket may still
 * be connecting: the handshake then begins on 'connect'. Given an OwnConnection, TLS makes the
 * TCP connection itself.
 */
export function startDataTls(transport: Socket | OwnConnection, context: DataTlsContext): DataTlsStart {
  const { state } = context;
  const expected = state.peerCertificate;
  if (expected === undefined) throw new FtpError('protocol', 'No control certificate to compare the data connection with', 'data');
  let given: Socket | undefined;
  let options: ConnectionOptions & { onread?: OnReadOpts };
  if ('connecting' in transport) {
    given = transport;
    options = tlsConnectionOptions(context.policy, context.host, transport);
  } else {
    options = { ...tlsConnectionOptions(context.policy, context.host), host: transport.host, port: transport.port, onread: transport.onread };
  }
  const session = state.session;
  // Node 20's tls.connect decodes a `session` option twice (in the TLSSocket constructor, then
  // in connect), and each decode parses the server certificate: ~0.3 ms of CPU per data
  // connection. Over a socket still connecting (always one TLS makes itself), the handshake
  // waits for 'connect', so the session can be set once, right after connect() returns.
  const setter = (TLSSocket.prototype as SessionSetter).setSession;
  const setLater = (given?.connecting ?? true) && typeof setter === 'function';
  if (session !== undefined && !setLater) options.session = session;
  const tls = connect(withSharedContext(context.policy, options, state.keyShareGroup));
  // tls.connect takes no `noDelay`; libuv keeps the flag for the TCP socket it is about to make.
  if (given === undefined) tls.setNoDelay(true);
  if (session !== undefined && setLater) setter.call(tls, session);
  // TLS 1.3 tickets come after the handshake and some servers issue a fresh one per data
  // connection; the newest is the one the next connection offers.
  tls.on('session', (fresh: Buffer) => {
    state.session = withoutPeerCertificate(fresh);
  });
  const handshake = new Promise<TLSSocket>((resolve, reject) => {
    // A transfer refused meanwhile destroys the socket without an error: settle, or the timeout's timer holds the process.
    const closed = (): void => reject(new FtpError('connection-closed', 'The data connection closed during its TLS handshake', 'data'));
    tls.once('error', reject);
    tls.once('close', closed);
    tls.once('secureConnect', () => {
      tls.off('error', reject);
      tls.off('close', closed);
      resolve(tls);
    });
  });
  handshake.catch(() => undefined);
  return { tls, socket: given ?? tls, handshake, expected };
}

/**
 * Waits for the handshake `startDataTls` began and requires the server certificate to be
 * byte-equal to the control connection's (security rule 10).
 */
export async function finishDataTls(start: DataTlsStart, timeoutMs: number): Promise<TLSSocket> {
  const { tls, socket } = start;
  try {
    await withTimeout(start.handshake, timeoutMs, () => new FtpError('timeout', `The data connection's TLS handshake took longer than ${timeoutMs} ms`, 'data'));
  } catch (error) {
    tls.destroy();
    socket.destroy();
    throw fromSocketError(error, 'tls-handshake', 'data');
  }
  if (!presentsControlCertificate(tls, start.expected)) {
    tls.destroy();
    throw new FtpError('data-certificate-mismatch', 'The data connection presented a different certificate than the control connection; the transfer was stopped', 'data');
  }
  return tls;
}

/** Runs TLS over a connected data socket (active mode) and checks its certificate: see startDataTls. */
export function secureDataSocket(socket: Socket, context: DataTlsContext, timeoutMs: number): Promise<TLSSocket> {
  return finishDataTls(startDataTls(socket, context), timeoutMs);
}

/**
 * True when the data connection's server is the control connection's. A full handshake must
 * present the byte-equal certificate. A resumed one presents none (OpenSSL keeps no peer chain
 * on resumption, so Node shows nothing), but it can only complete with the secret of the
 * session we offered, which came from our verified control handshake: same server, by proof.
 */
function presentsControlCertificate(tls: TLSSocket, expected: Buffer): boolean {
  if (tls.isSessionReused()) return true;
  const presented = tls.getPeerX509Certificate()?.raw;
  return presented !== undefined && presented.equals(expected);
}
