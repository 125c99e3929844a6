import { createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket, type SecureContext, type SecureVersion } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultScript, type Action, type ActionObject, type Handler, type Script, type SessionView } from './script';

/** TLS material of the fault server (PEM). */
export interface FaultTlsOptions {
  readonly key: string;
  readonly cert: string;
  /** CA of client certificates it accepts. */
  readonly ca?: string;
  readonly requestCert?: boolean;
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  /** Key-share groups it takes, as Node's `ecdhCurve` (e.g. 'P-256' alone, as vsftpd); Node's default unless given. */
  readonly ecdhCurve?: string;
}

/** How the fault server behaves; everything is optional. */
export interface FaultServerOptions {
  readonly tls?: FaultTlsOptions;
  /** TLS from the first byte (implicit FTPS); needs `tls`. */
  readonly implicit?: boolean;
  /** The greeting; '220 Sluice fault server ready' unless given. */
  readonly greeting?: Handler;
  /** Per-command overrides of the default script. */
  readonly script?: Script;
  /** The answer to a command the script does not know; '502 Command not implemented' unless given. */
  readonly unknown?: Handler;
}

/** One command line the server received. */
export interface ReceivedCommand {
  readonly connection: number;
  readonly verb: string;
  readonly arg: string;
  /** The line as received (decoded as UTF-8), without its line ending. */
  readonly line: string;
  /** The bytes of the line, for tests of legacy charsets. */
  readonly bytes: Buffer;
  /** True when it came over TLS. */
  readonly secure: boolean;
  /** Counts the reads of its connection: commands the client wrote together share it. */
  readonly read: number;
}

/** A scriptable FTP(S) server on 127.0.0.1 for fault-injection tests, in the spirit of curl's ftpserver.pl. */
export class FaultServer {
  /** Every command received, over every connection, in order. */
  readonly commands: ReceivedCommand[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly script: Script;
  private readonly context: SecureContext | undefined;
  private connections = 0;

  private constructor(private readonly server: Server, readonly options: FaultServerOptions) {
    this.script = { ...defaultScript(options.tls !== undefined), ...options.script };
    this.context = options.tls === undefined ? undefined : createSecureContext({ key: options.tls.key, cert: options.tls.cert, ...optional(options.tls) });
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(options: FaultServerOptions = {}): Promise<FaultServer> {
    const server = createServer();
    const fault = new FaultServer(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fault;
  }

  /** The port it listens on. */
  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  /** The verbs received so far, e.g. ['AUTH', 'PBSZ', 'PROT', 'USER']. */
  verbs(): string[] {
    return this.commands.map((command) => command.verb);
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(raw: Socket): void {
    this.sockets.add(raw);
    raw.on('close', () => this.sockets.delete(raw));
    raw.on('error', () => undefined);
    raw.setNoDelay(true);
    const connection = new FaultConnection(raw, this.connections++, this.context, this.options, (verb, arg) => this.handlerFor(verb, arg), (command) => this.commands.push(command));
    void connection.start(this.options.greeting ?? '220 Sluice fault server ready');
  }

  private handlerFor(verb: string, arg: string): Handler {
    return this.script[`${verb} ${arg.toUpperCase()}`] ?? this.script[verb] ?? this.options.unknown ?? '502 Command not implemented';
  }
}

function optional(tls: FaultTlsOptions): { ca?: string; minVersion?: SecureVersion; maxVersion?: SecureVersion; ecdhCurve?: string } {
  return {
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls.minVersion === undefined ? {} : { minVersion: tls.minVersion }),
    ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }),
    ...(tls.ecdhCurve === undefined ? {} : { ecdhCurve: tls.ecdhCurve }),
  };
}

/** One client connection: reads lines in clear or over TLS and answers them from the script, in order. */
class FaultConnection implements SessionView {
  readonly data = new Map<string, unknown>();
  private tls: TLSSocket | undefined;
  // Raw TCP bytes go to TLS while this is set; flipping it is how TLS starts and stops in place.
  private toTls: Duplex | undefined;
  private pending = Buffer.alloc(0);
  private reads = 0;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  // Swallows what TLS writes: a server that never answers the client's close_notify.
  private mute = false;

  constructor(
    private readonly raw: Socket,
    readonly index: number,
    readonly secureContext: SecureContext | undefined,
    private readonly options: FaultServerOptions,
    private readonly handlerFor: (verb: string, arg: string) => Handler,
    private readonly record: (command: ReceivedCommand) => void,
  ) {
    raw.on('data', (chunk: Buffer) => (this.toTls === undefined ? this.onBytes(chunk) : this.toTls.push(chunk)));
    raw.on('close', () => {
      this.closed = true;
    });
  }

  get secure(): boolean {
    return this.tls !== undefined;
  }

  reply(text: string): void {
    this.write(Buffer.from(`${text}\r\n`));
  }

