import { closeSync, futimesSync, renameSync, writeSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { localDisk, type DiskVerdict } from './disk-verdict';
import { cannotWrite, openPartFileNow, openPartHandle, regularFileOrNothing, regularFileOrNothingNow } from './local-target';

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
 * DiskVerdict), else through the thread pool. The temporary file is opened as openPartFile
 * opens it (exclusively, never through a symlink, a checked leftover replaced); rename()
 * replaces whatever name is there, a symlink included, without following it.
 */
export class WholeFileWriter {
  constructor(private readonly disk: DiskVerdict = localDisk) {}

  async place(file: WholeFile): Promise<void> {
    try {
      if (this.disk.slow) await this.disk.pooled(() => placeThroughPool(file));
      else this.disk.timed(() => placeNow(file));
    } catch (error) {
      throw cannotWrite(file.part, error);
    }
  }
}

/** The process's writer. */
export const wholeFileWriter = new WholeFileWriter();

function placeNow(file: WholeFile): void {
  const { part, target } = file;
  const fd = openPartFileNow(part);
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
  const handle = await openPartHandle(part, 'new');
  try {
    await handle.writeFile(Buffer.concat(file.chunks));
    if (file.modified !== undefined) await handle.utimes(file.modified, file.modified);
  } finally {
    await handle.close();
  }
  if (target === undefined) return;
  if (file.checkTarget !== false) await regularFileOrNothing(target);
  await rename(part, target);
}
