import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WireError } from '../../shared/errors';
import type { FtpClient } from '../ftp/client';
import { ensureLocalFolder, localChild } from '../mirror/local-folder';
import type { TaskRunner } from '../mirror/mirror-types';
import { ensureRemoteFolder } from '../mirror/remote-folder';
import { joinRemote } from '../session/remote-path';
import type { QueueRecord } from './queue-record';

/** Where a walk puts what it finds, and how it learns to stop or to wait. */
export interface WalkSink {
  /** Adds items to the queue (one folder's worth at a time). */
  add(records: QueueRecord[]): void;
  /** Resolves when the queue has room for more (caps what a huge tree holds in memory at once). */
  room(): Promise<void>;
  readonly signal: AbortSignal;
}

// lstat this many local entries at once: fast on big folders without a storm of open calls.
const STAT_BATCH = 64;

/**
 * The id of an item found by a walk: derived from the folder item and the relative path, so a
 * walk repeated after a crash finds the items it added before and adds nothing twice.
 */
export function childId(folderId: string, relative: string): string {
  return createHash('sha256').update(folderId).update('\0').update(relative).digest('base64url').slice(0, 24);
}

/**
 * Walks a local folder for an upload, depth first: creates each remote folder (empty ones
 * too), then queues its files. Symlinks are queued as skipped with the reason (rule 17).
 * Yields to the event loop after every folder, so a 100,000-file tree never stalls the app.
 */
export async function walkLocalFolder(runner: TaskRunner, folder: QueueRecord, sink: WalkSink): Promise<void> {
  const stack = [{ local: folder.localPath, remote: folder.remotePath, relative: '' }];
  while (stack.length > 0) {
    const here = stack.pop() as (typeof stack)[number];
    sink.signal.throwIfAborted();
    const targets = await runner.run((client) => remoteNames(client, here.remote), { priority: 'high', signal: sink.signal });
    const names = (await readdir(here.local)).sort();
    const found: QueueRecord[] = [];
    const folders: typeof stack = [];
    for (let start = 0; start < names.length; start += STAT_BATCH) {
      const batch = names.slice(start, start + STAT_BATCH);
      const stats = await Promise.all(batch.map((name) => lstat(path.join(here.local, name))));
      batch.forEach((name, index) => {
        const stat = stats[index];
        if (stat === undefined) return;
        const relative = here.relative === '' ? name : `${here.relative}/${name}`;
        const local = path.join(here.local, name);
        const remote = joinRemote(here.remote, name);
        if (stat.isDirectory()) folders.push({ local, remote, relative });
        else if (stat.isFile()) found.push(child(folder, relative, local, remote, { size: stat.size, modified: stat.mtimeMs, ...(targets?.has(name) === false ? { targetAbsent: true } : {}) }));
        else found.push(skipped(folder, relative, local, remote, stat.isSymbolicLink() ? 'A symbolic link is not followed' : 'Not a regular file'));
      });
    }
    sink.add(found);
    // Pushed in reverse so the walk goes through subfolders in name order.
    stack.push(...folders.reverse());
    await sink.room();
    await nextTurn();
  }
}

/**
 * Walks a remote folder for a download, depth first, one listing at a time (ahead of queued
 * files on the connections): creates each local folder, queues each file with the size and
 * time its listing gave. Unsafe names (rule 16), symlinks and other entries (rule 17) are
 * queued as skipped with the reason; nothing resolves outside the target folder.
 */
export async function walkRemoteFolder(runner: TaskRunner, folder: QueueRecord, sink: WalkSink): Promise<void> {
  const root = path.resolve(folder.localPath);
  const stack = [{ local: root, remote: folder.remotePath, relative: '' }];
  while (stack.length > 0) {
    const here = stack.pop() as (typeof stack)[number];
    sink.signal.throwIfAborted();
    // A folder the walk created holds nothing from before: its files need no "file exists" check.
    const created = await ensureLocalFolder(here.local);
    const listing = await runner.run((client) => client.list(here.remote, { signal: sink.signal }), { priority: 'high', signal: sink.signal });
    const found: QueueRecord[] = [];
    const folders: typeof stack = [];
    const entries = listing.entries.filter((entry) => entry.name !== '.' && entry.name !== '..').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = here.relative === '' ? entry.name : `${here.relative}/${entry.name}`;
      const remote = joinRemote(here.remote, entry.name);
      const local = entry.unsafe === undefined ? localChild(root, here.local, entry.name) : undefined;
      if (local === undefined) {
        found.push(skipped(folder, relative, path.join(here.local, '_'), remote, `Unsafe name: ${entry.unsafe ?? 'it would leave the target folder'}`, 'unsafe-local-path'));
      } else if (entry.kind === 'dir') {
        folders.push({ local, remote, relative });
      } else if (entry.kind === 'file') {
        found.push(
          child(folder, relative, local, remote, {
            ...(entry.size === undefined ? {} : { size: entry.size }),
            ...(entry.modified === undefined ? {} : { modified: entry.modified }),
            ...(created ? { targetAbsent: true } : {}),
          }),
        );
      } else {
        found.push(skipped(folder, relative, local, remote, entry.kind === 'symlink' ? 'A symbolic link is not followed' : 'Not a regular file'));
      }
    }
    sink.add(found);
    stack.push(...folders.reverse());
    await sink.room();
    await nextTurn();
  }
}

/**
 * Makes the remote folder when missing and says what it holds: nothing when MKD created it,
 * else the names of its listing — one LIST per folder instead of a SIZE per file. Undefined
 * when the listing failed: each upload then checks its target itself.
 */
async function remoteNames(client: FtpClient, folder: string): Promise<ReadonlySet<string> | undefined> {
  if (await ensureRemoteFolder(client, folder)) return new Set();
  return client.list(folder).then(
    (listing) => new Set(listing.entries.map((entry) => entry.name)),
    () => undefined,
  );
}

function child(folder: QueueRecord, relative: string, localPath: string, remotePath: string, facts: { size?: number; modified?: number; targetAbsent?: true }): QueueRecord {
  return {
    id: childId(folder.id, relative),
    direction: folder.direction,
    kind: 'file',
    localPath,
    remotePath,
    server: folder.server,
    ...facts,
    bytesDone: 0,
    status: 'queued',
    attempts: 0,
    addedAt: Date.now(),
    parentId: folder.id,
  };
}

function skipped(folder: QueueRecord, relative: string, localPath: string, remotePath: string, reason: string, kind: WireError['kind'] = 'unsupported'): QueueRecord {
  const now = Date.now();
  return { ...child(folder, relative, localPath, remotePath, {}), status: 'skipped', error: { kind, message: reason }, finishedAt: now };
}
