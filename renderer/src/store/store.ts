import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Services } from '../../../shared/services';
import type { AppState } from './appState';
import { createConnectionSlice } from './connectionSlice';
import { createDialogsSlice } from './dialogsSlice';
import { createLayoutSlice } from './layoutSlice';
import { createLocalPaneSlice } from './localPaneSlice';
import { createLogSlice } from './logSlice';
import { createPromptsSlice } from './promptsSlice';
import { createQueueSlice } from './queueSlice';
import { createRemotePaneSlice } from './remotePaneSlice';
import { createSitesSlice } from './sitesSlice';

/** Builds the one store from its slices, over the services it is given. */
export function createAppStore(services: Services): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createLocalPaneSlice(services.local)(...a),
    ...createRemotePaneSlice(services.session)(...a),
    ...createConnectionSlice(services.session)(...a),
    ...createSitesSlice(services.sites)(...a),
    ...createPromptsSlice(services.prompts)(...a),
    ...createLogSlice(services.log)(...a),
    ...createQueueSlice(services.transfers)(...a),
    ...createLayoutSlice(...a),
    ...createDialogsSlice(...a),
  }));
}
