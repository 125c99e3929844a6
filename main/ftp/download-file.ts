import { once } from 'node:events';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rename, stat, unlink, utimes } from 'node:fs/promises';
import { FtpError } from './errors';
import type { FeatureMap } from './features';
import { openPartFile, openPartHandle, partPath, regularFileOrNothing } from './local-target';
import { RingFileWriter } from './ring-file-writer';
import { downloadInMemory, fitsInMemory, remoteModificationTime, sizeMismatch } from './small-download';
import { downloadTo, downloadToFile, type DownloadStreamOptions, type TransferResult, type TransferSession } from './transfer';

/** The remote file operations a file transfer uses besides the data connection. */
export interface FileTransferSession extends TransferSession {
  readonly features: FeatureMap;
  size(path: string): Promise<number>;
  mdtm(path: string): Promise<Date>;
  /** Sets a remote file's modification time (MFMT, else SITE UTIME where the server takes it). */
  setModificationTime(path: string, time: Date): Promise<void>;
}

/** Options of a download to a local file. */
export interface DownloadFileOptions extends Omit<DownloadStreamOptions, 'end' | 'startAt'> {
  /** Continue from the temporary file a failed download left (binary only; default false). */
  readonly resume?: boolean;
  /** Keep the temporary file after a failure so a later resume can continue (default true). */
  readonly keepPartial?: boolean;
  /** Set the local modification time to the remote one (default true): `remoteModified`, else MDTM when offered. */
  readonly preserveTime?: boolean;
  /** The remote modification time from a listing: saves an MDTM. */
  readonly remoteModified?: Date;
  /** The remote size from a listing: saves a SIZE for the check. */
  readonly expectedSize?: number;
  /** Compare the size with the server's afterwards (default true; binary only; needs SIZE or `expectedSize`). */
  readonly verify?: boolean;
  /**
   * The caller created the local folder itself in this run (a mirror into a new folder), so
   * nothing it does not know of is at `localPath`: the checks of the final name are skipped
   * (two lstat calls per file). Safety does not rest on them: the data goes to a temporary
   * file opened with O_EXCL|O_NOFOLLOW, and rename() replaces a name without following a link.
   */
  readonly freshFolder?: boolean;
  /** Paces the bytes on their way to the file (a global speed limit): a fresh Transform per call. */
  readonly throttle?: () => Transform;
}

/** What a file download reports. */
export interface DownloadFileResult extends TransferResult {
  /** Where it started: the size of the temporary file it resumed. */
  readonly resumedFrom: number;
  /** The size of the local file now. */
  readonly size: number;
}

/**
 * Downloads into `.name.sluice-part` next to `localPath` and renames it onto `localPath` only
 * when complete and verified (rule 18): a failed or cancelled download never leaves a partial
 * file under the final name. Nothing is written through a symlink (rule 17).
 */
