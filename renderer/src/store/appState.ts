import type { ConnectionSlice } from './connectionSlice';
import type { DialogsSlice } from './dialogsSlice';
import type { LayoutSlice } from './layoutSlice';
import type { LocalPaneSlice } from './localPaneSlice';
import type { LogSlice } from './logSlice';
import type { PromptsSlice } from './promptsSlice';
import type { QueueSlice } from './queueSlice';
import type { RemotePaneSlice } from './remotePaneSlice';
import type { SitesSlice } from './sitesSlice';

/** The whole renderer state: the union of its slices (zustand's slices pattern). */
export type AppState = LocalPaneSlice &
  RemotePaneSlice &
  ConnectionSlice &
  SitesSlice &
  PromptsSlice &
  LogSlice &
  QueueSlice &
  LayoutSlice &
  DialogsSlice;

/** Which pane a command or dialog belongs to. */
export type PaneId = 'local' | 'remote';
