import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { HelloCountingStream } from './hello-counter';
import type { Action, Handler, Script, SessionView } from './script';

/** How the fault server misbehaves on a RETR (the data-channel faults of curl's ftpserver.pl). */
export type RetrFault =
  /** Sends this many bytes, closes the data connection and answers 426. */
  | { readonly kind: 'close-after'; readonly bytes: number }
  /** Answers 226 first, then sends the data after `delayMs`. */
  | { readonly kind: 'final-first'; readonly delayMs: number }
  /** Sends the data, then answers 226 after `delayMs`. */
  | { readonly kind: 'final-late'; readonly delayMs: number }
  /** Sends the data and never answers. */
  | { readonly kind: 'no-final' }
  /** Sends this many bytes and then nothing, keeping the connection open (a stall), until the client ABORs. */
  | { readonly kind: 'stall-after'; readonly bytes: number };

/** The data side of a fault-server test: files, faults, and a record of every data connection. */
export interface FaultDataOptions {
  /** Remote files by path; uploads land here too. */
  readonly files?: Record<string, string | Buffer>;
  /** The address a 227 reply names (default 127.0.0.1); the client must ignore it (rule 12). */
  readonly pasvHost?: string;
  /** Replies to EPSV (default: a good 229) — e.g. '500 no' or a malformed 229. */
  readonly epsv?: Handler;
  /** Replaces the port in the 229/227 reply (e.g. 0 or 70000). */
  readonly badPort?: number;
  /** The body of LIST/MLSD replies. */
  readonly listing?: string | Buffer;
  readonly retrFault?: RetrFault;
  /** TLS material presented on data connections instead of the control connection's. */
  readonly dataTls?: { readonly key: string; readonly cert: string };
  /** Active mode: a third party on this loopback address races to the client's port first (rule 14). */
  readonly intruderFrom?: string;
  /** Counts the ClientHellos of each TLS data connection into its record (a HelloRetryRequest shows as 2). */
  readonly countClientHellos?: boolean;
}

/** One data connection the server saw. */
export interface DataConnectionRecord {
  /** The address the client connected to (passive), or connected from (active). */
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly secure: boolean;
  readonly resumed: boolean;
  /** ClientHello messages the client sent on it; present with `countClientHellos` only. */
  readonly clientHellos?: number;
}

/** Scripts EPSV/PASV/EPRT/PORT, REST, RETR, STOR/APPE/STOU, LIST/MLSD and ABOR over real data connections. */
export class FaultData {
  readonly files = new Map<string, Buffer>();
  readonly connections: DataConnectionRecord[] = [];
  /** Connections that went to the address named in a 227 instead of the control peer. */
  trapHits = 0;
  /** What became of the intruder's connection: dropped by the client unread, or served. */
  intruder: 'dropped' | 'served' | undefined;
  private readonly listeners = new Set<Server>();
  private readonly sockets = new Set<Duplex>();
  private readonly dataContext: SecureContext | undefined;

  constructor(private readonly options: FaultDataOptions = {}) {
    for (const [name, content] of Object.entries(options.files ?? {})) this.files.set(name, Buffer.from(content));
    this.dataContext = options.dataTls === undefined ? undefined : createSecureContext(options.dataTls);
  }

  /** The handlers to spread into a FaultServer script. */
  script(): Script {
    return {
      PROT: (arg, session) => {
        session.data.set('prot', arg);
        return `200 Protection level set to ${arg}`;
      },
      EPSV: this.options.epsv ?? (async (_arg, session) => `229 Entering Extended Passive Mode (|||${this.options.badPort ?? (await this.listen(session))}|)`),
      PASV: async (_arg, session) => {
        const port = this.options.badPort ?? (await this.listen(session));
        const host = (this.options.pasvHost ?? '127.0.0.1').replaceAll('.', ',');
        return `227 Entering Passive Mode (${host},${Math.floor(port / 256)},${port % 256})`;
      },
      EPRT: (arg, session) => {
        const [, , host, port] = arg.split(arg[0] ?? '|');
        session.data.set('active', { host, port: Number(port) });
        return '200 EPRT command successful';
      },
      PORT: (arg, session) => {
        const parts = arg.split(',').map(Number);
        session.data.set('active', { host: parts.slice(0, 4).join('.'), port: (parts[4] ?? 0) * 256 + (parts[5] ?? 0) });
        return '200 PORT command successful';
      },
      REST: (arg, session) => {
        session.data.set('rest', Number(arg));
        return `350 Restarting at ${arg}`;
      },
      SIZE: (arg) => {
        const file = this.files.get(arg);
        return file === undefined ? '550 No such file' : `213 ${file.length}`;
      },
      RETR: (arg, session) => this.retr(arg, session),
      STOR: (arg, session) => this.store(arg, session, false),
      APPE: (arg, session) => this.store(arg, session, true),
      STOU: (_arg, session) => this.store('unique.1', session, false, '150 FILE: unique.1'),
      LIST: (_arg, session) => this.send(Buffer.from(this.options.listing ?? ''), session),
      MLSD: (_arg, session) => this.send(Buffer.from(this.options.listing ?? ''), session),
      ABOR: '226 ABOR successful',
    };
  }

  /** Closes listeners and data connections left open. */
  close(): void {
    for (const server of this.listeners) server.close();
    for (const socket of this.sockets) socket.destroy();
  }

