import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import type { SendOptions } from './control';
import { connectPassiveAfter, openData, type DataSession, type PendingData } from './data';
import type { DirectReader } from './direct-read';
import { FtpError, fromSocketError } from './errors';
import type { Reply } from './reply';

/** A command that moves bytes over a data connection (RETR, STOR, APPE, STOU, LIST, MLSD). */
export interface DataCommand {
  readonly command: string;
  readonly arg?: string;
  /** Sent right before the command, after EPSV/PASV: REST must come immediately before RETR/STOR. */
  readonly restartAt?: number;
  /**
   * A simple command to send after EPSV/PASV, while the data connection opens (MDTM before
   * RETR): a round trip that would otherwise come after the transfer. Its reply, whatever the
   * code, goes to `onReply`; it does not decide the transfer.
   */
  readonly alongside?: AlongsideCommand;
  /**
   * Moves the bytes over the open data stream and calls `activity` whenever some move; resolves
   * when its side is done. `direct`: the bytes go to `reader`, and the stream only ends.
   */
  readonly body: (stream: Duplex, activity: () => void, direct: boolean) => Promise<void>;
  /** Takes a download's bytes straight from the socket where the data connection allows it (see direct-read.ts). */
  readonly reader?: DirectReader;
  readonly signal?: AbortSignal;
  /** Sees the 1xx replies (STOU names the file in its 150). */
  readonly onPreliminary?: (reply: Reply) => void;
}

/** See DataCommand.alongside. */
export interface AlongsideCommand {
  readonly command: string;
  readonly arg: string;
  readonly onReply: (reply: Reply) => void;
}

/** How a data command ended. */
export interface DataCommandResult {
  /** The final reply (226 or 250). */
  readonly reply: Reply;
  /** Under TLS: whether the data connection resumed the control session. */
  readonly sessionReused?: boolean;
}

/** A data session with the reply timeout its final replies wait for. */
export interface TimedDataSession extends DataSession {
  readonly replyTimeoutMs: number;
}

const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * Runs a data command to the end: the transfer is complete only when the data stream has ended
 * (on our side) AND the final reply has arrived, in whichever order they come. A refusal, a
 * stall, a cancel or a broken data connection fails it with a typed error; the control
 * connection is left in step (ABOR inside TLS when the server may still be sending).
 */
export async function runDataCommand(session: TimedDataSession, job: DataCommand): Promise<DataCommandResult> {
  if (job.signal?.aborted === true) throw cancelled();
  if (canSendTogether(session, job)) return runTogether(session, job);
  const result = await runOneByOne(session, job);
  // Worked one at a time: the next may go together (canSendTogether still asks for passive mode and EPSV).
  if (session.memory.pipeline === 'untried') session.memory.pipeline = 'on';
  return result;
}

/**
 * Commands that only read on the server. An upload sent ahead of its data connection is
 * riskier: were the control connection lost before we connect, vsftpd would sit in accept()
 * for a minute holding its write lock on the file, and every retry of it would wait on that lock.
 */
const READING_COMMANDS = new Set(['RETR', 'LIST', 'MLSD', 'NLST']);

/**
 * EPSV, the alongside command and a reading data command go out in one write once this session
 * has shown EPSV working: two round trips fewer per file, which is most of a small file's time.
 * Only inside TLS, where no NAT router's FTP helper reads (and may choke on) the commands.
 * Never with REST: were REST refused, the transfer would already be running from byte 0.
 */
function canSendTogether(session: TimedDataSession, job: DataCommand): boolean {
  const { memory, options, control } = session;
  const reading = READING_COMMANDS.has(job.command) && (job.restartAt ?? 0) === 0;
  return reading && memory.pipeline === 'on' && !memory.epsvRefused && options.mode !== 'active' && control.tlsSocket !== undefined;
}

