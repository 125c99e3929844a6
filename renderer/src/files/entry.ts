/**
 * The entry shape every file pane shows. Local entries fit it as they are; remote
 * entries (a later issue) will be adapted to it, so the pane never learns where files live.
 */
export type PaneEntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** One row of a file pane. */
export interface PaneEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: PaneEntryKind;
  /** Bytes; meaningful for files only. */
  readonly size: number;
  /** Milliseconds since the epoch; null when the source does not know. */
  readonly modified: number | null;
  /** For symlinks: what the link points to, so links to folders open like folders. */
  readonly target?: { readonly kind: Exclude<PaneEntryKind, 'symlink'> | 'missing' };
  /** For symlinks: the target as the source printed it (remote links are shown, never followed). */
  readonly linkTarget?: string;
  /** Why the name is risky to use as a local file name; the row shows a warning icon. */
  readonly warning?: string;
  /** `rwxr-xr-x` or the server's own notation. */
  readonly permissions?: string;
  /** Unix mode bits, when the source knows them. */
  readonly mode?: number;
  readonly owner?: string;
  readonly group?: string;
}

/** True when activating the entry navigates into it rather than opening a file. */
export function opensAsFolder(entry: PaneEntry): boolean {
  return entry.kind === 'dir' || (entry.kind === 'symlink' && entry.target?.kind === 'dir');
}

/** The words the Kind column shows; also what sorting by kind compares. */
export function kindLabel(entry: PaneEntry): string {
  switch (entry.kind) {
    case 'dir':
      return 'Folder';
    case 'symlink':
      return entry.target?.kind === 'dir' ? 'Folder link' : 'Link';
    case 'other':
      return 'Special';
    case 'file': {
      const dot = entry.name.lastIndexOf('.');
      // A leading dot names a hidden file, not an extension.
      if (dot <= 0 || dot === entry.name.length - 1) return 'File';
      return `${entry.name.slice(dot + 1).toUpperCase()} file`;
    }
  }
}
