import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { UTF8_CHARSET, type Charset } from './charset';
import { encodeCommand } from './command-line';
import { FtpError, fromSocketError, type FtpPhase } from './errors';
import { loggableCommand, ProtocolLog, type LogDirection, type LogListener } from './log';
import { ReplyReader, type Reply, type ReplyLimits } from './reply';
import { IdleTimer } from './keepalive';
import { withTimeout } from './timeout';
import { openTunnel, type Tunnel } from './tunnel';

/** Options of a control connection; every field has a default. */
export interface ControlOptions {
  /** How long to wait for the reply to one command (0: forever). */
  readonly replyTimeoutMs?: number;
  /** How long a TLS handshake, or the close_notify exchange of CCC/REIN, may take. */
  readonly tlsTimeoutMs?: number;
  readonly limits?: Partial<ReplyLimits>;
  readonly charset?: Charset;
  /**
   * TLS may end later in the session (CCC, REIN): it then runs through a JavaScript tunnel
   * that can hand the TCP connection back. Otherwise (the default) TLS owns the socket
   * natively, which costs far less CPU per command — it adds up over a thousand small files.
   */
  readonly tlsShutdown?: boolean;
}

/** Options of one command. */
export interface SendOptions {
  /** The phase named in errors of this command. */
  readonly phase?: FtpPhase;
  /** Overrides the reply timeout for this command (0: forever). */
  readonly timeoutMs?: number;
  /** Called for each 1xx reply before the final one. */
  readonly onPreliminary?: (reply: Reply) => void;
  /** Stop reading right after a final reply with one of these codes: TLS starts (234) or stops (CCC, REIN) next. */
  readonly detachOn?: readonly number[];
  /** The server may shut TLS down before its reply, which then comes in clear (proftpd's CCC). */
  readonly tlsMayEnd?: boolean;
  /** Part of (re)securing the session: may pass while ordinary commands are held (see beginSecuring). */
  readonly securing?: boolean;
  /** A data command (RETR, STOR, LIST …): its refusal may leave a stray transfer reply behind (see strayTransferReply). */
  readonly opensData?: boolean;
}

interface Command {
  readonly line?: Buffer;
  readonly logText: string;
  readonly options: SendOptions;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: FtpError) => void;
  /** Already written (by interject() or sendTogether()): only its reply is awaited. */
  readonly sent?: boolean;
  /** Written by interject(): until its reply, every reply before it must come within its deadline. */
  readonly interjected?: boolean;
}

const DEFAULT_REPLY_TIMEOUT_MS = 30_000;
/** The replies that end a transfer; only a data command or ABOR is ever answered with one. */
const TRANSFER_END_CODES = new Set([225, 226, 426]);
const CLOSE_NOTIFY_GRACE_MS = 1_000;
/**
 * The FTP control connection: one command in flight, the rest queued in order; replies
 * matched to commands; timeouts; keepalive; the protocol log; TLS started or stopped in place.
 * The first fatal error closes it, and every later call fails with that same error.
 */
export class ControlConnection {
  private readonly log = new ProtocolLog();
  private readonly reader: ReplyReader;
  private readonly queue: Command[] = [];
  private current: Command | undefined;
  private stream: Duplex | undefined;
  // No tunnel: TLS runs natively on `raw` and cannot be stopped (see ControlOptions.tlsShutdown).
  private tls: { socket: TLSSocket; tunnel: Tunnel | undefined } | undefined;
  private tlsClosing = false;
  // Reading stopped after a 234 (or a CCC/REIN reply): nothing is read or sent until TLS changes.
  private held = false;
  // While the session is being (re)secured, only commands marked `securing` go out (rule 6).
  private securing = false;
  private charset: Charset;
  private fatal: FtpError | undefined;
  private replyTimer: NodeJS.Timeout | undefined;
  // Set while an interjected command (ABOR) waits: no reply before it may take longer, a transfer's "forever" included.
  private interjectDeadlineMs: number | undefined;
  /**
   * Set when a data command is refused: the server may still answer the close of the data
   * connection it had accepted for it (pyftpdlib sends "226 Transfer complete."). One such
   * reply, arriving before a data command starts again, answers nothing we sent: it is logged
   * and dropped, rather than taken as the next command's reply or failing the session.
   */
  private strayTransferReply = false;
  // A refused NOOP is harmless; a fatal error is already recorded by fail().
  private readonly keepalive = new IdleTimer(() => {
    if (this.idle) this.send('NOOP').catch(() => undefined);
  });

