import type { StateCreator } from 'zustand';
import type { SessionService, SessionState } from '../../../shared/services/session';
import { createPaneActions, type PaneActions } from '../files/paneController';
import { emptyPane, type PaneState } from '../files/paneState';
import { indexOf, selectedInOrder } from '../files/selection';
import { toFolderListing } from '../remote/remoteEntry';
import { describeError } from '../files/errors';
import type { AppState } from './appState';

/** The remote file pane: the same pane as the local one, over the session service. */
export interface RemotePaneSlice {
  remotePane: PaneState;
  remoteActions: PaneActions & {
    /** Called by the connection slice when a login completes. */
    onConnected(state: SessionState): void;
    /** Called when the session ends: the listing no longer reflects the server. */
    onDisconnected(): void;
    requestChmod(): void;
    requestProperties(): void;
    /** SITE CHMOD on each named entry, then a refresh. */
    chmod(names: readonly string[], mode: number): Promise<void>;
    /** Moves entries into another folder on the server (a drop within the pane), then a refresh. */
    moveInto(paths: readonly string[], targetFolder: string): Promise<void>;
  };
}

/** Who a remembered folder belongs to: a reconnect to the same account goes back there. */
const accountKey = (state: SessionState) => `${state.user ?? ''}@${state.host ?? ''}:${state.port ?? ''}`;

/** The remote pane slice over an injected session service. */
export const createRemotePaneSlice =
  (session: SessionService): StateCreator<AppState, [], [], RemotePaneSlice> =>
  (set, get) => {
    let lastFolder: { account: string; path: string } | null = null;
    const access = {
      get: () => get().remotePane,
      set: (patch: Partial<PaneState>) => set((state) => ({ remotePane: { ...state.remotePane, ...patch } })),
    };
    const pane = createPaneActions(
      {
        async list(path) {
          try {
            return toFolderListing(await session.list(path));
          } finally {
            set({ listingProgress: null });
          }
        },
        createFolder: (parent, name) => session.createFolder(parent, name),
        rename: (path, newName) => session.rename(path, newName),
        delete(paths) {
          // The service needs each entry's kind to choose DELE or a recursive RMD.
          const byPath = new Map(get().remotePane.entries.map((entry) => [entry.path, entry.kind] as const));
          return session.delete(paths.map((path) => ({ path, kind: byPath.get(path) ?? 'file' })));
        },
      },
      access,
      (request) => {
        switch (request.kind) {
          case 'new-folder':
            return get().openDialog({ kind: 'new-folder', pane: 'remote' });
          case 'rename':
            return get().openDialog({ kind: 'rename', pane: 'remote', name: request.name, folder: request.folder });
          case 'delete':
            // Nothing on a server goes to a trash: say it is permanent, and recursive.
            return get().openDialog({ kind: 'delete', pane: 'remote', names: request.names, permanent: true });
        }
      },
    );

    /** The one selected entry, or the focused one when nothing is selected. */
    function targets(): string[] {
      const state = get().remotePane;
      const names = selectedInOrder(state);
      return names.length > 0 ? names : state.focus !== null ? [state.focus] : [];
    }

    const open = async (path: string) => {
      const ok = await pane.open(path);
      const connection = get().connection;
      if (ok) lastFolder = { account: accountKey(connection), path: get().remotePane.path };
      return ok;
    };

    return {
      remotePane: emptyPane(),
      remoteActions: {
        ...pane,
        open,
        async activate(name) {
          await pane.activate(name);
          lastFolder = { account: accountKey(get().connection), path: get().remotePane.path };
        },
        async up() {
          await pane.up();
          lastFolder = { account: accountKey(get().connection), path: get().remotePane.path };
        },
        onConnected(state) {
          const back = lastFolder?.account === accountKey(state) ? lastFolder.path : null;
          access.set({ ...emptyPane(), sort: get().remotePane.sort });
          void open(back ?? state.home ?? '/');
        },
        onDisconnected() {
          access.set({ loading: false });
        },
        requestChmod() {
          const names = targets();
          if (names.length === 0) return;
          const state = get().remotePane;
          const first = state.entries[indexOf(state, names[0]!)];
          get().openDialog({ kind: 'chmod', names, mode: first?.mode ?? null });
        },
        requestProperties() {
          const name = targets()[0];
          if (name !== undefined) get().openDialog({ kind: 'properties', pane: 'remote', name });
        },
        async chmod(names, mode) {
          const state = get().remotePane;
          for (const name of names) {
            const entry = state.entries[indexOf(state, name)];
            if (entry) await session.chmod(entry.path, mode);
          }
          await pane.refresh();
        },
        async moveInto(paths, targetFolder) {
          try {
            await session.move([...paths], targetFolder);
          } catch (error) {
            // The pane's error line says why; what did move shows after the refresh.
            await pane.refresh();
            access.set({ error: describeError(error) });
            return;
          }
          await pane.refresh();
        },
      },
    };
  };
