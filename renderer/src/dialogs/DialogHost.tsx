import { CertificateDialog } from '../certificates/CertificateDialog';
import { indexOf } from '../files/selection';
import type { PaneActions } from '../files/paneController';
import type { PaneState } from '../files/paneState';
import { PropertiesDialog } from '../files/PropertiesDialog';
import { MasterPasswordDialog } from '../prompts/MasterPasswordDialog';
import { ChmodDialog } from '../remote/ChmodDialog';
import { SiteManager } from '../sites/SiteManager';
import type { AppState, PaneId } from '../store/appState';
import type { DialogRequest } from '../store/dialogsSlice';
import { useAppStore } from '../store/StoreContext';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { NameDialog } from './NameDialog';

function paneOf(state: AppState, pane: PaneId): { actions: PaneActions; state: PaneState } {
  switch (pane) {
    case 'local':
      return { actions: state.localActions, state: state.localPane };
    case 'remote':
      return { actions: state.remoteActions, state: state.remotePane };
  }
}

/** The part of a name a rename preselects: a file's name without its extension, a folder's whole name. */
function stemLength(name: string, folder: boolean): number {
  const dot = name.lastIndexOf('.');
  return !folder && dot > 0 ? dot : name.length;
}

/** Shows the dialog the store asks for, wired to the pane or service it belongs to. */
export function DialogHost() {
  const dialog = useAppStore((state) => state.dialog);
  if (!dialog) return null;
  return <DialogFor dialog={dialog} />;
}

function DialogFor({ dialog }: { dialog: DialogRequest }) {
  const close = useAppStore((state) => state.closeDialog);
  const remote = useAppStore((state) => state.remoteActions);
  const vault = useAppStore((state) => state.vault);
  const unlockVault = useAppStore((state) => state.sitesActions.unlockVault);
  const connect = useAppStore((state) => state.connectionActions.connect);
  switch (dialog.kind) {
    case 'new-folder':
    case 'rename':
    case 'delete':
    case 'properties':
      return <PaneDialog dialog={dialog} pane={dialog.pane} close={close} />;
    case 'chmod':
      return <ChmodDialog names={dialog.names} initialMode={dialog.mode} onApply={(mode) => remote.chmod(dialog.names, mode)} onClose={close} />;
    case 'site-manager':
      return <SiteManager onClose={close} />;
    case 'unlock-vault': {
      const retry = dialog.retry;
      return (
        <MasterPasswordDialog
          create={vault?.initialized === false}
          onUnlock={async (master) => {
            await unlockVault(master);
            if (retry) void connect(retry);
          }}
          onClose={close}
        />
      );
    }
    case 'certificate':
      return <CertificateDialog mode="view" info={dialog.certificate} trust={dialog.trust} onClose={close} />;
  }
}

function PaneDialog({ dialog, pane, close }: { dialog: DialogRequest; pane: PaneId; close: () => void }) {
  const actions = useAppStore((state) => paneOf(state, pane).actions);
  const entries = useAppStore((state) => paneOf(state, pane).state);
  switch (dialog.kind) {
    case 'new-folder':
      return <NameDialog title="New folder" submitLabel="Create" initialName="" onSubmit={(name) => actions.createFolder(name)} onClose={close} />;
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
          recursive={pane === 'remote'}
          onConfirm={() => actions.delete(dialog.names)}
          onClose={close}
        />
      );
    case 'properties': {
      const entry = entries.entries[indexOf(entries, dialog.name)];
      return entry ? <PropertiesDialog entry={entry} onClose={close} /> : null;
    }
    default:
      return null;
  }
}