  constructor(
    /** The TCP connection; TLS, when on, runs over it through a tunnel. */
    readonly raw: Socket,
    private readonly options: ControlOptions = {},
  ) {
    this.charset = options.charset ?? UTF8_CHARSET;
    this.reader = new ReplyReader({ limits: options.limits ?? {}, decode: this.charset.decode });
    raw.on('error', (error) => this.fail(fromSocketError(error, 'connection-closed', this.phase)));
    raw.on('close', () => this.fail(new FtpError('connection-closed', 'The server closed the connection', this.phase)));
  }

  /** Adds a protocol-log listener; returns the function that removes it. */
  onLog(listener: LogListener): () => void {
    return this.log.on(listener);
  }

  /** Writes an engine note to the protocol log. */
  note(direction: Extract<LogDirection, 'info' | 'error'>, text: string): void {
    this.log.write(direction, text);
  }

  /** The TLS socket when the control connection is protected. */
  get tlsSocket(): TLSSocket | undefined {
    return this.tls?.socket;
  }

  /** The error that closed the session, if it is closed. */
  get closedBy(): FtpError | undefined {
    return this.fatal;
  }

  /** True when TLS can be shut down in place (CCC, REIN): off, or running through a tunnel. */
  get canStopTls(): boolean {
    return this.tls === undefined ? this.options.tlsShutdown === true : this.tls.tunnel !== undefined;
  }

  /** The charset used for arguments and replies. */
  get currentCharset(): Charset {
    return this.charset;
  }

  /** Switches the charset of arguments and replies (after FEAT/OPTS UTF8 or a site setting). */
  setCharset(charset: Charset): void {
    this.charset = charset;
    this.reader.setDecode(charset.decode);
  }

  /** Waits for the server's greeting (120 replies are skipped); starts reading. */
  readGreeting(timeoutMs?: number): Promise<Reply> {
    const options: SendOptions = timeoutMs === undefined ? { phase: 'connect' } : { phase: 'connect', timeoutMs };
    return this.enqueue(undefined, '(greeting)', options);
  }

  /** Sends one command when the commands before it are answered; resolves with its final reply, whatever the code. */
  send(command: string, arg?: string, options: SendOptions = {}): Promise<Reply> {
    const phase = options.phase ?? 'command';
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    let line: Buffer;
    try {
      line = encodeCommand(command, arg, this.charset, phase);
    } catch (error) {
      return Promise.reject(error instanceof FtpError ? error : fromSocketError(error, 'invalid-argument', phase));
    }
    return this.enqueue(line, loggableCommand(command, arg), options);
  }

  /** No command in flight or waiting, and nothing holding commands back. */
  private get idle(): boolean {
    return this.current === undefined && this.queue.length === 0 && !this.held && !this.securing;
  }

  /**
   * Sends `commands` in one write, without waiting for each reply (RFC 959 lets a client send
   * ahead; replies still come in order). Only when the connection is quiet: otherwise they go
   * one at a time, like send(). Each promise resolves with its command's final reply.
   */
  sendTogether(commands: readonly { readonly command: string; readonly arg?: string; readonly options?: SendOptions }[]): Promise<Reply>[] {
    if (!this.idle || this.fatal !== undefined || commands.length < 2) return commands.map(({ command, arg, options }) => this.send(command, arg, options));
    let lines: Buffer[];
    try {
      lines = commands.map(({ command, arg, options }) => encodeCommand(command, arg, this.charset, options?.phase ?? 'command'));
    } catch (error) {
      const failure = error instanceof FtpError ? error : fromSocketError(error, 'invalid-argument', 'command');
      return commands.map(() => Promise.reject(failure));
    }
    // All are written below in one go: the first is in flight, pump() only waits for the others' replies.
    const written: Command[] = [];
    const replies = commands.map(
      ({ command, arg, options = {} }, index) =>
        new Promise<Reply>((resolve, reject) => {
          written.push({ line: lines[index], logText: loggableCommand(command, arg), options, resolve, reject, sent: true });
        }),
    );
    const [first, ...rest] = written;
    if (first === undefined) return replies;
    const stream = this.stream ?? this.attach(this.tls?.socket ?? this.raw);
    this.keepalive.stop();
    this.current = first;
    this.queue.push(...rest);
    for (const command of written) this.log.write('sent', command.logText);
    stream.write(Buffer.concat(lines));
    this.armReplyTimer(first);
    return replies;
  }