async function runTogether(session: TimedDataSession, job: DataCommand): Promise<DataCommandResult> {
  const { control, memory } = session;
  const replies = control.sendTogether([
    { command: 'EPSV', options: { phase: 'data' } },
    ...(job.alongside === undefined ? [] : [{ command: job.alongside.command, arg: job.alongside.arg, options: { phase: 'data' as const } }]),
    { command: job.command, ...(job.arg === undefined ? {} : { arg: job.arg }), options: finalOptions(job) },
  ]);
  const [epsv, ...rest] = replies;
  const final = rest.at(-1);
  if (epsv === undefined || final === undefined) throw new FtpError('protocol', 'No reply expected for the data command', 'data');
  if (job.alongside !== undefined) rest[0]?.then(job.alongside.onReply, () => undefined);
  // Whatever happens to EPSV, the data command's reply is read (and dropped) in turn.
  final.catch(() => undefined);
  try {
    // The run starts now: if EPSV fails, it still settles the data command already sent (ABOR when needed).
    const result = await new DataRun(session, job, connectPassiveAfter(session, epsv, job.reader), final).run();
    memory.stats.sentTogether += 1;
    return result;
  } catch (error) {
    if (mayBlameSendingTogether(error)) {
      memory.pipeline = 'off';
      control.note('info', 'A data command sent together with EPSV failed; sending commands one at a time from now on');
    }
    throw error;
  }
}

/** A cancel, or a refusal of the file itself (550, 553), says nothing about sending commands together; a broken exchange may. */
function mayBlameSendingTogether(error: unknown): boolean {
  if (!(error instanceof FtpError) || error.kind === 'cancelled') return false;
  return !(error.kind === 'command-failed' && error.code !== undefined && error.code > 500 && error.code < 600);
}

async function runOneByOne(session: TimedDataSession, job: DataCommand): Promise<DataCommandResult> {
  const { control } = session;
  const pending = await openData(session, job.reader);
  try {
    if (job.alongside !== undefined) job.alongside.onReply(await control.send(job.alongside.command, job.alongside.arg, { phase: 'data' }));
    if (job.restartAt !== undefined && job.restartAt > 0) {
      const rest = await control.send('REST', String(job.restartAt), { phase: 'data' });
      if (rest.code !== 350) throw refused('REST', rest);
    }
  } catch (error) {
    pending.close();
    throw error;
  }
  const final = control.send(job.command, job.arg, finalOptions(job));
  return new DataRun(session, job, pending, final).run();
}

function finalOptions(job: DataCommand): SendOptions {
  // No reply timeout on the command itself: a big transfer takes as long as it takes; the stall timer watches it instead.
  return { phase: 'data', timeoutMs: 0, opensData: true, ...(job.onPreliminary === undefined ? {} : { onPreliminary: job.onPreliminary }) };
}

class DataRun {
  private finalReply: Reply | undefined;
  private failure: FtpError | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private moved = false;
  private readonly stallMs: number;
  // Rejects the wait for the data connection when the transfer stops before it opens.
  private rejectOpen: ((error: FtpError) => void) | undefined;

  constructor(
    private readonly session: TimedDataSession,
    private readonly job: DataCommand,
    private readonly pending: PendingData,
    private readonly final: Promise<Reply>,
  ) {
    this.stallMs = session.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    final.then(
      (reply) => {
        this.finalReply = reply;
        if (!isSuccess(reply)) this.stop(refused(job.command, reply));
      },
      (error: unknown) => this.stop(fromSocketError(error, 'connection-closed', 'data')),
    );
  }

