import { open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../persist/atomic-file';
import type { QueueOp, QueueRecord } from './queue-record';

/**
 * The files of a crash-safe queue in one folder:
 *   queue.snapshot.jsonl     header {"v":1,"gen":G} then one record per line (writeFileAtomic)
 *   queue.journal.<G>.jsonl  QueueOps appended since that snapshot
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
  const parse = <T>(line: string): T | undefined => {
    if (line.trim() === '') return undefined;
    try {
      return JSON.parse(line) as T;
    } catch {
      skippedLines += 1;
      return undefined;
    }
  };
  const snapshot = (await readFileIfExists(path.join(folder, SNAPSHOT))) ?? '';
  const [head, ...lines] = snapshot.split('\n');
  const generation = parse<{ gen?: number }>(head ?? '')?.gen ?? 0;
  const records = lines.map((line) => parse<QueueRecord>(line)).filter((record): record is QueueRecord => record !== undefined);
  const ops: QueueOp[] = [];
  for (const journal of await journalGenerations(folder)) {
    if (journal < generation) continue;
    const text = (await readFileIfExists(journalPath(folder, journal))) ?? '';
    for (const line of text.split('\n')) {
      const op = parse<QueueOp>(line);
      if (op !== undefined) ops.push(op);
    }
  }
  return { generation, records, ops, skippedLines };
}

/** Writes a snapshot of `records` as generation `generation`, atomically. */
export async function writeSnapshot(folder: string, generation: number, records: readonly QueueRecord[]): Promise<void> {
  const lines = [JSON.stringify({ v: 1, gen: generation }), ...records.map((record) => JSON.stringify(record))];
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