export async function downloadFile(session: FileTransferSession, remotePath: string, localPath: string, options: DownloadFileOptions = {}): Promise<DownloadFileResult> {
  const binary = (options.type ?? 'binary') === 'binary';
  const fresh = options.freshFolder === true;
  if (!fresh) await regularFileOrNothing(localPath);
  const part = partPath(localPath);
  // Without a resume the temporary file is created anew (O_EXCL, see openPartFile): no need to look at it first.
  const resuming = options.resume === true && binary;
  const existing = resuming ? await regularFileOrNothing(part) : undefined;
  let offset = resuming && existing !== undefined ? existing.size : 0;
  let remoteSize = options.expectedSize;
  const canSize = binary && session.features.has('SIZE');
  // SIZE counts bytes only in TYPE I (proftpd refuses it in TYPE A); the transfer needs TYPE I anyway.
  if (binary) await session.ensureType('I');
  if (offset > 0 && remoteSize === undefined && canSize) remoteSize = await session.size(remotePath);
  // A temporary file longer than the remote one is not a prefix of it: start over.
  if (remoteSize !== undefined && offset > remoteSize) offset = 0;
  if (fitsInMemory(options, offset, remoteSize)) return downloadInMemory(session, remotePath, localPath, part, remoteSize, options);
  let result: TransferResult | undefined;
  // The size of the temporary file, when known without asking the disk.
  let written: number | undefined;
  if (remoteSize === undefined || offset < remoteSize || offset === 0) {
    const streamOptions: DownloadStreamOptions = { ...options, startAt: offset, ...(remoteSize === undefined ? {} : { totalBytes: remoteSize }) };
    const keepPartial = options.keepPartial !== false && binary;
    // A paced or TYPE A download goes through streams (a Transform each); a binary one through the ring.
    const throughRing = binary && options.throttle === undefined;
    ({ result, written } = throughRing
      ? await ringToPart(session, remotePath, part, offset, keepPartial, streamOptions)
      : await streamToPart(session, remotePath, part, offset, keepPartial, options.throttle, streamOptions));
  }
  const size = written ?? (await stat(part)).size;
  if (binary && options.verify !== false) {
    const expected = remoteSize ?? (canSize ? await session.size(remotePath) : undefined);
    if (expected !== undefined && expected !== size) {
      await unlink(part).catch(() => undefined);
      throw sizeMismatch(remotePath, expected, String(size));
    }
  }
  if (options.preserveTime !== false) {
    const modified = options.remoteModified ?? (await remoteModificationTime(session, remotePath));
    if (modified !== undefined) await utimes(part, modified, modified);
  }
  // rename() replaces whatever name is there, a symlink included, without following it.
  if (!fresh) await regularFileOrNothing(localPath);
  await rename(part, localPath);
  const base = result ?? { bytes: 0, reply: { code: 226, text: 'Already complete', lines: [] }, durationMs: 0 };
  return { ...base, resumedFrom: offset, size };
}

/** What a download into the temporary file leaves: the transfer's result and, when known without asking the disk, the file's size. */
interface PartWritten {
  readonly result: TransferResult;
  readonly written: number | undefined;
}

/** Downloads into `part` from `offset` through a RingFileWriter; a failure leaves a prefix of the file there (or nothing, unless `keepPartial`). */
async function ringToPart(session: FileTransferSession, remotePath: string, part: string, offset: number, keepPartial: boolean, options: DownloadStreamOptions): Promise<PartWritten> {
  const handle = await openPartHandle(part, offset > 0 ? 'continue' : 'new');
  const writer = new RingFileWriter(handle.fd, offset, part);
  try {
    // Positional writes after the file's end would leave a hole: the file must still end where the resume starts.
    if (offset > 0 && (await handle.stat()).size !== offset) throw new FtpError('unsafe-local-path', `${part} changed while the download was resuming`, 'data');
    const result = await downloadToFile(session, remotePath, writer, options);
    await handle.close();
    return { result, written: writer.size };
  } catch (error) {
    await writer.settle();
    await handle.close().catch(() => undefined);
    if (!keepPartial) await unlink(part).catch(() => undefined);
    throw error;
  }
}

/** Downloads into `part` from `offset` through a write stream, paced by `throttle` when given. */
async function streamToPart(
  session: FileTransferSession,
  remotePath: string,
  part: string,
  offset: number,
  keepPartial: boolean,
  throttle: (() => Transform) | undefined,
  options: DownloadStreamOptions,
): Promise<PartWritten> {
  const file = await openPartFile(part, offset > 0);
  const gate = throttle?.();
  const paced = gate === undefined ? undefined : pipeline(gate, file);
  paced?.catch(() => undefined);
  try {
    const result = await downloadTo(session, remotePath, gate ?? file, options);
    await paced;
    // The data is on disk at 'finish'; wait for the file to close before renaming it.
    if (!file.closed) await once(file, 'close');
    // A new file holds exactly what was written.
    return { result, written: offset === 0 ? file.bytesWritten : undefined };
  } catch (error) {
    gate?.destroy();
    file.destroy();
    if (!keepPartial) await unlink(part).catch(() => undefined);
    throw error;
  }
}
