// What the sluice-queue client process is asked to do, sent as JSON on its stdin (so the
// password stays out of argv, as with the peers).
import type { TransferDirection } from '../../../shared/services/transfers';

export interface QueueJob {
  host: string;
  port: number;
  user: string;
  password: string;
  direction: TransferDirection;
  /** Remote folder (absolute, "/src/tree") to download, or local folder to upload. */
  source: string;
  /** The folder `source` goes into, keeping its name: local for downloads, remote for uploads. */
  targetFolder: string;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function parseJob(text: string): QueueJob {
  const v = JSON.parse(text) as Partial<Record<keyof QueueJob, unknown>>;
  const { host, port, user, password, direction, source, targetFolder } = v;
  if (!isString(host) || !isString(user) || typeof password !== 'string' || !isString(source) || !isString(targetFolder)) {
    throw new Error('job: host, user, password, source and targetFolder are required');
  }
  if (typeof port !== 'number' || !Number.isInteger(port)) throw new Error('job: port must be an integer');
  if (direction !== 'download' && direction !== 'upload') throw new Error('job: direction must be download or upload');
  return { host, port, user, password, direction, source, targetFolder };
}
