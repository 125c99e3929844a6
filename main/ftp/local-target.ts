import { constants, lstatSync, openSync, unlinkSync, type Stats, type WriteStream } from 'node:fs';
import { lstat, open, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FtpError } from './errors';

/** The temporary name a download is written under, next to its final name: `dir/.name.sluice-part`. */
export function partPath(localPath: string): string {
  return path.join(path.dirname(localPath), `.${path.basename(localPath)}.sluice-part`);
}

/**
 * What is at `localPath` without following a symlink (security rule 17): undefined when nothing
 * is; a typed error when it is a symlink or not a regular file, so we never write through one.
 */
export async function regularFileOrNothing(localPath: string): Promise<Stats | undefined> {
  try {
    return judgeTarget(localPath, await lstat(localPath));
  } catch (error) {
    return judgeMissing(localPath, error);
  }
}

/** regularFileOrNothing without the thread-pool round trip, for the small-file path (one lstat). */
export function regularFileOrNothingNow(localPath: string): Stats | undefined {
  try {
    return judgeTarget(localPath, lstatSync(localPath));
  } catch (error) {
    return judgeMissing(localPath, error);
  }
}

function judgeTarget(localPath: string, stats: Stats): Stats {
  if (stats.isSymbolicLink()) throw new FtpError('unsafe-local-path', `${localPath} is a symbolic link; Sluice does not write through links`, 'data');
  if (!stats.isFile()) throw new FtpError('unsafe-local-path', `${localPath} exists and is not a regular file`, 'data');
  return stats;
}

function judgeMissing(localPath: string, error: unknown): undefined {
  if (error instanceof FtpError) throw error;
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw new FtpError('unsafe-local-path', `Cannot check ${localPath}: ${(error as Error).message}`, 'data', undefined, error);
}

/**
 * How a temporary file is opened: created anew ('new'), or continued for a resume, either
 * appending ('append') or written at explicit positions from its end ('continue': never
 * created, since writes after the end of a file that vanished would leave a hole).
 */
export type PartOpening = 'new' | 'append' | 'continue';

/** open(2) flags of a temporary file; never through a symlink. */
function partFileFlags(opening: PartOpening): number {
  const nofollow = constants.O_NOFOLLOW ?? 0;
  switch (opening) {
    case 'new':
      return constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | nofollow;
    case 'append':
      return constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | nofollow;
    case 'continue':
      // No O_APPEND: Linux's pwrite() ignores the position on such a file.
      return constants.O_WRONLY | nofollow;
  }
}

// 1 MiB: few, large writes per download.
const WRITE_HIGH_WATER_MARK = 1024 * 1024;

/**
 * Opens the temporary file for writing: appending for a resume, else created anew (O_EXCL: one
 * system call when nothing is there, and never into a file someone else holds, hard links
 * included). O_NOFOLLOW refuses a symlink planted meanwhile. A leftover temporary file from an
 * earlier run is removed first, after the same check as before (a symlink or a folder is an error).
 */
export async function openPartFile(partFile: string, append: boolean): Promise<WriteStream> {
  const handle = await openPartHandle(partFile, append ? 'append' : 'new');
  return handle.createWriteStream({ highWaterMark: WRITE_HIGH_WATER_MARK });
}

/** openPartFile's handle, for a caller that writes it itself (whole-file-write.ts, ring-file-writer.ts). */
export async function openPartHandle(partFile: string, opening: PartOpening): Promise<FileHandle> {
  const flags = partFileFlags(opening);
  try {
    try {
      return await open(partFile, flags, 0o644);
    } catch (error) {
      if (opening !== 'new' || (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await regularFileOrNothing(partFile);
      await unlink(partFile).catch(ignoreMissing);
      return await open(partFile, flags, 0o644);
    }
  } catch (error) {
    throw cannotWrite(partFile, error);
  }
}

/** openPartHandle for a fresh file without the thread-pool round trips (small files): a file descriptor. */
export function openPartFileNow(partFile: string): number {
  const flags = partFileFlags('new');
  try {
    try {
      return openSync(partFile, flags, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      regularFileOrNothingNow(partFile);
      try {
        unlinkSync(partFile);
      } catch (cause) {
        ignoreMissing(cause);
      }
      return openSync(partFile, flags, 0o644);
    }
  } catch (error) {
    throw cannotWrite(partFile, error);
  }
}

/** Removed meanwhile is as good as removed. */
function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

/** A write failure at `partFile` as a typed error (the checks' own errors pass as they are). */
export function cannotWrite(partFile: string, error: unknown): FtpError {
  if (error instanceof FtpError) return error;
  return new FtpError('unsafe-local-path', `Cannot write ${partFile}: ${(error as Error).message}`, 'data', undefined, error);
}
