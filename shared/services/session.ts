import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';
import type { WireError } from '../errors';
import { segmentNameSchema } from '../paths';
import type { RemoteEntry, RemoteEntryKind } from '../remote-entry';
import type { TlsMode } from './sites';
import { hostSchema, portSchema, type CertificateInfo } from './trust';

/** What to connect to: a saved site, or the quick-connect bar's fields. */
export type ConnectTarget =
  | { readonly kind: 'site'; readonly siteId: string }
  | {
      readonly kind: 'quick';
      readonly host: string;
      readonly port?: number;
      readonly user: string;
      /** Absent: asked through a password prompt. */
      readonly password?: string;
      readonly tlsMode: TlsMode;
    };

export type SessionStatus = 'disconnected' | 'connecting' | 'connected' | 'failed';

/** The connection as the indicator, the remote pane and the title bar show it. */
export interface SessionState {
  readonly status: SessionStatus;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly tlsMode?: TlsMode;
  readonly siteId?: string;
  readonly siteName?: string;
  /** Present once TLS is up: what the lock icon and the certificate viewer show. */
  readonly security?: {
    readonly tlsVersion: string;
    readonly cipher: string;
    /** Data connections are encrypted (PROT P). */
    readonly dataProtected: boolean;
    /** CCC was done: commands now travel in clear. */
    readonly commandsInClear: boolean;
    readonly certificate: CertificateInfo;
    /** How the certificate came to be trusted. */
    readonly trust: 'verified' | 'pinned' | 'once';
  };
  /** The remote folder the session starts in (PWD after login, or the site's default). */
  readonly home?: string;
  /** A failure a person can act on; the protocol log keeps the detail. */
  readonly error?: WireError;
}

/** A listed remote folder. */
export interface RemoteListing {
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly RemoteEntry[];
}

/** Progress of a listing that takes a while (big folders). */
export interface ListingProgress {
  readonly path: string;
  readonly entries: number;
  readonly bytes: number;
}

/** A past quick connection, for the bar's history (never a password). */
export interface QuickConnectHistoryEntry {
  readonly host: string;
  readonly port?: number;
  readonly user: string;
  readonly tlsMode: TlsMode;
  readonly lastUsed: number;
}

/** The remote side of the window: one connection, browsed like the local pane. */
export interface SessionService {
  state(): Promise<SessionState>;
  connect(target: ConnectTarget): Promise<SessionState>;
  disconnect(): Promise<void>;
  reconnect(): Promise<SessionState>;
  list(path: string): Promise<RemoteListing>;
  /** Creates `name` in `parent`; returns the new folder's path. */
  createFolder(parent: string, name: string): Promise<string>;
  /** Renames in place; returns the new path. */
  rename(path: string, newName: string): Promise<string>;
  /** Moves entries into another folder on the same server (RNFR/RNTO); returns their new paths. */
  move(paths: string[], targetFolder: string): Promise<string[]>;
  /** Deletes files, and folders with everything in them. */
  delete(entries: { path: string; kind: RemoteEntryKind }[]): Promise<void>;
  /** SITE CHMOD with octal mode bits. */
  chmod(path: string, mode: number): Promise<void>;
  quickConnectHistory(): Promise<QuickConnectHistoryEntry[]>;
  onDidChangeState(listener: (state: SessionState) => void): Unsubscribe;
  onDidListProgress(listener: (progress: ListingProgress) => void): Unsubscribe;
}

const remotePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !/[\0\r\n]/.test(value), 'Remote paths cannot contain NUL or line breaks');

const connectTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('site'), siteId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.strictObject({
    kind: z.literal('quick'),
    host: hostSchema,
    port: portSchema.optional(),
    user: z.string().max(256).refine((value) => !/[\0\r\n]/.test(value)),
    password: z.string().max(4096).optional(),
    tlsMode: z.enum(['explicit', 'implicit', 'explicit-if-available', 'plain']),
  }),
]);

export const sessionContract = defineContract<SessionService>({
  name: 'session',
  methods: {
    state: z.tuple([]),
    connect: z.tuple([connectTargetSchema]),
    disconnect: z.tuple([]),
    reconnect: z.tuple([]),
    list: z.tuple([remotePath]),
    createFolder: z.tuple([remotePath, segmentNameSchema]),
    rename: z.tuple([remotePath, segmentNameSchema]),
    move: z.tuple([z.array(remotePath).min(1).max(10_000), remotePath]),
    delete: z.tuple([z.array(z.strictObject({ path: remotePath, kind: z.enum(['file', 'dir', 'symlink', 'other']) })).min(1).max(100_000)]),
    chmod: z.tuple([remotePath, z.number().int().min(0).max(0o7777)]),
    quickConnectHistory: z.tuple([]),
  },
  events: { onDidChangeState: true, onDidListProgress: true },
});

