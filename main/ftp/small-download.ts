import type { DownloadFileOptions, DownloadFileResult, FileTransferSession } from './download-file';
import { FtpError } from './errors';
import { ByteCollector } from './byte-collector';
import type { AlongsideCommand } from './data-command';
import { parseMdtm } from './values';
import { downloadInto } from './transfer';
import { wholeFileWriter } from './whole-file-write';

/**
 * Files up to this size are collected in memory and written in one go. A pool of 16
 * connections then holds at most 4 MiB; past this size a streamed write's cost no longer
 * matters next to the bytes themselves.
 */
export const SMALL_DOWNLOAD_BYTES = 256 * 1024;

/** Whether a download can take the in-memory path: a fresh binary download of a known small size, checked afterwards and not paced. */
export function fitsInMemory(options: DownloadFileOptions, offset: number, expectedSize: number | undefined): expectedSize is number {
  const binary = (options.type ?? 'binary') === 'binary';
  return binary && offset === 0 && options.verify !== false && options.throttle === undefined && expectedSize !== undefined && expectedSize <= SMALL_DOWNLOAD_BYTES;
}

/**
 * The small-file download: the bytes go to memory, then to the temporary file in one write
 * together with the modification time, then it is renamed onto `localPath`. Same promises as
 * the streamed path: nothing under the final name unless complete and the size the server
 * listed; what arrived before a failure stays in the temporary file for a resume (unless
 * `keepPartial` is false).
 */
export async function downloadInMemory(
  session: FileTransferSession,
  remotePath: string,
  localPath: string,
  part: string,
  expectedSize: number,
  options: DownloadFileOptions,
): Promise<DownloadFileResult> {
  const collector = new ByteCollector(expectedSize, () => sizeMismatch(remotePath, expectedSize, 'more'));
  let modified = options.preserveTime === false ? undefined : options.remoteModified;
  // MDTM goes between EPSV and RETR, while the data connection opens, instead of after the transfer.
  const askTime = options.preserveTime !== false && modified === undefined && session.features.has('MDTM');
  const alongside: AlongsideCommand | undefined = askTime
    ? {
        command: 'MDTM',
        arg: remotePath,
        // A refusal only means the time is not kept.
        onReply: (reply) => {
          modified = reply.code === 213 ? parseMdtm(reply.text) : undefined;
        },
      }
    : undefined;
  let result;
  try {
    result = await downloadInto(session, remotePath, collector, { ...options, totalBytes: expectedSize, ...(alongside === undefined ? {} : { alongside }) });
  } catch (error) {
    const mismatch = error instanceof FtpError && error.kind === 'verify-failed';
    if (options.keepPartial !== false && !mismatch && collector.bytes > 0) await wholeFileWriter.place({ part, chunks: collector.chunks }).catch(() => undefined);
    throw error;
  }
  if (collector.bytes !== expectedSize) throw sizeMismatch(remotePath, expectedSize, String(collector.bytes));
  await wholeFileWriter.place({ part, chunks: collector.chunks, modified, target: localPath, checkTarget: options.freshFolder !== true });
  return { ...result, resumedFrom: 0, size: expectedSize };
}

/** MDTM when the server offers it; a refusal only means the time is not kept. */
export async function remoteModificationTime(session: FileTransferSession, remotePath: string): Promise<Date | undefined> {
  if (!session.features.has('MDTM')) return undefined;
  return session.mdtm(remotePath).catch(() => undefined);
}

/** The error of a download whose size is not the one the server gave. */
export function sizeMismatch(remotePath: string, expected: number, arrived: string): FtpError {
  return new FtpError('verify-failed', `${remotePath}: the server says ${expected} bytes, ${arrived} arrived`, 'data');
}
