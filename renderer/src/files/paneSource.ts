import type { PaneDragDrop } from '../dnd/paneDragDrop';
import type { MenuItem } from './ContextMenu';
import type { PaneActions } from './paneController';
import type { PaneState } from './paneState';

/**
 * What a FilePane is given: a way to select from its state and its actions. The local
 * pane binds it to the local slice; the remote pane will bind it to a session's slice.
 */
export interface PaneSource {
  /** Prefix for DOM ids, unique per pane. */
  readonly id: string;
  /** Shown to people and used in accessible names: "Local", "Remote". */
  readonly label: string;
  /** A hook: selects a narrow value of this pane's state. */
  readonly useSelect: <T>(selector: (pane: PaneState) => T) => T;
  /** The state right now, for event handlers (no subscription). */
  readonly read: () => PaneState;
  readonly actions: PaneActions;
  /** A hook: what a slow listing has done so far ("Listing… 12,345 entries"), or null. */
  readonly useProgress?: () => string | null;
  /** Commands this source adds to the context menu (e.g. the remote pane's Permissions). */
  readonly extraMenuItems?: (target: { readonly selectedCount: number; readonly canActOnOne: boolean }) => readonly MenuItem[];
  /** Drag and drop, and the Upload / Download keys; absent: the pane neither drags nor takes drops. */
  readonly dragDrop?: PaneDragDrop;
}

/** Height of one list row in CSS pixels; the virtualizer needs it in numbers. */
export const ROW_HEIGHT = 22;
/** Height of the sticky column header row. */
export const HEADER_HEIGHT = 24;
