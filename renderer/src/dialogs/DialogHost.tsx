import { useAppStore } from '../store/StoreContext';
import type { AppState, PaneId } from '../store/appState';
import type { PaneActions } from '../files/paneController';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { NameDialog } from './NameDialog';

function paneActions(state: AppState, pane: PaneId): PaneActions {
  switch (pane) {
    case 'local':
      return state.localActions;
  }
}

/** The part of a name a rename preselects: a file's name without its extension, a folder's whole name. */
function stemLength(name: string, folder: boolean): number {
  const dot = name.lastIndexOf('.');
  return !folder && dot > 0 ? dot : name.length;
}

/** Shows the dialog the store asks for, wired to the pane it belongs to. */
export function DialogHost() {
  const dialog = useAppStore((state) => state.dialog);
  const close = useAppStore((state) => state.closeDialog);
  const actions = useAppStore((state) => (dialog ? paneActions(state, dialog.pane) : null));
  if (!dialog || !actions) return null;
  switch (dialog.kind) {
    case 'new-folder':
      return (
        <NameDialog
          title="New folder"
          submitLabel="Create"
          initialName=""
          onSubmit={(name) => actions.createFolder(name)}
          onClose={close}
        />
      );
    case 'rename':
      return (
        <NameDialog
          key={dialog.name}
          title={`Rename “${dialog.name}”`}
          submitLabel="Rename"
          initialName={dialog.name}
          selectUpTo={stemLength(dialog.name, dialog.folder)}
          onSubmit={(name) => actions.rename(dialog.name, name)}
          onClose={close}
        />
      );
    case 'delete':
      return (
        <ConfirmDeleteDialog
          names={dialog.names}
          permanent={dialog.permanent}
          onConfirm={() => actions.delete(dialog.names)}
          onClose={close}
        />
      );
  }
}
