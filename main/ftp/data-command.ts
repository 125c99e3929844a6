import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { openData, type DataSession, type PendingData } from './data';
import { FtpError, fromSocketError } from './errors';
import type { Reply } from './reply';

/** A command that moves bytes over a data connection (RETR, STOR, APPE, STOU, LIST, MLSD). */
export interface DataCommand {
  readonly command: string;
  readonly arg?: string;
  /** Sent right before the command, after EPSV/PASV: REST must come immediately before RETR/STOR. */
  readonly restartAt?: number;
  /**
   * Other commands to send after EPSV/PASV, while the data connection opens (its TCP connect
   * and TLS hello do not wait for them): a round trip that would otherwise come after the transfer.
   */
  readonly meanwhile?: () => Promise<void>;
  /** Moves the bytes over the open data stream and calls `activity` whenever some move; resolves when its side is done. */
  readonly body: (stream: Duplex, activity: () => void) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Sees the 1xx replies (STOU names the file in its 150). */
  readonly onPreliminary?: (reply: Reply) => void;
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
  const { control } = session;
  if (job.signal?.aborted === true) throw cancelled();
  const pending = await openData(session);
  try {
    if (job.meanwhile !== undefined) await job.meanwhile();
    if (job.restartAt !== undefined && job.restartAt > 0) {
      const rest = await control.send('REST', String(job.restartAt), { phase: 'data' });
      if (rest.code !== 350) throw refused('REST', rest);
    }
  } catch (error) {
    pending.close();
    throw error;
  }
  // No reply timeout on the command itself: a big transfer takes as long as it takes; the stall timer watches it instead.
  const onPreliminary = job.onPreliminary;
  const final = control.send(job.command, job.arg, { phase: 'data', timeoutMs: 0, ...(onPreliminary === undefined ? {} : { onPreliminary }) });
  return new DataRun(session, job, pending, final).run();
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
      await this.job.body(stream, () => this.touch()).catch((error: unknown) => {
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