  /**
   * Holds ordinary commands back until endSecuring(): during connect, and between REIN and the
   * new TLS session, a command sent by another caller would otherwise go out in clear (rule 6).
   */
  beginSecuring(): void {
    this.securing = true;
    this.keepalive.stop();
  }

  /** Lets the commands held by beginSecuring() go out, in the order they were sent. */
  endSecuring(): void {
    if (!this.securing) return;
    this.securing = false;
    this.pump();
  }

  /** True while ordinary commands are held back (see beginSecuring). */
  get isSecuring(): boolean {
    return this.securing;
  }

  /**
   * Writes `command` at once, inside TLS when on, while the command in flight waits for its
   * reply (ABOR during a transfer; RFC 4217 §13: no urgent data). Its reply is the one after
   * those of the commands already written; each of them must arrive within `timeoutMs`.
   */
  interject(command: string, options: SendOptions = {}): Promise<Reply> {
    const current = this.current;
    if (current === undefined || this.stream === undefined) return this.send(command, undefined, options);
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    const line = encodeCommand(command, undefined, this.charset, options.phase ?? 'command');
    this.log.write('sent', command);
    this.stream.write(line);
    this.interjectDeadlineMs = options.timeoutMs ?? this.options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    this.armReplyTimer(current);
    return new Promise<Reply>((resolve, reject) => {
      // Its reply comes after those of the commands already written with the current one (sendTogether).
      const at = this.queue.findIndex((queued) => queued.sent !== true);
      this.queue.splice(at === -1 ? this.queue.length : at, 0, { line, logText: command, options, resolve, reject, sent: true, interjected: true });
    });
  }

  /** Starts TLS in place (after 234, or at once for implicit FTPS); commands wait for release(). */
  async startTls(handshake: (stream: Duplex) => Promise<TLSSocket>): Promise<TLSSocket> {
    if (this.fatal !== undefined) throw this.fatal;
    if (this.stream !== undefined || this.tls !== undefined) throw new FtpError('protocol', 'TLS can only start between replies', 'tls');
    // Anything the server sent after its 234 line is not ours to read (curl CVE-2021-22947).
    if (this.reader.hasPending || this.raw.readableLength > 0) {
      throw this.fail(new FtpError('protocol', 'The server sent data after its AUTH reply, before the TLS handshake', 'tls'));
    }
    const tunnel = this.options.tlsShutdown === true ? openTunnel(this.raw) : undefined;
    let socket: TLSSocket;
    try {
      socket = await withTimeout(handshake(tunnel?.stream ?? this.raw), this.tlsTimeoutMs, () => new FtpError('timeout', `The TLS handshake took longer than ${this.tlsTimeoutMs} ms`, 'tls'));
    } catch (error) {
      throw this.fail(fromSocketError(error, 'tls-handshake', 'tls'));
    }
    if (this.fatal !== undefined) throw this.fatal;
    this.tls = { socket, tunnel };
    socket.on('error', (error) => {
      if (this.tls?.socket === socket && !this.tlsClosing) this.fail(fromSocketError(error, 'connection-closed', this.phase));
    });
    socket.on('close', () => {
      if (this.tls?.socket === socket && !this.tlsClosing) this.fail(new FtpError('connection-closed', 'The TLS connection closed', this.phase));
    });
    this.reader.reset();
    // Held until release(): nothing is sent, and nothing read, before the certificate is trusted.
    this.held = true;
    return socket;
  }

