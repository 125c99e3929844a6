import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file so that a crash at any instant leaves either the old or the new content,
 * never a mix or an empty file: write a temp file beside it, fsync it, rename it over the
 * target (atomic on POSIX and NTFS), then fsync the folder so the rename itself survives
 * a power loss.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const folder = path.dirname(target);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename anyway.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a file written by writeFileAtomic; undefined when it does not exist yet. */
export async function readFileIfExists(target: string): Promise<string | undefined> {
  try {
    return await readFile(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Serializes writes to one file: the last state always lands last, and concurrent
 * callers never interleave their temp-and-rename steps.
 */
export class SerialWriter {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly target: string) {}

  /** Queues a write of `data`; resolves when it (and every earlier one) is durable. */
  write(data: string | Uint8Array): Promise<void> {
    const next = this.tail.then(() => writeFileAtomic(this.target, data));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