  private async retr(path: string, session: SessionView): Promise<Action> {
    const file = this.files.get(path);
    if (file === undefined) return '550 No such file';
    const offset = Number(session.data.get('rest') ?? 0);
    session.data.delete('rest');
    const body = file.subarray(offset);
    const fault = this.options.retrFault;
    if (fault === undefined) return this.send(body, session);
    session.reply('150 Opening BINARY mode data connection');
    const data = await this.open(session);
    switch (fault.kind) {
      case 'close-after':
        data.write(body.subarray(0, fault.bytes));
        await closeData(data);
        return '426 Connection closed; transfer aborted';
      case 'final-first':
        session.reply('226 Transfer complete');
        await sleep(fault.delayMs);
        data.write(body);
        await closeData(data);
        return { silent: true };
      case 'final-late':
        data.write(body);
        await closeData(data);
        await sleep(fault.delayMs);
        return '226 Transfer complete';
      case 'no-final':
        data.write(body);
        await closeData(data);
        return { silent: true };
      case 'stall-after':
        data.write(body.subarray(0, fault.bytes));
        if (!data.destroyed) await new Promise<void>((resolve) => data.once('close', () => resolve()));
        return '426 Transfer aborted';
    }
  }

  private async send(body: Buffer, session: SessionView): Promise<Action> {
    session.reply('150 Opening data connection');
    const data = await this.open(session);
    data.write(body);
    await closeData(data);
    return '226 Transfer complete';
  }

  private async store(path: string, session: SessionView, append: boolean, preliminary = '150 Ok to send data'): Promise<Action> {
    const offset = Number(session.data.get('rest') ?? 0);
    session.data.delete('rest');
    session.reply(preliminary);
    const data = await this.open(session);
    const chunks: Buffer[] = [];
    data.on('data', (chunk: Buffer) => chunks.push(chunk));
    const clean = await new Promise<boolean>((resolve) => {
      data.once('end', () => resolve(true));
      data.once('close', () => resolve(false));
    });
    const received = Buffer.concat(chunks);
    const before = this.files.get(path) ?? Buffer.alloc(0);
    const kept = append ? before : before.subarray(0, offset);
    this.files.set(path, Buffer.concat([kept, received]));
    data.end();
    return clean ? '226 Transfer complete' : '426 Connection closed; transfer aborted';
  }

  /** A passive listener on 127.0.0.1, with a trap on the 227 address when that is another one. */
  private async listen(session: SessionView): Promise<number> {
    const server = createServer({ pauseOnConnect: true });
    this.listeners.add(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const trapHost = this.options.pasvHost;
    if (trapHost !== undefined && trapHost !== '127.0.0.1') {
      const trap = createServer((socket) => {
        this.trapHits += 1;
        socket.destroy();
      });
      this.listeners.add(trap);
      await new Promise<void>((resolve) => trap.listen(port, trapHost, resolve));
    }
    session.data.set('passive', new Promise<Socket>((resolve) => server.once('connection', (socket: Socket) => {
      server.close();
      resolve(socket);
    })));
    return port;
  }

  /** The data connection of the current command, under TLS when PROT P is in force. */
  private async open(session: SessionView): Promise<Duplex> {
    const passive = session.data.get('passive') as Promise<Socket> | undefined;
    const active = session.data.get('active') as { host: string; port: number } | undefined;
    session.data.delete('passive');
    if (passive === undefined && this.options.intruderFrom !== undefined) this.intruder = await intrude(active, this.options.intruderFrom);
    const socket = passive !== undefined ? await passive : await connectTo(active);
    this.sockets.add(socket);
    if (session.data.get('prot') !== 'P') {
      this.connections.push({ localAddress: socket.localAddress ?? '', remoteAddress: socket.remoteAddress ?? '', secure: false, resumed: false });
      return socket;
    }
    // Counting needs a JavaScript stream under TLS; without it TLS owns the socket, as before.
    const counter = this.options.countClientHellos === true ? new HelloCountingStream(socket) : undefined;
    const tls = new TLSSocket(counter ?? socket, { isServer: true, secureContext: this.dataContext ?? session.secureContext });
    this.sockets.add(tls);
    tls.on('error', () => socket.destroy());
    await new Promise<void>((resolve) => {
      tls.once('secure', () => resolve());
      tls.once('close', () => resolve());
    });
    const hellos = counter === undefined ? {} : { clientHellos: counter.clientHellos };
    this.connections.push({ localAddress: socket.localAddress ?? '', remoteAddress: socket.remoteAddress ?? '', secure: true, resumed: tls.isSessionReused(), ...hellos });
    return tls;
  }
}

function connectTo(target: { host: string; port: number } | undefined): Promise<Socket> {
  if (target === undefined) throw new Error('no PASV/EPSV or EPRT/PORT before the transfer');
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect(target.port, target.host, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Connects from `from` and sends a fake TLS hello; 'dropped' when the client closes it without a byte back. */
function intrude(target: { host: string; port: number } | undefined, from: string): Promise<'dropped' | 'served'> {
  if (target === undefined) throw new Error('no EPRT/PORT before the transfer');
  return new Promise((resolve) => {
    let answered = false;
    const socket = connect({ port: target.port, host: target.host, localAddress: from }, () => socket.write('\x16\x03\x01intruder'));
    socket.on('data', () => {
      answered = true;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answered ? 'served' : 'dropped'));
    setTimeout(() => socket.destroy(), 1_000).unref();
  });
}

/** Ends the data connection (close_notify first under TLS) and waits until it is closed. */
function closeData(data: Duplex): Promise<void> {
  return new Promise<void>((resolve) => {
    if (data.destroyed) return resolve();
    data.once('close', () => resolve());
    // Read the client's side to its end, or its FIN (and the close) is never seen.
    data.resume();
    data.end();
    // A peer that never closes its side must not hold the test.
    setTimeout(() => data.destroy(), 2_000).unref();
  });
}
