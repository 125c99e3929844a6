import { open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../persist/atomic-file';
import { isPauseLine, pausedBy, pausedInHeader, surelyItemChange } from './queue-pause';
import type { QueueOp, QueueRecord } from './queue-record';

/**
 * The files of a crash-safe queue in one folder:
 *   queue.snapshot.jsonl     header {"v":1,"gen":G,"paused":P} then one record per line (writeFileAtomic)
 *   queue.journal.<G>.jsonl  QueueOps and Pause / Resume lines appended since that snapshot
 * Compaction switches to journal G+1 first, then writes snapshot G+1, then deletes journal G:
 * a crash between the steps leaves snapshot G + journals G and G+1, and loading replays every
 * journal from the snapshot's generation on, so no acknowledged change is ever lost.
 */

const SNAPSHOT = 'queue.snapshot.jsonl';
const JOURNAL = /^queue\.journal\.(\d+)\.jsonl$/;

/** What a folder held: the snapshot's records, the ops to replay on top, and how many lines were unreadable. */
export interface LoadedQueue {
  readonly generation: number;
  readonly records: QueueRecord[];
  readonly ops: QueueOp[];
  /** Whether the queue was paused (Pause / Resume lines and the header's flag; see queue-pause.ts). */
  readonly paused: boolean;
  /** Torn or corrupt lines skipped (a kill -9 mid-append tears at most the last one). */
  readonly skippedLines: number;
}

/** The journal file of a generation. */
export function journalPath(folder: string, generation: number): string {
  return path.join(folder, `queue.journal.${generation}.jsonl`);
}

/** Reads the snapshot and the journals that follow it; a missing folder is an empty queue. */
export async function loadQueueFiles(folder: string): Promise<LoadedQueue> {
  let skippedLines = 0;
  const parse = (line: string): object | undefined => {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null) return value;
    } catch {
      // Not JSON: skipped and counted, like JSON that is not an object.
    }
    skippedLines += 1;
    return undefined;
  };
  const snapshot = (await readFileIfExists(path.join(folder, SNAPSHOT))) ?? '';
  const [head = '', ...lines] = snapshot.split('\n');
  // No snapshot yet is a new, running queue; a header that can't be read is handled by pausedInHeader.
  const header = head.trim() === '' ? {} : parse(head);
  const generation = (header as { gen?: number } | undefined)?.gen ?? 0;
  let paused = pausedInHeader(header);
  const records = lines
    .filter((line) => line.trim() !== '')
    .map((line) => parse(line) as QueueRecord | undefined)
    .filter((record): record is QueueRecord => record !== undefined);
  const ops: QueueOp[] = [];
  for (const journal of await journalGenerations(folder)) {
    if (journal < generation) continue;
    const text = (await readFileIfExists(journalPath(folder, journal))) ?? '';
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parse(line);
      if (parsed === undefined) {
        // Torn or damaged: if it may have been a Pause, honour it (see queue-pause.ts).
        if (!surelyItemChange(line)) paused = true;
      } else if (isPauseLine(parsed)) {
        paused = pausedBy(parsed);
      } else {
        ops.push(parsed as QueueOp);
      }
    }
  }
  return { generation, records, ops, paused, skippedLines };
}

/** Writes a snapshot of `records` and the paused flag as generation `generation`, atomically. */
export async function writeSnapshot(folder: string, generation: number, records: readonly QueueRecord[], paused: boolean): Promise<void> {
  const lines = [JSON.stringify({ v: 1, gen: generation, paused }), ...records.map((record) => JSON.stringify(record))];
  await writeFileAtomic(path.join(folder, SNAPSHOT), `${lines.join('\n')}\n`);
}

/** Deletes journals older than `generation` (already inside the snapshot). */
export async function removeOldJournals(folder: string, generation: number): Promise<void> {
  for (const journal of await journalGenerations(folder)) {
    if (journal < generation) await rm(journalPath(folder, journal), { force: true });
  }
}

async function journalGenerations(folder: string): Promise<number[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names
    .map((name) => JOURNAL.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** An append-only file of JSON lines: each `append` lands whole and fsync'd before it resolves. */
export class JournalFile {
  private constructor(private readonly handle: FileHandle) {}

  /** Opens (creating) a journal for appending, and fsyncs the folder so the new name survives a power loss. */
  static async open(file: string): Promise<JournalFile> {
    const handle = await open(file, 'a', 0o600);
    if (process.platform !== 'win32') {
      const dir = await open(path.dirname(file), 'r');
      await dir.sync().finally(() => dir.close());
    }
    return new JournalFile(handle);
  }

  /** Appends lines (each already one JSON document) and fsyncs. */
  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.handle.appendFile(`${lines.join('\n')}\n`);
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
