/** Who a protocol-log line comes from: what we sent, what the server said, or the engine's own notes. */
export type LogDirection = 'sent' | 'received' | 'info' | 'error';

/** One line of the protocol log. */
export interface LogEntry {
  readonly direction: LogDirection;
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** Receives protocol-log lines. */
export type LogListener = (entry: LogEntry) => void;

const SECRET_COMMANDS = new Set(['PASS', 'ACCT']);

/** The text a command is logged as: the arguments of PASS and ACCT become `****`. */
export function loggableCommand(command: string, arg?: string): string {
  if (arg === undefined) return command;
  return SECRET_COMMANDS.has(command.toUpperCase()) ? `${command} ****` : `${command} ${arg}`;
}

/** A fan-out of protocol-log lines; a throwing listener never breaks the session. */
export class ProtocolLog {
  private readonly listeners = new Set<LogListener>();

  /** Adds a listener; returns the function that removes it. */
  on(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Sends a new line, stamped now, to every listener. */
  write(direction: LogDirection, text: string): void {
    this.publish({ direction, text, time: Date.now() });
  }

  /** Sends an existing entry (forwarded from another log) to every listener. */
  publish(entry: LogEntry): void {
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A broken log view must not end an FTP session.
      }
    }
  }
}
