import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Services } from '../../../shared/services';
import type { AppState } from './appState';
import { createDialogsSlice } from './dialogsSlice';
import { createLayoutSlice } from './layoutSlice';
import { createLocalPaneSlice } from './localPaneSlice';
import { createRemotePaneSlice } from './remotePaneSlice';

/** Builds the one store from its slices, over the services it is given. */
export function createAppStore(services: Services): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createLocalPaneSlice(services.local)(...a),
    ...createRemotePaneSlice(...a),
    ...createLayoutSlice(...a),
    ...createDialogsSlice(...a),
  }));
}