  async run(): Promise<DataCommandResult> {
    const onAbort = (): void => this.stop(cancelled());
    this.job.signal?.addEventListener('abort', onAbort, { once: true });
    // It may have been cancelled while EPSV or REST were on their way.
    if (this.job.signal?.aborted === true) onAbort();
    try {
      const stream = await this.opened();
      const sessionReused = stream instanceof TLSSocket ? stream.isSessionReused() : undefined;
      const { stats } = this.session.memory;
      stats.opened += 1;
      if (sessionReused === true) stats.resumed += 1;
      if (sessionReused === false) this.checkUnresumed();
      this.watchStalls();
      await this.job.body(stream, () => this.touch(), this.pending.direct).catch((error: unknown) => {
        throw this.failure ?? fromSocketError(error, 'connection-closed', 'data');
      });
      clearInterval(this.stallTimer);
      const reply = await this.finalWithin(this.session.replyTimeoutMs);
      if (this.failure !== undefined) throw this.failure;
      if (!isSuccess(reply)) throw refused(this.job.command, reply);
      this.pending.close();
      return sessionReused === undefined ? { reply } : { reply, sessionReused };
    } catch (error) {
      const cause = this.failure ?? fromSocketError(error, 'connection-closed', 'data');
      this.stop(cause);
      await this.settle();
      throw this.explain(cause);
    } finally {
      clearInterval(this.stallTimer);
      this.job.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The open data stream; fails early when the server refuses the command before connecting. */
  private opened(): Promise<Duplex> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<Duplex>((resolve, reject) => {
      this.rejectOpen = reject;
      this.pending.ready.then(resolve, reject);
    });
  }

  private checkUnresumed(): void {
    if (this.session.options.requireSessionReuse === true) {
      throw new FtpError('session-not-resumed', 'The data connection did not resume the control TLS session', 'data');
    }
    this.session.control.note('info', 'The data connection did not resume the control TLS session');
  }

  /** Stops the transfer with `error` (the first one wins) and tears the data connection down. */
  private stop(error: FtpError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    clearInterval(this.stallTimer);
    this.pending.close();
    this.rejectOpen?.(error);
  }

  /**
   * A server that refuses the command often closes its data listener at once, so our connect,
   * TLS handshake or transfer fails with a reset first; its refusal (e.g. 451 "restart not allowed") is
   * the reason a person and the retry policy need. 426 only echoes the broken connection.
   */
  private explain(cause: FtpError): FtpError {
    const reply = this.finalReply;
    // A reset during the data connection's TLS handshake is the same story (proftpd refusing REST+STOR).
    const socketLevel = cause.kind === 'connection-failed' || cause.kind === 'connection-closed' || cause.kind === 'tls-handshake';
    if (socketLevel && reply !== undefined && reply.code >= 400 && reply.code !== 426) return refused(this.job.command, reply);
    return cause;
  }

  /** Notes that bytes moved; cheap, since it runs once per chunk (tens of thousands per gigabyte). */
  private touch(): void {
    this.moved = true;
  }

  /** Checks every `stallMs` that some bytes moved since the last check. */
  private watchStalls(): void {
    if (this.stallMs <= 0) return;
    this.moved = true;
    this.stallTimer = setInterval(() => {
      if (this.moved) {
        this.moved = false;
        return;
      }
      this.stop(new FtpError('timeout', `No data moved for ${this.stallMs} ms`, 'data'));
    }, this.stallMs);
  }

  /** The final reply, or a failed session when it does not come within `ms`. */
  private async finalWithin(ms: number): Promise<Reply> {
    if (this.finalReply !== undefined) return this.finalReply;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      if (ms <= 0) return;
      timer = setTimeout(() => {
        reject(this.session.control.fail(new FtpError('timeout', `No reply to ${this.job.command} within ${ms} ms after the data connection ended`, 'data')));
      }, ms);
    });
    try {
      return await Promise.race([this.final, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Brings the control connection back in step after a failure: when the server has not given
   * its final reply yet, ABOR (inside TLS, RFC 4217 §13) makes it give one (426 or 226) and
   * answer the ABOR (225/226). A server that stays silent fails the session.
   */
  private async settle(): Promise<void> {
    const control = this.session.control;
    if (this.finalReply !== undefined || control.closedBy !== undefined) return;
    const abor = control.interject('ABOR', { phase: 'data', timeoutMs: this.session.replyTimeoutMs });
    await Promise.allSettled([this.final, abor]);
  }
}

function isSuccess(reply: Reply): boolean {
  return reply.code >= 200 && reply.code < 300;
}

function refused(command: string, reply: Reply): FtpError {
  return new FtpError('command-failed', `${command} failed: ${reply.code} ${reply.text}`, 'data', reply.code);
}

function cancelled(): FtpError {
  return new FtpError('cancelled', 'The transfer was cancelled', 'data');
}
