import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';

/** Who a protocol-log line comes from: what we sent, what the server said, or the engine's notes. */
export type LogDirection = 'sent' | 'received' | 'info' | 'error';

/** One line of the protocol log, as the log panel shows it. Passwords are already `****`. */
export interface LogLine {
  /** Increases by one per line for the life of the process: the panel's key and gap detector. */
  readonly seq: number;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly direction: LogDirection;
  readonly text: string;
  /** Which connection wrote it, e.g. `127.0.0.1:21`. */
  readonly source: string;
}

/** The protocol log: a capped ring of recent lines and a batched stream of new ones. */
export interface LogService {
  /** The lines still held (at most the cap), oldest first. */
  recent(): Promise<LogLine[]>;
  clear(): Promise<void>;
  /** New lines, delivered in batches so a busy session cannot flood the window. */
  onDidAppend(listener: (lines: readonly LogLine[]) => void): Unsubscribe;
  onDidClear(listener: (nothing: null) => void): Unsubscribe;
}

export const logContract = defineContract<LogService>({
  name: 'log',
  methods: { recent: z.tuple([]), clear: z.tuple([]) },
  events: { onDidAppend: true, onDidClear: true },
});
