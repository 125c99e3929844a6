import type { StateCreator } from 'zustand';
import type { AppState, PaneId } from './appState';

/** The dialog on screen, as plain data; the dialog host turns it into a component. */
export type DialogRequest =
  | { readonly kind: 'new-folder'; readonly pane: PaneId }
  | { readonly kind: 'rename'; readonly pane: PaneId; readonly name: string; readonly folder: boolean }
  | { readonly kind: 'delete'; readonly pane: PaneId; readonly names: readonly string[]; readonly permanent: boolean };

/** At most one modal dialog at a time, as on the desktop. */
export interface DialogsSlice {
  dialog: DialogRequest | null;
  openDialog(request: DialogRequest): void;
  closeDialog(): void;
}

/** The dialogs slice. */
export const createDialogsSlice: StateCreator<AppState, [], [], DialogsSlice> = (set) => ({
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
});
