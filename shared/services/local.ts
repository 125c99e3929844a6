import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';
import { pathSchema, segmentNameSchema } from '../paths';

/** What a directory entry is, without following links. */
export type LocalEntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** One entry of a local folder. Times are milliseconds since the epoch (plain data on every wire). */
export interface LocalEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: LocalEntryKind;
  readonly size: number;
  readonly modified: number;
  /** Dot-files on POSIX; the hidden attribute is not visible to Node on Windows. */
  readonly hidden: boolean;
  /** `rwxr-xr-x` style, from the mode bits. */
  readonly permissions: string;
  /** For symlinks: what the link points to, so folders behind links open like folders. */
  readonly target?: { readonly kind: Exclude<LocalEntryKind, 'symlink'> | 'missing' };
}

/** A listed folder. */
export interface LocalListing {
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly LocalEntry[];
}

/** What this machine's shell offers. */
export interface LocalCapabilities {
  /** Deleting can move to the OS trash (Electron); otherwise deletion is permanent. */
  readonly trash: boolean;
  readonly separator: '/' | '\\';
}

/** How a deletion happens. */
export type DeleteMode = 'trash' | 'permanent';

/** The local file system, as the panes and the transfer queue see it. */
export interface LocalService {
  /** Lists a folder; `~` means the home folder. */
  list(path: string): Promise<LocalListing>;
  home(): Promise<string>;
  /** File-system roots: `/` on POSIX, drive letters on Windows. */
  roots(): Promise<string[]>;
  capabilities(): Promise<LocalCapabilities>;
  /** Creates `name` inside `parent` and returns the new folder's path. */
  createFolder(parent: string, name: string): Promise<string>;
  /** Renames in place and returns the new path. */
  rename(path: string, newName: string): Promise<string>;
  /** Deletes folders recursively (links themselves, never their targets). */
  delete(paths: string[], mode: DeleteMode): Promise<void>;
  /** Fires when a folder this service changed should be listed again. */
  onDidChange(listener: (change: { readonly folder: string }) => void): Unsubscribe;
}

export const localContract = defineContract<LocalService>({
  name: 'local',
  methods: {
    list: z.tuple([pathSchema]),
    home: z.tuple([]),
    roots: z.tuple([]),
    capabilities: z.tuple([]),
    createFolder: z.tuple([pathSchema, segmentNameSchema]),
    rename: z.tuple([pathSchema, segmentNameSchema]),
    delete: z.tuple([z.array(pathSchema).min(1).max(100_000), z.enum(['trash', 'permanent'])]),
  },
  events: { onDidChange: true },
});