  /** Shuts TLS down and goes on in clear on the same TCP connection (after the reply to CCC or REIN). */
  async stopTls(): Promise<void> {
    if (this.fatal !== undefined) throw this.fatal;
    if (this.stream !== undefined) throw new FtpError('protocol', 'TLS can only stop between replies', 'tls');
    const tls = this.tls;
    if (tls !== undefined && tls.tunnel === undefined) throw this.fail(new FtpError('protocol', 'TLS runs natively on this connection and cannot stop in place', 'tls'));
    // undefined: the server already shut TLS down before its reply (see tlsMayEnd).
    if (tls !== undefined) {
      if (this.reader.hasPending) throw this.fail(new FtpError('protocol', 'The server sent data before TLS shut down', 'tls'));
      this.tlsClosing = true;
      const peerClosed = new Promise<boolean>((resolve) => tls.socket.once('end', () => resolve(true)));
      tls.socket.on('data', () => this.fail(new FtpError('protocol', 'The server sent data before TLS shut down', 'tls')));
      tls.socket.resume();
      tls.socket.end();
      // Some servers (pure-ftpd) never answer our close_notify; a short wait serves those that do.
      const grace = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), Math.min(this.tlsTimeoutMs, CLOSE_NOTIFY_GRACE_MS)).unref());
      const answered = await Promise.race([peerClosed, grace]);
      if (this.fatal !== undefined) throw this.fatal;
      if (!answered) this.log.write('info', 'The server did not answer close_notify; going on in clear');
      this.dropTls(tls);
    }
    this.held = false;
    this.pump();
  }

  private dropTls(tls: { socket: TLSSocket; tunnel: Tunnel | undefined }): void {
    this.tlsClosing = true;
    tls.tunnel?.detach();
    this.tls = undefined;
    tls.socket.destroy();
    this.tlsClosing = false;
    this.reader.reset();
  }

  /** Lets commands flow again after startTls (once the certificate is trusted) or after a REIN in clear. */
  release(): void {
    if (this.fatal !== undefined) throw this.fatal;
    if (this.stream !== undefined) throw new FtpError('protocol', 'Nothing to release', 'command');
    // In clear, early bytes are out of turn; over TLS they may be the implicit greeting, read by the next command.
    if (this.tls === undefined && (this.reader.hasPending || this.raw.readableLength > 0)) {
      throw this.fail(new FtpError('protocol', 'The server sent data right after its reply', 'command'));
    }
    this.held = false;
    this.pump();
  }

  /** Sends NOOP after `intervalMs` without a command, so NAT and servers keep the session (0 turns it off). */
  setKeepalive(intervalMs: number): void {
    this.keepalive.setInterval(this.fatal === undefined ? intervalMs : 0);
  }

  /** Ends the session now; later calls fail with a 'closed' error. */
  close(): void {
    this.fail(new FtpError('closed', 'The session was closed', this.phase));
  }

  /** Closes the session with `error` unless it is already closed; returns the error that closed it. */
  fail(error: FtpError): FtpError {
    if (this.fatal !== undefined) return this.fatal;
    this.fatal = error;
    if (error.kind !== 'closed') this.log.write('error', `${error.kind}: ${error.message}`);
    clearTimeout(this.replyTimer);
    this.keepalive.stop();
    const waiting = this.current === undefined ? this.queue.splice(0) : [this.current, ...this.queue.splice(0)];
    this.current = undefined;
    for (const command of waiting) command.reject(error);
    this.stream?.off('data', this.onData);
    this.stream = undefined;
    this.tls?.socket.destroy();
    this.raw.destroy();
    return error;
  }

  private get tlsTimeoutMs(): number {
    return this.options.tlsTimeoutMs ?? this.options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  }

  private get phase(): FtpPhase {
    return this.current?.options.phase ?? 'command';
  }

  private enqueue(line: Buffer | undefined, logText: string, options: SendOptions): Promise<Reply> {
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    return new Promise<Reply>((resolve, reject) => {
      this.queue.push({ line, logText, options, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current !== undefined || this.held || this.fatal !== undefined) return;
    // The greeting has nothing to send, and an interjected command is already out: both may pass the gate.
    const index = this.securing ? this.queue.findIndex((command) => command.options.securing === true || command.line === undefined || command.sent === true) : 0;
    const next = index === -1 ? undefined : this.queue.splice(index, 1)[0];
    if (next === undefined) {
      if (!this.securing) this.keepalive.start();
      return;
    }
    this.keepalive.stop();
    this.current = next;
    const stream = this.stream ?? this.attach(this.tls?.socket ?? this.raw);
    if (next.line !== undefined && next.sent !== true) {
      this.log.write('sent', next.logText);
      stream.write(next.line);
    }
    this.armReplyTimer(next);
  }

  private armReplyTimer(command: Command): void {
    clearTimeout(this.replyTimer);
    const ms = this.interjectDeadlineMs ?? command.options.timeoutMs ?? this.options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
    if (ms <= 0) return;
    this.replyTimer = setTimeout(() => {
      this.fail(new FtpError('timeout', `No reply to ${command.logText} within ${ms} ms`, command.options.phase ?? 'command'));
    }, ms);
  }

  private readonly onData = (chunk: Buffer): void => {
    const { replies, error } = this.reader.push(chunk);
    for (const [index, reply] of replies.entries()) {
      for (const line of reply.lines) this.log.write('received', line);
      const detachedIn = this.handleReply(reply);
      if (this.fatal !== undefined) return;
      if (detachedIn !== undefined && (index < replies.length - 1 || error !== undefined || this.reader.hasPending)) {
        this.fail(new FtpError('protocol', `The server sent data after its ${reply.code} reply, before TLS changed`, detachedIn));
        return;
      }
      // The next reply in this chunk may answer a command already written (sendTogether, interject).
      if (this.current === undefined && this.queue[0]?.sent === true) this.pump();
    }
    if (error !== undefined) {
      this.fail(new FtpError(error.kind, error.message, this.phase));
      return;
    }
    this.pump();
  };

  /** Matches a reply to the command in flight; returns the command's phase when reading stopped after it. */
  private handleReply(reply: Reply): FtpPhase | undefined {
    const command = this.current;
    if (reply.code === 421) {
      this.fail(new FtpError('connection-closed', `The server ended the session: ${reply.text}`, this.phase, 421));
      return undefined;
    }
    if (this.isStrayTransferReply(reply, command)) {
      this.strayTransferReply = false;
      this.log.write('info', `Ignored a ${reply.code} reply: it ends no transfer of ours (the server answered the close of a data connection it had refused to use)`);
      return undefined;
    }
    if (command === undefined) {
      this.fail(new FtpError('protocol', `The server sent a reply nobody asked for: ${reply.code}`, 'command', reply.code));
      return undefined;
    }
    if (reply.code < 200) {
      // A transfer began: from now on a transfer reply is its own.
      if (command.options.opensData === true) this.strayTransferReply = false;
      command.options.onPreliminary?.(reply);
      // After an interject() the deadline stands; a 1xx must not push it back.
      if (this.interjectDeadlineMs === undefined) this.armReplyTimer(command);
      return undefined;
    }
    clearTimeout(this.replyTimer);
    this.current = undefined;
    if (command.interjected === true) this.interjectDeadlineMs = undefined;
    if (command.options.opensData === true) this.strayTransferReply = reply.code >= 400;
    const detach = command.options.detachOn?.includes(reply.code) === true;
    if (detach) this.detach();
    command.resolve(reply);
    return detach ? (command.options.phase ?? 'command') : undefined;
  }

  /** A transfer's final reply while no data command or ABOR could be its owner (see strayTransferReply). */
  private isStrayTransferReply(reply: Reply, command: Command | undefined): boolean {
    if (!this.strayTransferReply || !TRANSFER_END_CODES.has(reply.code)) return false;
    return command === undefined || (command.options.opensData !== true && command.interjected !== true);
  }

  private readonly onEnd = (): void => {
    const tls = this.tls;
    if (tls?.tunnel !== undefined && this.stream === tls.socket && this.current?.options.tlsMayEnd === true) {
      // proftpd answers CCC with close_notify first and its 200 in clear: answer it, then wait on TCP.
      this.detach();
      this.tlsClosing = true;
      const goClear = (): void => {
        if (this.fatal !== undefined) return;
        this.dropTls(tls);
        this.held = false;
        this.attach(this.raw);
      };
      if (tls.socket.writableFinished) goClear();
      else tls.socket.once('finish', goClear).end();
      return;
    }
    this.fail(new FtpError('connection-closed', 'The server closed the connection', this.phase));
  };

  private attach(stream: Duplex): Duplex {
    this.stream = stream;
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.resume();
    return stream;
  }

  private detach(): void {
    this.held = true;
    this.stream?.off('data', this.onData);
    this.stream?.off('end', this.onEnd);
    this.stream?.pause();
    this.stream = undefined;
  }


}
