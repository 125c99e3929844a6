import type { StateCreator } from 'zustand';
import type { ConnectTarget } from '../../../shared/services/session';
import type { CertificateInfo } from '../../../shared/services/trust';
import type { AppState, PaneId } from './appState';

/** The dialog on screen, as plain data; the dialog host turns it into a component. */
export type DialogRequest =
  | { readonly kind: 'new-folder'; readonly pane: PaneId }
  | { readonly kind: 'rename'; readonly pane: PaneId; readonly name: string; readonly folder: boolean }
  | { readonly kind: 'delete'; readonly pane: PaneId; readonly names: readonly string[]; readonly permanent: boolean }
  | { readonly kind: 'properties'; readonly pane: PaneId; readonly name: string }
  /** Remote only: SITE CHMOD. `mode` is the first entry's bits when the listing gave them. */
  | { readonly kind: 'chmod'; readonly names: readonly string[]; readonly mode: number | null }
  | { readonly kind: 'site-manager' }
  /** A saved password is in a locked vault: unlock it, then connect to `retry` again. */
  | { readonly kind: 'unlock-vault'; readonly retry: ConnectTarget | null }
  /** The connection indicator's read-only certificate viewer. */
  | { readonly kind: 'certificate'; readonly certificate: CertificateInfo; readonly trust: 'verified' | 'pinned' | 'once' };

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
