import { lstat, rename } from 'node:fs/promises';
import path from 'node:path';
import type { FtpClient } from '../ftp/client';
import { FtpError, isFtpError } from '../ftp/errors';
import { partPath, regularFileOrNothing } from '../ftp/local-target';
import { localChild } from '../mirror/local-folder';
import { joinRemote, remoteParent } from '../session/remote-path';
import { verifyChecksum } from './checksum';
import type { ExistsPolicy } from './exists-policy';
import { freeName, type ExistsDecision } from './file-exists';
import type { QueueRecord, RecordPatch } from './queue-record';
import { throttleStream, type SpeedLimiter } from './speed-limit';

/** What one file transfer needs besides its connection. */
export interface FileTaskContext {
  readonly policy: ExistsPolicy;
  readonly limiter: SpeedLimiter;
  /** Compare checksums afterwards when the server offers HASH/XSHA* (default: size only). */
  readonly verifyChecksum: boolean;
  readonly signal: AbortSignal;
  /** Where the file stands now (bytes) and how fast it moves. */
  readonly onProgress: (position: number, bytesPerSecond: number) => void;
  /** Records a lasting change of the item (a new target name, "started"). */
  readonly update: (patch: RecordPatch) => void;
}

/** How a file transfer ended, when it did not throw. */
export type FileOutcome = { readonly status: 'done'; readonly size: number } | { readonly status: 'skipped'; readonly reason: string };

/** Runs one queued file on `client`: the file-exists decision, then the download or upload, resuming when it started before. */
export function transferFile(client: FtpClient, record: QueueRecord, context: FileTaskContext): Promise<FileOutcome> {
  return record.direction === 'download' ? downloadOne(client, record, context) : uploadOne(client, record, context);
}

async function downloadOne(client: FtpClient, record: QueueRecord, context: FileTaskContext): Promise<FileOutcome> {
  let localPath = record.localPath;
  let resume = record.started === true;
  const fresh = !resume && record.targetAbsent === true;
  if (!resume) {
    const existing = fresh ? undefined : await regularFileOrNothing(localPath);
    if (existing !== undefined) {
      const folder = path.dirname(localPath);
      const decision = await context.policy.decide(
        {
          direction: 'download',
          ...siteOf(record),
          source: { path: record.remotePath, ...(await remoteFacts(client, record)) },
          target: { path: localPath, size: existing.size, modified: existing.mtimeMs },
          suggestedName: await freeName(path.basename(localPath), (name) => lstat(path.join(folder, name)).then(() => true, () => false)),
        },
        context.signal,
      );
      if (decision.action === 'skip') return { status: 'skipped', reason: decision.reason };
      if (decision.action === 'rename') {
        localPath = renamedLocal(folder, decision);
        if ((await regularFileOrNothing(localPath)) !== undefined) throw new FtpError('invalid-argument', `${localPath} exists too`, 'data');
        context.update({ localPath });
      }
      // Resume continues the temporary file: the short copy becomes it.
      if (decision.action === 'resume') {
        await rename(localPath, partPath(localPath));
        resume = true;
      }
    }
    context.update({ started: true });
  }
  const firstTry = record.attempts <= 1;
  const result = await client.download(record.remotePath, localPath, {
    resume,
    // A listed size may be stale by a retry (the file changed): then ask the server.
    ...(firstTry && record.size !== undefined ? { expectedSize: record.size } : {}),
    ...(record.modified === undefined ? {} : { remoteModified: new Date(record.modified) }),
    preserveTime: true,
    verify: true,
    keepPartial: true,
    freshFolder: fresh,
    signal: context.signal,
    onProgress: (progress) => context.onProgress(progress.position, progress.bytesPerSecond),
    ...throttleOf(context.limiter),
  });
  if (context.verifyChecksum) await verifyChecksum(client, localPath, record.remotePath);
  return { status: 'done', size: result.size };
}

async function uploadOne(client: FtpClient, record: QueueRecord, context: FileTaskContext): Promise<FileOutcome> {
  const local = await lstat(record.localPath);
  // Rule 17: a link is never followed, not even on our own disk.
  if (local.isSymbolicLink()) return { status: 'skipped', reason: 'A symbolic link is not followed' };
  if (!local.isFile()) throw new FtpError('invalid-argument', `${record.localPath} is not a regular file`, 'data');
  let remotePath = record.remotePath;
  let resume = record.started === true;
  if (!resume) {
    const target = record.targetAbsent === true ? undefined : await remoteFileFacts(client, remotePath);
    if (target !== undefined) {
      const parent = remoteParent(remotePath) ?? '/';
      const names = await client.list(parent).then(
        (listing) => new Set(listing.entries.map((entry) => entry.name)),
        () => new Set<string>(),
      );
      const decision = await context.policy.decide(
        {
          direction: 'upload',
          ...siteOf(record),
          source: { path: record.localPath, size: local.size, modified: local.mtimeMs },
          target: { path: remotePath, ...target },
          suggestedName: await freeName(path.posix.basename(remotePath), (name) => names.has(name)),
        },
        context.signal,
      );
      if (decision.action === 'skip') return { status: 'skipped', reason: decision.reason };
      if (decision.action === 'rename') {
        remotePath = joinRemote(parent, decision.newName);
        context.update({ remotePath });
      }
      resume = decision.action === 'resume';
    }
    context.update({ started: true });
  }
  // With resume the engine asks SIZE first and continues with REST+STOR or APPE only from a shorter copy.
  const result = await client.upload(record.localPath, remotePath, {
    resume,
    preserveTime: true,
    verify: true,
    signal: context.signal,
    onProgress: (progress) => context.onProgress(progress.position, progress.bytesPerSecond),
    ...throttleOf(context.limiter),
  });
  if (context.verifyChecksum) await verifyChecksum(client, record.localPath, remotePath);
  return { status: 'done', size: result.size };
}

/** Size and time of the remote source, from the listing when the walk saw it, else SIZE/MDTM. */
async function remoteFacts(client: FtpClient, record: QueueRecord): Promise<{ size?: number; modified?: number }> {
  const size = record.size ?? (await client.size(record.remotePath).catch(() => undefined));
  const modified = record.modified ?? (await client.mdtm(record.remotePath).then((date) => date.getTime(), () => undefined));
  return { ...(size === undefined ? {} : { size }), ...(modified === undefined ? {} : { modified }) };
}

/** Size and time of a remote target, or undefined when there is no such file (SIZE answers 550). */
async function remoteFileFacts(client: FtpClient, remotePath: string): Promise<{ size: number; modified?: number } | undefined> {
  let size: number;
  try {
    size = await client.size(remotePath);
  } catch (error) {
    if (isFtpError(error, 'command-failed') && error.code !== undefined && error.code >= 500) return undefined;
    throw error;
  }
  const modified = await client.mdtm(remotePath).then((date) => date.getTime(), () => undefined);
  return modified === undefined ? { size } : { size, modified };
}

function renamedLocal(folder: string, decision: Extract<ExistsDecision, { action: 'rename' }>): string {
  const child = localChild(folder, folder, decision.newName);
  if (child === undefined) throw new FtpError('invalid-argument', `"${decision.newName}" is not a file name`, 'data');
  return child;
}

function siteOf(record: QueueRecord): { siteId?: string } {
  return record.server.siteId === undefined ? {} : { siteId: record.server.siteId };
}

function throttleOf(limiter: SpeedLimiter): { throttle?: () => ReturnType<typeof throttleStream> } {
  return limiter.limit === undefined ? {} : { throttle: () => throttleStream(limiter) };
}
