import type { DialogsSlice } from './dialogsSlice';
import type { LayoutSlice } from './layoutSlice';
import type { LocalPaneSlice } from './localPaneSlice';
import type { RemotePaneSlice } from './remotePaneSlice';

/** The whole renderer state: the union of its slices (zustand's slices pattern). */
export type AppState = LocalPaneSlice & RemotePaneSlice & LayoutSlice & DialogsSlice;

/** Which pane a command or dialog belongs to; 'remote' joins when sessions exist. */
export type PaneId = 'local';
