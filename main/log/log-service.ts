import type { LogDirection, LogLine, LogService } from '../../shared/services/log';
import { Emitter } from '../events';

/** A line as an engine writes it, before the service numbers it. */
export interface RawLogEntry {
  readonly direction: LogDirection;
  readonly text: string;
  readonly time: number;
}

export interface LogServiceOptions {
  /** Lines kept for a window that opens late or scrolls back (FileZilla keeps a similar window). */
  readonly capacity?: number;
  /** How long lines gather before one batch goes out: a busy transfer writes thousands. */
  readonly batchMs?: number;
}

// The engine already masks these; a second look here means a future bug there cannot leak
// a password into the log panel, a copied log or a bug report.
const secretCommand = /^(PASS|ACCT)\s+(?!\*{4}$).*/i;

/** The protocol log of every session: a capped ring plus batched change events. */
export class ProtocolLogService implements LogService {
  private readonly ring: LogLine[] = [];
  private pendingBatch: LogLine[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private nextSeq = 1;
  private readonly appended = new Emitter<readonly LogLine[]>();
  private readonly cleared = new Emitter<null>();
  private readonly capacity: number;
  private readonly batchMs: number;

  constructor(options: LogServiceOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.batchMs = options.batchMs ?? 50;
  }

  readonly onDidAppend = this.appended.subscribe;
  readonly onDidClear = this.cleared.subscribe;

  async recent(): Promise<LogLine[]> {
    return [...this.ring];
  }

  async clear(): Promise<void> {
    this.ring.length = 0;
    this.pendingBatch = [];
    this.cleared.fire(null);
  }

  /** Records one line from `source` (e.g. `127.0.0.1:21`). */
  write(source: string, entry: RawLogEntry): void {
    const text = secretCommand.test(entry.text) ? `${entry.text.split(/\s/, 1)[0]} ****` : entry.text;
    const line: LogLine = { seq: this.nextSeq++, time: entry.time, direction: entry.direction, text, source };
    this.ring.push(line);
    // Trim in chunks rather than shift() per line: shifting a 10,000-element array each write is quadratic.
    if (this.ring.length > this.capacity * 1.1) this.ring.splice(0, this.ring.length - this.capacity);
    this.pendingBatch.push(line);
    this.flushTimer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** A writer bound to one source, to hand to an engine's log. */
  writerFor(source: string): (entry: RawLogEntry) => void {
    return (entry) => this.write(source, entry);
  }

  /** Sends what has gathered now (also used at shutdown). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pendingBatch;
    this.pendingBatch = [];
    if (batch.length) this.appended.fire(batch);
  }
}
