import { useStore, type StoreApi } from 'zustand';
import { opensAsFolder, type PaneEntry } from '../files/entry';
import type { PaneState } from '../files/paneState';
import { indexOf } from '../files/selection';
import type { AppState, PaneId } from '../store/appState';
import { askForNotificationsOnce } from '../queue/FinishNotice';
import { canUploadOsFiles } from './osFiles';
import { decideDrop, type DragPayload, type DropDecision } from './dropRules';

/** A source for a transfer: a file, or a folder the engine walks. */
export type TransferSource = { readonly path: string; readonly kind: 'file' | 'folder' };

/** How a pane takes part in drag and drop and in the transfer commands. */
export interface PaneDragDrop {
  readonly pane: PaneId;
  /** What dragging these entries (by name) carries; null when none can be transferred. */
  payload(names: readonly string[]): DragPayload | null;
  /** What dropping `payload` on a row (or the background, `row` absent) would do. */
  decide(payload: DragPayload | 'os-files', row?: PaneEntry): DropDecision;
  /** Carries out an allowed drop. */
  drop(decision: DropDecision, sources: readonly TransferSource[]): void;
  /** Upload / Download (`start`) or Add to queue, for the selection, into the other pane's folder. */
  transferSelection(start: boolean): void;
  /** A hook: whether the transfer commands can run now (connected, something selected). */
  useCanTransfer(): boolean;
}

/** Entries a transfer can carry: files and folders (links by what they point to); specials are left out. */
export function toSources(entries: readonly PaneEntry[]): TransferSource[] {
  return entries
    .filter((entry) => entry.kind !== 'other' && !(entry.kind === 'symlink' && entry.target?.kind === 'missing'))
    .map((entry) => ({ path: entry.path, kind: opensAsFolder(entry) ? 'folder' : 'file' }));
}

/** The selected entries, or the focused one when nothing is selected (as Rename does). */
export function selectionOf(pane: PaneState): PaneEntry[] {
  const names = pane.selected.size > 0 ? [...pane.selected] : pane.focus !== null ? [pane.focus] : [];
  return names
    .map((name) => pane.entries[indexOf(pane, name)])
    .filter((entry): entry is PaneEntry => entry !== undefined)
    .sort((a, b) => indexOf(pane, a.name) - indexOf(pane, b.name));
}

/** Binds a pane of the store to drag and drop. */
export function createPaneDragDrop(store: StoreApi<AppState>, pane: PaneId): PaneDragDrop {
  const paneState = (state: AppState) => (pane === 'local' ? state.localPane : state.remotePane);
  const otherPane = (state: AppState) => (pane === 'local' ? state.remotePane : state.localPane);
  const connected = () => store.getState().connection.status === 'connected';

  return {
    pane,
    payload(names) {
      const state = paneState(store.getState());
      const entries = names.map((name) => state.entries[indexOf(state, name)]).filter((entry): entry is PaneEntry => entry !== undefined);
      const sources = toSources(entries);
      return sources.length > 0 ? { pane, folder: state.path, sources } : null;
    },
    decide(payload, row) {
      // A browser window cannot learn the paths of system files; only the desktop app can.
      if (payload === 'os-files' && !canUploadOsFiles()) return { kind: 'refused', reason: 'Dropping files from the system needs the desktop app' };
      const state = paneState(store.getState());
      return decideDrop(payload, {
        pane,
        folder: state.path,
        row: row ? { path: row.path, isFolder: opensAsFolder(row) } : undefined,
        connected: connected(),
      });
    },
    drop(decision, sources) {
      const { queueActions, remoteActions } = store.getState();
      switch (decision.kind) {
        case 'upload':
        case 'download':
          askForNotificationsOnce();
          return void queueActions.enqueue({ direction: decision.kind, sources: [...sources], targetFolder: decision.targetFolder }, true);
        case 'move':
          return void remoteActions.moveInto(
            sources.map((source) => source.path),
            decision.targetFolder,
          );
        case 'refused':
          return;
      }
    },
    transferSelection(start) {
      const state = store.getState();
      const targetFolder = otherPane(state).path;
      const sources = toSources(selectionOf(paneState(state)));
      if (!connected() || sources.length === 0 || targetFolder === '') return;
      askForNotificationsOnce();
      void state.queueActions.enqueue({ direction: pane === 'local' ? 'upload' : 'download', sources, targetFolder }, start);
    },
    useCanTransfer: () =>
      useStore(store, (state) => {
        const own = paneState(state);
        return state.connection.status === 'connected' && otherPane(state).path !== '' && (own.selected.size > 0 || own.focus !== null);
      }),
  };
}
