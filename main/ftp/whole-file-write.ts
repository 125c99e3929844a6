import { closeSync, futimesSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { localDisk, type DiskVerdict } from './disk-verdict';
import { FtpError } from './errors';
import { partFileFlags, regularFileOrNothing, regularFileOrNothingNow } from './local-target';

/** A small file's whole content, to write under a temporary name and (when complete) its final one. */
export interface WholeFile {
  /** The temporary name (see partPath). */
  readonly part: string;
  readonly chunks: readonly Buffer[];
  readonly modified?: Date | undefined;
  /** The final name, when the file is complete; undefined keeps it under `part` (a partial download kept for a resume). */
  readonly target?: string | undefined;
  /** Check `target` before the rename (not needed in a folder this run created: see DownloadFileOptions.freshFolder). */
  readonly checkTarget?: boolean;
}

/**
 * Writes a small file's whole content (and its modification time) at once under its temporary
 * name, then renames it onto its final one: right here while the disk is quick (see
 * DiskVerdict), else through the thread pool. The file is created exclusively, never through a
 * symlink (see partFileFlags); a leftover from an earlier run is checked and replaced as
 * openPartFile does; rename() replaces whatever name is there, a symlink included, without
 * following it.
 */
export class WholeFileWriter {
  constructor(private readonly disk: DiskVerdict = localDisk) {}

  async place(file: WholeFile): Promise<void> {
    if (this.disk.slow) {
      await placeThroughPool(file);
      return;
    }
    try {
      this.disk.timed(() => placeNow(file));
    } catch (error) {
      throw asWriteError(file.part, error);
    }
  }
}

/** The process's writer. */
export const wholeFileWriter = new WholeFileWriter();

function placeNow(file: WholeFile): void {
  const { part, target } = file;
  let fd: number;
  try {
    fd = openSync(part, partFileFlags(false), 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    regularFileOrNothingNow(part);
    unlinkSync(part);
    fd = openSync(part, partFileFlags(false), 0o644);
  }
  try {
    for (const chunk of file.chunks) {
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
    }
    if (file.modified !== undefined) futimesSync(fd, file.modified, file.modified);
  } finally {
    closeSync(fd);
  }
  if (target === undefined) return;
  if (file.checkTarget !== false) regularFileOrNothingNow(target);
  renameSync(part, target);
}

async function placeThroughPool(file: WholeFile): Promise<void> {
  const { part, target } = file;
  try {
    const handle = await open(part, partFileFlags(false), 0o644).catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await regularFileOrNothing(part);
      await unlink(part);
      return open(part, partFileFlags(false), 0o644);
    });
    try {
      await handle.writeFile(Buffer.concat(file.chunks));
      if (file.modified !== undefined) await handle.utimes(file.modified, file.modified);
    } finally {
      await handle.close();
    }
    if (target === undefined) return;
    if (file.checkTarget !== false) await regularFileOrNothing(target);
    await rename(part, target);
  } catch (error) {
    throw asWriteError(part, error);
  }
}

function asWriteError(part: string, error: unknown): FtpError {
  if (error instanceof FtpError) return error;
  return new FtpError('unsafe-local-path', `Cannot write ${part}: ${(error as Error).message}`, 'data', undefined, error);
}
