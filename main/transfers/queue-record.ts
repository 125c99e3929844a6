import type { WireError } from '../../shared/errors';
import type { QueueView, TransferDirection, TransferItem, TransferServer, TransferStatus } from '../../shared/services/transfers';

/** Where an item can be moved to in the queue. */
export type MoveWhere = 'up' | 'down' | 'top' | 'bottom';

/**
 * One item as the queue keeps it: the wire item's fields (no live rate) plus what a
 * restart needs. Mutable inside the model only; the store hands out copies to the wire.
 */
export interface QueueRecord {
  id: string;
  direction: TransferDirection;
  kind: 'file' | 'folder';
  localPath: string;
  remotePath: string;
  server: TransferServer;
  size?: number;
  bytesDone: number;
  status: TransferStatus;
  attempts: number;
  error?: WireError;
  addedAt: number;
  finishedAt?: number;
  /** The source's modification time (ms), from a listing or lstat: for "overwrite if newer" and preserving times. */
  modified?: number;
  /** Bytes went out once: a retry resumes and never asks "file exists" about its own partial file. */
  started?: boolean;
  /** The folder item this one was walked from. */
  parentId?: string;
  /**
   * The walk saw no such target: for an upload, it created the remote folder or its listing
   * lacked the name (the "file exists" probe, SIZE and MDTM, is skipped, as FileZilla trusts its
   * listing cache); for a download, it created the local folder itself. Good for one run
   * only: a restart drops it, since the target may have appeared meanwhile.
   */
  targetAbsent?: boolean;
}

/** The fields a status change may set. `null` clears an optional field. */
export type RecordPatch = {
  [K in 'localPath' | 'remotePath' | 'size' | 'bytesDone' | 'status' | 'attempts' | 'error' | 'finishedAt' | 'modified' | 'started']?: QueueRecord[K] | null;
};

/** One line of the journal: every change of the queue is one of these (progress is not). */
export type QueueOp =
  | { readonly o: 'add'; readonly r: QueueRecord }
  | { readonly o: 'set'; readonly id: string; readonly p: RecordPatch }
  | { readonly o: 'move'; readonly ids: readonly string[]; readonly w: MoveWhere }
  | { readonly o: 'drop'; readonly ids: readonly string[] };

/** Statuses shown in each tab of the queue panel. */
export const VIEW_STATUSES: Readonly<Record<QueueView, ReadonlySet<TransferStatus>>> = {
  queued: new Set(['queued', 'expanding', 'active']),
  failed: new Set(['failed', 'cancelled']),
  finished: new Set(['done', 'skipped']),
};

/** True for statuses that end an item's life (until a retry). */
export function isFinal(status: TransferStatus): boolean {
  return status === 'done' || status === 'skipped' || status === 'failed' || status === 'cancelled';
}

/** The wire shape of a record, with the live rate of an active transfer. */
export function toWireItem(record: QueueRecord, rate?: number): TransferItem {
  return {
    id: record.id,
    direction: record.direction,
    kind: record.kind,
    localPath: record.localPath,
    remotePath: record.remotePath,
    server: record.server,
    ...(record.size === undefined ? {} : { size: record.size }),
    bytesDone: record.bytesDone,
    ...(rate === undefined || record.status !== 'active' ? {} : { rate }),
    status: record.status,
    attempts: record.attempts,
    ...(record.error === undefined ? {} : { error: record.error }),
    addedAt: record.addedAt,
    ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt }),
  };
}

/** A key that says which server an item belongs to (host, port and user). */
export function serverKey(server: TransferServer): string {
  return `${server.user}@${server.host}:${server.port}`;
}
