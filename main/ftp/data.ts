import { connect, type OnReadOpts, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { formatEprt, formatPort, listenForData, type DataListener } from './active';
import type { ControlConnection } from './control';
import { finishDataTls, secureDataSocket, startDataTls, type DataTlsContext, type DataTlsStart } from './data-tls';
import { onreadOf, type DirectReader } from './direct-read';
import { FtpError, fromSocketError } from './errors';
import { parseEpsvReply, parsePasvReply } from './passive';
import type { Reply } from './reply';
import { withTimeout } from './timeout';

/** How data connections are made; every field has a default. */
export interface DataOptions {
  /** Passive (EPSV, then PASV; the default) or active (EPRT, then PORT). */
  readonly mode?: 'passive' | 'active';
  /** Longest wait for the data connection to open, including its TLS handshake. */
  readonly connectTimeoutMs?: number;
  /** Longest time no byte may move while a transfer runs (checked every this often: a stall ends it within twice this). */
  readonly stallTimeoutMs?: number;
  /** Fail a transfer whose data connection did not resume the control TLS session (else only logged). */
  readonly requireSessionReuse?: boolean;
}

/** What a session remembers about its server's data commands, so it does not ask twice. */
export interface DataMemory {
  /** EPSV was refused: go straight to PASV. */
  epsvRefused: boolean;
  /** EPRT was refused: go straight to PORT. */
  eprtRefused: boolean;
  /**
   * Whether EPSV and the data command go out together in one write (see runDataCommand):
   * 'untried' until a data command has worked one at a time, 'off' after one sent together failed.
   */
  pipeline: 'untried' | 'on' | 'off';
  readonly stats: DataStats;
}

/** Data connections opened, how many of those resumed the control TLS session, and how many data commands went out together with EPSV. */
export interface DataStats {
  opened: number;
  resumed: number;
  sentTogether: number;
}

/** A fresh memory for a new session. */
export function initialDataMemory(): DataMemory {
  return { epsvRefused: false, eprtRefused: false, pipeline: 'untried', stats: emptyDataStats() };
}

/** Counts of a session (or a pool) that has opened no data connection yet. */
export function emptyDataStats(): DataStats {
  return { opened: 0, resumed: 0, sentTogether: 0 };
}

/** Everything a data connection needs from its session. */
export interface DataSession extends DataTlsContext {
  readonly control: ControlConnection;
  readonly options: DataOptions;
  readonly memory: DataMemory;
}

/** A data connection on its way: the command that uses it is sent while it opens. */
export interface PendingData {
  /** The data stream once open and, under PROT P, secured and checked. */
  readonly ready: Promise<Duplex>;
  /** The bytes go to the DirectReader it was opened with; the stream emits no 'data', only 'end', 'error' and 'close'. */
  readonly direct: boolean;
  /** Tears it down, whatever state it is in. */
  close(): void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** The data-connection connect timeout of a session. */
export function connectTimeoutOf(session: DataSession): number {
  return session.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
}

/**
 * Asks the server for a data connection (EPSV/PASV or EPRT/PORT) and starts opening it. A
 * passive one hands its bytes to `reader` when given (see PendingData.direct); an active one,
 * accepted from a listening socket, cannot.
 */
export async function openData(session: DataSession, reader?: DirectReader): Promise<PendingData> {
  const pending = session.options.mode === 'active' ? await openActive(session) : await openPassive(session, reader);
  // A caller that fails before awaiting `ready` must not leave an unhandled rejection behind.
  pending.ready.catch(() => undefined);
  return pending;
}

/** EPSV, or PASV when the server refuses it; the port only: the address is the control peer's (rule 12). */
async function passivePort(session: DataSession): Promise<number> {
  const { control, memory } = session;
  if (!memory.epsvRefused) {
    const reply = await control.send('EPSV', undefined, { phase: 'data' });
    // 229, or a typed error for a failure that is not a refusal of the command.
    if (reply.code < 500) return epsvPort(reply);
    memory.epsvRefused = true;
    control.note('info', 'EPSV refused; using PASV for this session');
  }
  const reply = await control.send('PASV', undefined, { phase: 'data' });
  if (reply.code !== 227) throw new FtpError('command-failed', `PASV failed: ${reply.code} ${reply.text}`, 'data', reply.code);
  const named = parsePasvReply(reply.text);
  if (named.host !== control.raw.remoteAddress) {
    control.note('info', `PASV named ${named.host}; connecting to the control peer ${control.raw.remoteAddress ?? '?'} instead`);
  }
  return named.port;
}

/** The port of a 229 reply; any other reply is a typed error. */
function epsvPort(reply: Reply): number {
  if (reply.code !== 229) throw new FtpError('command-failed', `EPSV failed: ${reply.code} ${reply.text}`, 'data', reply.code);
  return parseEpsvReply(reply.text);
}

/** The data connection of an EPSV sent ahead: it opens when the reply comes (see runDataCommand). */
export function connectPassiveAfter(session: DataSession, epsv: Promise<Reply>, reader?: DirectReader): PendingData {
  let opening: PendingData | undefined;
  let closed = false;
  const ready = epsv.then((reply) => {
    const port = epsvPort(reply);
    if (closed) {
      releaseWaitingServer(session, port);
      throw new FtpError('connection-closed', 'The data connection closed before it opened', 'data');
    }
    opening = connectPassive(session, port, reader);
    return opening.ready;
  });
  // A caller that fails before awaiting `ready` must not leave an unhandled rejection behind.
  ready.catch(() => undefined);
  return {
    ready,
    direct: reader !== undefined,
    close: () => {
      closed = true;
      opening?.close();
    },
  };
}

/**
 * Connects to `port` and hangs up at once. The command sent with its EPSV (cancelled before
 * the reply came) has the server waiting in accept(), for a minute on vsftpd, deaf to our
 * ABOR meanwhile; a connection that closes makes it answer now and stay in step.
 */
function releaseWaitingServer(session: DataSession, port: number): void {
  const host = session.control.raw.remoteAddress;
  if (host === undefined) return;
  const socket = connect({ host, port });
  socket.on('connect', () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.setTimeout(connectTimeoutOf(session), () => socket.destroy());
}

async function openPassive(session: DataSession, reader: DirectReader | undefined): Promise<PendingData> {
  return connectPassive(session, await passivePort(session), reader);
}

/** Opens the data connection to `port` of the control peer (the port of an EPSV/PASV reply); its bytes go to `reader` when given. */
export function connectPassive(session: DataSession, port: number, reader?: DirectReader): PendingData {
  const host = session.control.raw.remoteAddress;
  if (host === undefined) throw new FtpError('connection-closed', 'The control connection has no peer address', 'data');
  const timeoutMs = connectTimeoutOf(session);
  const onread = reader === undefined ? undefined : onreadOf(reader);
  const { socket, securing } =
    session.state.dataProtection === 'P'
      ? connectSecured(session, host, port, onread)
      : { socket: connect({ host, port, noDelay: true, ...(onread === undefined ? {} : { onread }) }), securing: undefined };
  let current: Duplex = securing?.tls ?? socket;
  reader?.attach(current);
  const ready = (async (): Promise<Duplex> => {
    await withTimeout(connected(socket), timeoutMs, () => new FtpError('timeout', `No data connection to ${host}:${port} within ${timeoutMs} ms`, 'data'));
    if (securing !== undefined) current = await finishDataTls(securing, timeoutMs);
    return current;
  })();
  // The TLS socket may not own the TCP socket yet (still connecting): both go.
  const close = (): void => {
    current.destroy();
    socket.destroy();
  };
  ready.catch(close);
  return { ready, direct: reader !== undefined, close };
}

/**
 * TCP and TLS for a PROT P data connection: TLS is set up while TCP connects, and its
 * handshake starts on 'connect'. With `onread`, TLS makes the TCP connection itself.
 */
function connectSecured(session: DataSession, host: string, port: number, onread: OnReadOpts | undefined): { socket: Socket; securing: DataTlsStart } {
  if (onread !== undefined) {
    const securing = startDataTls({ host, port, onread }, session);
    return { socket: securing.socket, securing };
  }
  const socket = connect({ host, port, noDelay: true });
  try {
    return { socket, securing: startDataTls(socket, session) };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

async function openActive(session: DataSession): Promise<PendingData> {
  const { control } = session;
  const local = control.raw.localAddress;
  const peer = control.raw.remoteAddress;
  if (local === undefined || peer === undefined) throw new FtpError('connection-closed', 'The control connection has no address', 'data');
  const timeoutMs = connectTimeoutOf(session);
  const listener = await listenForData(local, peer, timeoutMs, (from) => control.note('error', `Dropped a data connection from ${from}: only the server ${peer} may connect (rule 14)`));
  try {
    await announce(session, listener);
  } catch (error) {
    listener.close();
    throw error;
  }
  let current: Duplex | undefined;
  const ready = (async (): Promise<Duplex> => {
    const socket = await listener.accepted;
    current = socket;
    socket.setNoDelay(true);
    current = await secureIfProtected(session, socket, timeoutMs);
    return current;
  })();
  return {
    ready,
    direct: false,
    close: () => {
      listener.close();
      current?.destroy();
    },
  };
}

/** EPRT, or PORT when the server refuses it and the address is IPv4. */
async function announce(session: DataSession, listener: DataListener): Promise<void> {
  const { control, memory } = session;
  if (!memory.eprtRefused) {
    const reply = await control.send('EPRT', formatEprt(listener.address, listener.port), { phase: 'data' });
    if (reply.code === 200) return;
    if (reply.code < 500) throw new FtpError('command-failed', `EPRT failed: ${reply.code} ${reply.text}`, 'data', reply.code);
    memory.eprtRefused = true;
    control.note('info', 'EPRT refused; using PORT for this session');
  }
  const arg = formatPort(listener.address, listener.port);
  if (arg === undefined) throw new FtpError('command-failed', 'The server refused EPRT and PORT cannot name an IPv6 address', 'data');
  const reply = await control.send('PORT', arg, { phase: 'data' });
  if (reply.code !== 200) throw new FtpError('command-failed', `PORT failed: ${reply.code} ${reply.text}`, 'data', reply.code);
}

async function secureIfProtected(session: DataSession, socket: Socket, timeoutMs: number): Promise<Duplex> {
  if (session.state.dataProtection !== 'P') return socket;
  return secureDataSocket(socket, session, timeoutMs);
}

function connected(socket: Socket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    socket.once('error', (error) => reject(fromSocketError(error, 'connection-failed', 'data')));
    // Destroyed before it connected (the command was refused): settle, or the timeout's timer holds the process.
    const closed = (): void => reject(new FtpError('connection-closed', 'The data connection closed before it opened', 'data'));
    socket.once('close', closed);
    socket.once('connect', () => {
      // Not left for the normal close at the end of the transfer: it would build an error (and its stack) for nothing.
      socket.off('close', closed);
      resolve();
    });
  });
}
