import type { PaneId } from '../store/appState';

/** The custom drag data type: entries dragged from a Sluice pane (never mistaken for text or files). */
export const ENTRIES_MIME = 'application/x-sluice-entries';

/** What a drag out of a pane carries. */
export interface DragPayload {
  readonly pane: PaneId;
  /** The folder the entries were dragged from. */
  readonly folder: string;
  readonly sources: readonly { readonly path: string; readonly kind: 'file' | 'folder' }[];
}

/** Where the pointer is: a pane's row (with its kind) or its background (the current folder). */
export interface DropTarget {
  readonly pane: PaneId;
  readonly folder: string;
  /** Absent: the background. `file` rows cannot take a drop. */
  readonly row?: { readonly path: string; readonly isFolder: boolean };
  readonly connected: boolean;
}

/** What a drop would do, or why it would not. */
export type DropDecision =
  | { readonly kind: 'upload' | 'download' | 'move'; readonly targetFolder: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** A path without trailing separators (the root stays `/`). */
function normalized(path: string): string {
  return path.replace(/[/\\]+$/, '') || path.slice(0, 1);
}

/** `/a/b` is `/a/b` itself or below it (either separator, as paths come from both sides). */
export function isSameOrInside(path: string, folder: string): boolean {
  const p = normalized(path);
  const f = normalized(folder);
  if (p === f) return true;
  const prefix = f.endsWith('/') || f.endsWith('\\') ? f : null;
  return prefix !== null ? p.startsWith(prefix) : p.startsWith(`${f}/`) || p.startsWith(`${f}\\`);
}

/** The parent folder of a path, for either separator. */
function parentOf(path: string): string {
  const trimmed = normalized(path);
  const at = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return at <= 0 ? trimmed.slice(0, 1) : trimmed.slice(0, at);
}

/**
 * Decides a drop. `payload` is a pane's entries, or `os-files` for files dragged in from the
 * system's file manager. Pure, so the highlight while dragging and the drop agree.
 */
export function decideDrop(payload: DragPayload | 'os-files', target: DropTarget): DropDecision {
  if (target.row && !target.row.isFolder) return { kind: 'refused', reason: 'Drop onto a folder or an empty area' };
  const targetFolder = target.row?.path ?? target.folder;
  if (targetFolder === '') return { kind: 'refused', reason: 'No folder is open here' };
  if (payload === 'os-files') {
    if (target.pane !== 'remote') return { kind: 'refused', reason: 'Files from the system go to the remote pane' };
    return target.connected ? { kind: 'upload', targetFolder } : { kind: 'refused', reason: 'Connect to a server first' };
  }
  if (payload.sources.length === 0) return { kind: 'refused', reason: 'Nothing to drop' };
  if (!target.connected) return { kind: 'refused', reason: 'Connect to a server first' };
  if (payload.pane === 'local' && target.pane === 'remote') return { kind: 'upload', targetFolder };
  if (payload.pane === 'remote' && target.pane === 'local') return { kind: 'download', targetFolder };
  if (payload.pane === 'local') return { kind: 'refused', reason: 'Copying between local folders is not supported' };
  // Within the remote pane: a move, never into itself or where the entries already are.
  if (payload.sources.some((source) => isSameOrInside(targetFolder, source.path))) {
    return { kind: 'refused', reason: 'A folder cannot go into itself' };
  }
  if (payload.sources.every((source) => parentOf(source.path) === normalized(targetFolder))) {
    return { kind: 'refused', reason: 'Already in this folder' };
  }
  return { kind: 'move', targetFolder };
}

/** The drag image's text: "report.pdf" for one entry, "3 items" for more. */
export function dragLabel(payload: DragPayload): string {
  if (payload.sources.length === 1) {
    const path = payload.sources[0]!.path.replace(/[/\\]+$/, '');
    return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || path;
  }
  return `${payload.sources.length.toLocaleString()} items`;
}

/** Reads a payload back from drag data; null when it is not ours or malformed. */
export function parsePayload(text: string): DragPayload | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { pane, folder, sources } = value as Record<string, unknown>;
    if ((pane !== 'local' && pane !== 'remote') || typeof folder !== 'string' || !Array.isArray(sources)) return null;
    const valid = sources.every(
      (source: unknown) =>
        typeof source === 'object' &&
        source !== null &&
        typeof (source as Record<string, unknown>).path === 'string' &&
        ((source as Record<string, unknown>).kind === 'file' || (source as Record<string, unknown>).kind === 'folder'),
    );
    return valid ? { pane, folder, sources: sources as DragPayload['sources'] } : null;
  } catch {
    return null;
  }
}
