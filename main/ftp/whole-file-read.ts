import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { localDisk, type DiskVerdict } from './disk-verdict';

/** A local file's stats and, when it is a small regular file, its whole content. */
export interface LocalRead {
  readonly stats: Stats;
  /** Undefined when the file is larger than the limit or not a regular file. */
  readonly bytes?: Buffer;
}

/**
 * Reads a small local file whole, right here (open, fstat, read, close) while the disk is
 * quick (see DiskVerdict); undefined when it is not, so the caller streams through the thread
 * pool. O_NONBLOCK: opening a FIFO would otherwise wait for a writer, and the event loop with
 * it (fstat then shows it is no regular file). Errors are the system's, as from stat().
 */
export function readSmallFile(localPath: string, limit: number, disk: DiskVerdict = localDisk): LocalRead | undefined {
  if (disk.slow) return undefined;
  return disk.timed(() => {
    const fd = openSync(localPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile() || stats.size > limit) return { stats };
      const bytes = Buffer.allocUnsafe(stats.size);
      let done = 0;
      while (done < bytes.length) {
        const read = readSync(fd, bytes, done, bytes.length - done, done);
        if (read === 0) break; // it shrank meanwhile: the size check after the upload tells
        done += read;
      }
      return { stats, bytes: bytes.subarray(0, done) };
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * A local file's stats from the thread pool, where readSmallFile left the file (a slow disk, or
 * a paced upload): timed, so that quick answers give the disk the direct path back.
 */
export function statThroughPool(localPath: string, disk: DiskVerdict = localDisk): Promise<Stats> {
  return disk.pooled(() => stat(localPath));
}
