import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';
import type { WireError } from '../errors';
import { pathSchema } from '../paths';
import type { FileExistsAction } from './prompts';

export type TransferDirection = 'upload' | 'download';

/** Where an item is in its life. `expanding`: a folder being walked into items. */
export type TransferStatus = 'queued' | 'expanding' | 'active' | 'done' | 'failed' | 'skipped' | 'cancelled';

/** The server an item belongs to: enough to find its connection again after a restart (no secret). */
export interface TransferServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly siteId?: string;
}

/** One queued file or folder. */
export interface TransferItem {
  readonly id: string;
  readonly direction: TransferDirection;
  readonly kind: 'file' | 'folder';
  readonly localPath: string;
  readonly remotePath: string;
  readonly server: TransferServer;
  /** Known once listed or stat'ed. */
  readonly size?: number;
  readonly bytesDone: number;
  /** Bytes per second while active. */
  readonly rate?: number;
  readonly status: TransferStatus;
  readonly attempts: number;
  readonly error?: WireError;
  readonly addedAt: number;
  readonly finishedAt?: number;
}

/** Totals for the queue panel's bar, the window title and the taskbar. */
export interface QueueSummary {
  readonly paused: boolean;
  readonly queued: number;
  readonly active: number;
  readonly failed: number;
  readonly finished: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
  readonly rate: number;
  /** Seconds left at the current rate; absent when unknown. */
  readonly etaSeconds?: number;
  /** Bytes per second; absent: unlimited. */
  readonly speedLimit?: number;
}

/** What a drag, a context-menu command or a key press asks for. */
export interface EnqueueRequest {
  readonly direction: TransferDirection;
  /** Local paths to upload, or remote paths to download. */
  readonly sources: readonly { readonly path: string; readonly kind: 'file' | 'folder' }[];
  /** The folder they go into on the other side. */
  readonly targetFolder: string;
}

/** Which tab of the queue panel. */
export type QueueView = 'queued' | 'failed' | 'finished';

/** The transfer queue: survives restarts, runs over a pool of connections per server. */
export interface TransfersService {
  /** Adds items for the connected server; folders expand lazily as they are walked. */
  enqueue(request: EnqueueRequest): Promise<{ readonly added: number }>;
  /** One page of a tab, in queue order (a 10,000-item queue is never sent whole). */
  list(view: QueueView, offset: number, limit: number): Promise<{ readonly items: readonly TransferItem[]; readonly total: number }>;
  summary(): Promise<QueueSummary>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(ids: string[]): Promise<void>;
  retry(ids: string[]): Promise<void>;
  move(ids: string[], where: 'up' | 'down' | 'top' | 'bottom'): Promise<void>;
  clearFinished(): Promise<void>;
  /** Bytes per second across all transfers; null lifts the limit. */
  setSpeedLimit(bytesPerSecond: number | null): Promise<void>;
  /** The default answer to "target exists" for a site; absent: ask. */
  setDefaultFileExistsAction(siteId: string, action: FileExistsAction | null): Promise<void>;
  /** Items that changed, throttled into batches. */
  onDidChangeItems(listener: (items: readonly TransferItem[]) => void): Unsubscribe;
  onDidChangeSummary(listener: (summary: QueueSummary) => void): Unsubscribe;
  /** The queue ran empty after a run that took a while: time for a notification. */
  onDidFinishQueue(listener: (result: { readonly done: number; readonly failed: number; readonly elapsedMs: number }) => void): Unsubscribe;
}

const ids = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(100_000);
const remoteOrLocalPath = pathSchema.refine((value) => !/[\r\n]/.test(value), 'Paths cannot contain line breaks');

export const transfersContract = defineContract<TransfersService>({
  name: 'transfers',
  methods: {
    enqueue: z.tuple([
      z.strictObject({
        direction: z.enum(['upload', 'download']),
        sources: z.array(z.strictObject({ path: remoteOrLocalPath, kind: z.enum(['file', 'folder']) })).min(1).max(100_000),
        targetFolder: remoteOrLocalPath,
      }),
    ]),
    list: z.tuple([z.enum(['queued', 'failed', 'finished']), z.number().int().min(0), z.number().int().min(1).max(1000)]),
    summary: z.tuple([]),
    pause: z.tuple([]),
    resume: z.tuple([]),
    cancel: z.tuple([ids]),
    retry: z.tuple([ids]),
    move: z.tuple([ids, z.enum(['up', 'down', 'top', 'bottom'])]),
    clearFinished: z.tuple([]),
    setSpeedLimit: z.tuple([z.number().int().min(1024).nullable()]),
    setDefaultFileExistsAction: z.tuple([
      z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      z.enum(['overwrite', 'overwrite-if-newer', 'resume', 'rename', 'skip']).nullable(),
    ]),
  },
  events: { onDidChangeItems: true, onDidChangeSummary: true, onDidFinishQueue: true },
});
