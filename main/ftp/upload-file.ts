import { createReadStream, type Stats } from 'node:fs';
import { Readable, type Transform } from 'node:stream';
import type { FileTransferSession } from './download-file';
import { FtpError } from './errors';
import { UPLOAD_READ_CHUNK, uploadFrom, type TransferResult, type UploadStreamOptions } from './transfer';
import { readSmallFile, statThroughPool, type LocalRead } from './whole-file-read';

/** Files up to this size are read whole before their upload (see readSmallFile). */
const SMALL_UPLOAD_BYTES = 256 * 1024;

/** Options of an upload from a local file. */
export interface UploadFileOptions extends Omit<UploadStreamOptions, 'startAt' | 'totalBytes'> {
  /** Continue a partial remote file: REST+STOR when FEAT offers REST STREAM, else APPE (binary only; default false). */
  readonly resume?: boolean;
  /** Set the remote modification time to the local one with MFMT, else SITE UTIME, when offered (default true). */
  readonly preserveTime?: boolean;
  /** Compare the remote size with the local one afterwards (default true; binary only; needs SIZE). */
  readonly verify?: boolean;
  /** Paces the bytes read from the file (a global speed limit): a fresh Transform per call. */
  readonly throttle?: () => Transform;
}

/** What a file upload reports. */
export interface UploadFileResult extends TransferResult {
  /** Where it started: the remote size it resumed. */
  readonly resumedFrom: number;
  readonly size: number;
}

/** Uploads a local file, streaming it in 1 MiB reads; resumes, verifies and keeps the modification time when the server can. */
export async function uploadFile(session: FileTransferSession, localPath: string, remotePath: string, options: UploadFileOptions = {}): Promise<UploadFileResult> {
  let small: LocalRead | undefined;
  let local: Stats;
  try {
    // A paced upload streams anyway; others of a small file read it whole, without the thread pool.
    small = options.throttle === undefined ? readSmallFile(localPath, SMALL_UPLOAD_BYTES) : undefined;
    local = small?.stats ?? (await statThroughPool(localPath));
  } catch (error) {
    throw new FtpError('invalid-argument', `Cannot read ${localPath}: ${(error as Error).message}`, 'data', undefined, error);
  }
  if (!local.isFile()) throw new FtpError('invalid-argument', `${localPath} is not a regular file`, 'data');
  const binary = (options.type ?? 'binary') === 'binary';
  const canSize = binary && session.features.has('SIZE');
  // SIZE counts bytes only in TYPE I (proftpd refuses it in TYPE A); the transfer needs TYPE I anyway.
  if (binary) await session.ensureType('I');
  const mode = options.mode ?? 'store';
  let offset = 0;
  if (options.resume === true && binary && mode === 'store' && canSize) {
    const remote = await session.size(remotePath).catch(() => 0);
    offset = remote <= local.size ? remote : 0;
  }
  let result: TransferResult = { bytes: 0, reply: { code: 226, text: 'Already complete', lines: [] }, durationMs: 0 };
  if (offset < local.size || offset === 0) {
    const restStream = /\bSTREAM\b/i.test(session.features.get('REST') ?? '');
    const bytes = small?.bytes;
    const source: Readable = bytes !== undefined ? Readable.from(offset < bytes.length ? [bytes.subarray(offset)] : []) : createReadStream(localPath, { start: offset, highWaterMark: readChunk(local.size - offset) });
    const gate = options.throttle?.();
    // A read error must reach the upload through the gate, which pipe() alone would not pass on.
    if (gate !== undefined) source.on('error', (error: Error) => gate.destroy(error)).pipe(gate);
    const resumeMode = offset === 0 ? mode : restStream ? 'store' : 'append';
    try {
      result = await uploadFrom(session, gate ?? source, remotePath, { ...options, mode: resumeMode, startAt: resumeMode === 'store' ? offset : 0, totalBytes: local.size });
    } finally {
      gate?.destroy();
      source.destroy();
    }
  }
  const target = result.remoteName ?? remotePath;
  if (binary && options.verify !== false && canSize) {
    const remote = await session.size(target);
    if (remote !== local.size) throw new FtpError('verify-failed', `${target}: ${local.size} bytes sent, the server holds ${remote}`, 'data');
  }
  if (options.preserveTime !== false) {
    // MFMT or SITE UTIME (see modification-time.ts); a refusal does not fail an upload whose file arrived.
    await session.setModificationTime(target, local.mtime).catch(() => undefined);
  }
  return { ...result, resumedFrom: offset, size: local.size };
}

// Each read allocates a buffer of the stream's high-water mark: 1 MiB per read of a 10 KiB file
// made a thousand-file upload spend more time collecting garbage than moving bytes. One byte
// more than the file holds lets the first read take it all.
const SMALLEST_READ = 16 * 1024;

function readChunk(remaining: number): number {
  return Math.min(UPLOAD_READ_CHUNK, Math.max(SMALLEST_READ, remaining + 1));
}
