import type { PaneEntry } from './entry';
import { opensAsFolder } from './entry';
import { describeError } from './errors';
import { withEntries, type PaneState } from './paneState';
import { focusAt, indexOf, selectAll, selectAt, selectNames, selectNone, selectedInOrder, type SelectGesture } from './selection';
import { toggleSort, type SortKey } from './sort';

/** A listed folder, in the pane's terms. */
export interface FolderListing {
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly PaneEntry[];
}

/**
 * What a pane needs from the file system it shows: the local service today, a remote
 * session later. Failures are thrown as typed errors (`SluiceError`).
 */
export interface PaneBackend {
  list(path: string): Promise<FolderListing>;
  /** Returns the new folder's path. */
  createFolder(parent: string, name: string): Promise<string>;
  /** Returns the new path. */
  rename(path: string, newName: string): Promise<string>;
  delete(paths: string[]): Promise<void>;
}

/** Something the pane wants the user to confirm or fill in; the app shows a dialog. */
export type PaneRequest =
  | { readonly kind: 'new-folder' }
  | { readonly kind: 'rename'; readonly name: string; readonly folder: boolean }
  | { readonly kind: 'delete'; readonly names: readonly string[] };

/** Everything a person can do to a pane. */
export interface PaneActions {
  /** Navigates; resolves false (and sets `error`) when the folder cannot be listed. */
  open(path: string): Promise<boolean>;
  up(): Promise<void>;
  refresh(): Promise<void>;
  /** Double-click or Enter on a row: folders open, files do nothing yet (transfers come later). */
  activate(name: string): Promise<void>;
  sortBy(key: SortKey): void;
  select(index: number, gesture?: SelectGesture): void;
  /** Moves the focus only (Ctrl+arrows). */
  focus(index: number): void;
  selectAll(): void;
  selectNone(): void;
  clearError(): void;
  requestNewFolder(): void;
  requestRename(): void;
  requestDelete(): void;
  createFolder(name: string): Promise<void>;
  rename(name: string, newName: string): Promise<void>;
  delete(names: readonly string[]): Promise<void>;
}

/** How the controller reads and writes its pane inside the store. */
export interface PaneAccess {
  get(): PaneState;
  set(patch: Partial<PaneState>): void;
}

/** The final path segment, for either separator. */
function baseName(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** Builds a pane's actions over a backend; the store slice owns where the state lives. */
export function createPaneActions(backend: PaneBackend, pane: PaneAccess, onRequest: (request: PaneRequest) => void): PaneActions {
  // Only the newest navigation may land: a slow listing must not replace a newer one.
  let generation = 0;

  async function load(path: string, keepSelection: boolean): Promise<boolean> {
    const ticket = ++generation;
    pane.set({ loading: true });
    try {
      const listing = await backend.list(path);
      if (ticket !== generation) return false;
      const current = pane.get();
      const same = keepSelection && listing.path === current.path;
      pane.set({
        ...withEntries(listing.entries, current.sort, {
          selected: same ? current.selected : [],
          focus: same ? current.focus : null,
          anchor: same ? current.anchor : null,
        }),
        path: listing.path,
        parent: listing.parent,
        loading: false,
        error: null,
      });
      return true;
    } catch (error) {
      if (ticket !== generation) return false;
      pane.set({ loading: false, error: describeError(error) });
      return false;
    }
  }

  const actions: PaneActions = {
    open: (path) => load(path, false),
    async up() {
      const { parent, path } = pane.get();
      if (parent === null) return;
      const child = baseName(path);
      if (await load(parent, false)) pane.set(selectNames(pane.get(), [child]));
    },
    async refresh() {
      const { path } = pane.get();
      if (path) await load(path, true);
    },
    async activate(name) {
      const state = pane.get();
      const entry = state.entries[indexOf(state, name)];
      if (entry && opensAsFolder(entry)) await load(entry.path, false);
    },
    sortBy(key) {
      const state = pane.get();
      pane.set(withEntries(state.entries, toggleSort(state.sort, key), state));
    },
    select: (index, gesture) => pane.set(selectAt(pane.get(), index, gesture)),
    focus: (index) => pane.set(focusAt(pane.get(), index)),
    selectAll: () => pane.set(selectAll(pane.get())),
    selectNone: () => pane.set(selectNone(pane.get())),
    clearError: () => pane.set({ error: null }),
    requestNewFolder() {
      if (pane.get().path) onRequest({ kind: 'new-folder' });
    },
    requestRename() {
      const state = pane.get();
      // Rename acts on the one selected row, or the focused row when nothing else is selected.
      const names = selectedInOrder(state);
      const name = names.length === 1 ? names[0] : names.length === 0 ? state.focus : undefined;
      const entry = name ? state.entries[indexOf(state, name)] : undefined;
      if (entry) onRequest({ kind: 'rename', name: entry.name, folder: opensAsFolder(entry) });
    },
    requestDelete() {
      const names = selectedInOrder(pane.get());
      if (names.length > 0) onRequest({ kind: 'delete', names });
    },
    async createFolder(name) {
      await backend.createFolder(pane.get().path, name);
      await actions.refresh();
      pane.set(selectNames(pane.get(), [name.trim()]));
    },
    async rename(name, newName) {
      const state = pane.get();
      const entry = state.entries[indexOf(state, name)];
      if (!entry) return;
      const renamed = await backend.rename(entry.path, newName);
      await actions.refresh();
      pane.set(selectNames(pane.get(), [baseName(renamed)]));
    },
    async delete(names) {
      const state = pane.get();
      const paths = names.map((name) => state.entries[indexOf(state, name)]?.path).filter((p): p is string => p !== undefined);
      if (paths.length === 0) return;
      // Keep the cursor where it was: the row after the deleted ones takes its place.
      const firstIndex = names.reduce((low, name) => Math.min(low, Math.max(0, indexOf(state, name))), state.entries.length);
      await backend.delete(paths);
      await actions.refresh();
      const after = pane.get();
      if (after.entries.length > 0) pane.set(selectAt(after, Math.min(firstIndex, after.entries.length - 1)));
    },
  };
  return actions;
}
