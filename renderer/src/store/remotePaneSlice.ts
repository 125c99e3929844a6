import type { StateCreator } from 'zustand';
import type { AppState } from './appState';

/** The remote side. Sessions arrive in a later issue; until then it is honestly disconnected. */
export interface RemotePaneSlice {
  remotePane: { readonly connection: 'disconnected' };
}

/** The remote pane slice; it gains a session service when the engine exists. */
export const createRemotePaneSlice: StateCreator<AppState, [], [], RemotePaneSlice> = () => ({
  remotePane: { connection: 'disconnected' },
});
