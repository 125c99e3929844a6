import { randomUUID } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { SluiceError } from '../../shared/errors';
import type { EnqueueRequest, TransferServer } from '../../shared/services/transfers';
import { unsafeNameReason } from '../ftp/listing/unsafe-name';
import { localChild } from '../mirror/local-folder';
import { joinRemote } from '../session/remote-path';
import type { QueueRecord } from './queue-record';

/**
 * The queue items for a drag, a menu command or a key press: one per source, files and
 * folders alike (folders are walked later, by the scheduler). Local sources are lstat'ed
 * (size and time for the file-exists question; a symlink is refused, rule 17); remote names
 * become local names only when safe (rule 16).
 */
export async function itemsFor(request: EnqueueRequest, server: TransferServer): Promise<QueueRecord[]> {
  const now = Date.now();
  const records: QueueRecord[] = [];
  for (const source of request.sources) {
    const base = {
      id: randomUUID(),
      direction: request.direction,
      kind: source.kind,
      server,
      bytesDone: 0,
      status: 'queued' as const,
      attempts: 0,
      addedAt: now,
    };
    if (request.direction === 'upload') {
      const name = path.basename(source.path);
      const remotePath = joinRemote(request.targetFolder, name);
      const stats = await lstat(source.path).catch((error: unknown) => {
        throw new SluiceError('not-found', `Cannot read ${source.path}: ${(error as Error).message}`);
      });
      if (stats.isSymbolicLink()) {
        records.push({ ...base, localPath: source.path, remotePath, status: 'skipped', error: { kind: 'unsupported', message: 'A symbolic link is not followed' }, finishedAt: now });
        continue;
      }
      const kind = stats.isDirectory() ? 'folder' : 'file';
      records.push({ ...base, kind, localPath: source.path, remotePath, ...(kind === 'file' ? { size: stats.size, modified: stats.mtimeMs } : {}) });
    } else {
      const name = path.posix.basename(source.path);
      const unsafe = unsafeNameReason(name);
      const localPath = unsafe === undefined ? localChild(request.targetFolder, request.targetFolder, name) : undefined;
      if (localPath === undefined) {
        records.push({ ...base, localPath: request.targetFolder, remotePath: source.path, status: 'skipped', error: { kind: 'unsafe-local-path', message: `Unsafe name: ${unsafe ?? 'it would leave the target folder'}` }, finishedAt: now });
        continue;
      }
      records.push({ ...base, localPath, remotePath: source.path });
    }
  }
  return records;
}
