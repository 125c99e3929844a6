// Reads a scenario's input files once, untimed, before its first run. This VM pages out page
// cache that has sat idle for about a minute (DAMON's `pageout` scheme: no access for 12
// aggregation intervals of 5 s). Without this read, whichever client runs first (Sluice, by
// the clients' order) reads the inputs from disk: on 2026-11-22 that cost vsftpd 3.1 s of CPU
// for the 1 GiB file instead of ~0.9 s, and the first run 2–3× the time of the next ones.
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';

const CHUNK = 1024 * 1024;

/** Reads every byte of `target` (a file, or every file below a folder) and drops it. */
export async function readThrough(target: string): Promise<number> {
  const entries = await readdir(target, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (entries === undefined) return readFileThrough(target);
  let bytes = 0;
  for (const entry of entries) if (entry.isFile()) bytes += await readFileThrough(path.join(entry.parentPath, entry.name));
  return bytes;
}

async function readFileThrough(file: string): Promise<number> {
  const handle = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  try {
    for (let read = -1; read !== 0; total += read) ({ bytesRead: read } = await handle.read(buffer, 0, CHUNK, null));
  } finally {
    await handle.close();
  }
  return total;
}