  get clientCertificate(): SessionView['clientCertificate'] {
    const cert = this.tls?.getPeerCertificate();
    return cert === undefined || Object.keys(cert).length === 0 ? undefined : cert;
  }

  async start(greeting: Handler): Promise<void> {
    if (this.options.implicit === true) await this.upgrade();
    this.queue = this.queue.then(() => this.answer(greeting, ''));
  }

  private onBytes(chunk: Buffer): void {
    this.reads += 1;
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let lf = this.pending.indexOf(0x0a); lf !== -1; lf = this.pending.indexOf(0x0a)) {
      const bytes = Buffer.from(this.pending.subarray(0, this.pending[lf - 1] === 0x0d ? lf - 1 : lf));
      const line = bytes.toString('utf8');
      this.pending = this.pending.subarray(lf + 1);
      const space = line.indexOf(' ');
      const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
      const arg = space === -1 ? '' : line.slice(space + 1);
      this.record({ connection: this.index, verb, arg, line, bytes, secure: this.secure, read: this.reads });
      this.queue = this.queue.then(() => this.answer(this.handlerFor(verb, arg), arg));
    }
  }

  private async answer(handler: Handler, arg: string): Promise<void> {
    if (this.closed) return;
    const action: Action = typeof handler === 'function' ? await handler(arg, this) : handler;
    const script: ActionObject = typeof action === 'string' ? { reply: action } : action;
    if (script.silent === true) return;
    if (script.delayMs !== undefined) await sleep(script.delayMs);
    if (script.before === 'downgrade') await this.downgrade(false, 'first');
    const ending = script.lineEnding ?? '\r\n';
    const parts: Buffer[] = [];
    if (script.reply !== undefined) parts.push(Buffer.from(script.reply.split('\n').map((line) => line + ending).join('')));
    if (script.raw !== undefined) parts.push(Buffer.from(script.raw));
    const bytes = Buffer.concat(parts);
    if (script.split === 'byte') {
      for (const byte of bytes) {
        this.write(Buffer.of(byte));
        await sleep(script.splitDelayMs ?? 1);
      }
    } else {
      this.write(bytes);
    }
    if (script.inject !== undefined) this.raw.write(Buffer.from(script.inject));
    if (script.injectLater !== undefined) {
      const later = script.injectLater;
      setTimeout(() => this.raw.write(Buffer.from(later.bytes)), later.delayMs).unref();
    }
    if (script.then === 'upgrade') await this.upgrade();
    if (script.then === 'downgrade') await this.downgrade(false, 'answer');
    if (script.then === 'downgrade-mute') await this.downgrade(false, 'mute');
    if (script.then === 'reinitialize') await this.downgrade(true, 'answer');
    if (script.then === 'close') this.raw.end();
  }

  private write(bytes: Buffer): void {
    if (this.closed) return;
    if (this.tls !== undefined) this.tls.write(bytes);
    else this.raw.write(bytes);
  }

  private upgrade(): Promise<void> {
    if (this.secureContext === undefined) throw new Error('the fault server has no TLS material');
    const raw = this.raw;
    const tunnel = new Duplex({
      read() {},
      write: (chunk: Buffer, _encoding, callback) => {
        if (this.mute) callback();
        else raw.write(chunk, callback);
      },
      final(callback) {
        callback();
      },
    });
    this.toTls = tunnel;
    this.pending = Buffer.alloc(0);
    const tls = new TLSSocket(tunnel, {
      isServer: true,
      secureContext: this.secureContext,
      requestCert: this.options.tls?.requestCert === true,
      rejectUnauthorized: false,
    });
    tls.on('error', () => raw.destroy());
    tls.on('data', (chunk: Buffer) => this.onBytes(chunk));
    return new Promise<void>((resolve) => {
      tls.once('secure', () => {
        this.tls = tls;
        resolve();
      });
      tls.once('close', () => resolve());
    });
  }

  /**
   * Stops TLS: 'answer' waits for the client's close_notify and answers it (RFC 4217); 'mute'
   * never answers (pure-ftpd); 'first' sends ours first and waits for the client's (proftpd).
   */
  private async downgrade(reinitialize: boolean, style: 'answer' | 'mute' | 'first'): Promise<void> {
    const tls = this.tls;
    if (tls !== undefined) {
      const clientClosed = new Promise<void>((resolve) => tls.once('end', () => resolve()));
      if (style === 'first') tls.end();
      if (style === 'mute') this.mute = true;
      await clientClosed;
      // The client's close_notify came: what follows on TCP is clear text.
      this.toTls = undefined;
      this.tls = undefined;
      if (!tls.writableEnded) tls.end();
    }
    // Implicit FTPS after REIN: the client starts TLS again at once (MS-FTPS 3.2.5.3).
    if (reinitialize && this.options.implicit === true) await this.upgrade();
  }


}
