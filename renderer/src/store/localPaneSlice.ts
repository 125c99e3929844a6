import type { StateCreator } from 'zustand';
import type { LocalCapabilities, LocalService } from '../../../shared/services/local';
import type { Unsubscribe } from '../../../shared/contract/service';
import { createPaneActions, type PaneActions } from '../files/paneController';
import { emptyPane, type PaneState } from '../files/paneState';
import type { AppState } from './appState';

/** The local file pane: its state, what the machine can do, and its actions. */
export interface LocalPaneSlice {
  localPane: PaneState;
  /** Until the service answers, assume the safer wording: permanent deletion. */
  localCapabilities: LocalCapabilities;
  localActions: PaneActions & {
    /** Lists the home folder and follows the service's change events; returns the unsubscribe. */
    start(): Unsubscribe;
  };
}

/** The local pane slice over an injected local service (a proxy in the app, a fake in tests). */
export const createLocalPaneSlice =
  (local: LocalService): StateCreator<AppState, [], [], LocalPaneSlice> =>
  (set, get) => {
    const pane = createPaneActions(
      {
        list: (path) => local.list(path),
        createFolder: (parent, name) => local.createFolder(parent, name),
        rename: (path, newName) => local.rename(path, newName),
        delete: (paths) => local.delete(paths, get().localCapabilities.trash ? 'trash' : 'permanent'),
      },
      {
        get: () => get().localPane,
        set: (patch) => set((state) => ({ localPane: { ...state.localPane, ...patch } })),
      },
      (request) => {
        switch (request.kind) {
          case 'new-folder':
            return get().openDialog({ kind: 'new-folder', pane: 'local' });
          case 'rename':
            return get().openDialog({ kind: 'rename', pane: 'local', name: request.name, folder: request.folder });
          case 'delete':
            return get().openDialog({
              kind: 'delete',
              pane: 'local',
              names: request.names,
              permanent: !get().localCapabilities.trash,
            });
        }
      },
    );
    return {
      localPane: emptyPane(),
      localCapabilities: { trash: false, separator: '/' },
      localActions: {
        ...pane,
        start() {
          void local.capabilities().then((localCapabilities) => set({ localCapabilities }), () => undefined);
          // The home folder is only the starting point: never override a folder the user already asked for.
          const { path, loading } = get().localPane;
          if (path === '' && !loading) void pane.open('~');
          return local.onDidChange(({ folder }) => {
            if (folder === get().localPane.path) void pane.refresh();
          });
        },
      },
    };
  };
