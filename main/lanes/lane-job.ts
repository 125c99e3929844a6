import type { FtpClient } from '../ftp/client';
import type { LaneJob } from './lane-protocol';

/**
 * Runs one planned file on `client`, on whichever thread has it: the same engine call as a
 * mirror without a lane (temporary name and rename, size check, modification time).
 */
export async function runJob(client: FtpClient, job: LaneJob, signal: AbortSignal | undefined): Promise<{ bytes: number }> {
  const cancel = signal === undefined ? {} : { signal };
  if (job.kind === 'upload') return client.upload(job.local, job.remote, { preserveTime: job.preserveTime, ...cancel });
  return client.download(job.remote, job.local, {
    ...(job.expectedSize === undefined ? {} : { expectedSize: job.expectedSize }),
    ...(job.remoteModified === undefined ? {} : { remoteModified: new Date(job.remoteModified) }),
    preserveTime: job.preserveTime,
    // A mirror restarts files from scratch; leftover temporary files would only clutter the copy.
    keepPartial: false,
    freshFolder: job.freshFolder,
    ...cancel,
  });
}
