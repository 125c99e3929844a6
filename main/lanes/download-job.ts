import type { DownloadFileOptions } from '../ftp/download-file';
import type { LaneDownload } from './lane-protocol';

/** The engine's options for one planned file, on whichever thread downloads it. */
export function downloadOptionsOf(job: LaneDownload, signal: AbortSignal | undefined): DownloadFileOptions {
  return {
    ...(job.expectedSize === undefined ? {} : { expectedSize: job.expectedSize }),
    ...(job.remoteModified === undefined ? {} : { remoteModified: new Date(job.remoteModified) }),
    preserveTime: job.preserveTime,
    // A mirror restarts files from scratch; leftover temporary files would only clutter the copy.
    keepPartial: false,
    freshFolder: job.freshFolder,
    ...(signal === undefined ? {} : { signal }),
  };
}
