import { useMemo } from 'react';
import { useStore } from 'zustand';
import { FileLock2, Info, LoaderCircle, RotateCw, Server, ServerCrash, Unplug } from 'lucide-react';
import { FilePane } from '../files/FilePane';
import type { PaneSource } from '../files/paneSource';
import type { PaneState } from '../files/paneState';
import { createPaneDragDrop } from '../dnd/paneDragDrop';
import { RemoteToolbar } from '../remote/RemoteToolbar';
import { sessionFailure } from '../remote/sessionErrors';
import { useAppStore, useStoreApi } from '../store/StoreContext';

const count = new Intl.NumberFormat();

/** The remote pane: the generic FilePane over the session once connected; otherwise what is going on. */
export function RemotePane() {
  const store = useStoreApi();
  const status = useAppStore((state) => state.connection.status);
  const source = useMemo<PaneSource>(
    () => ({
      id: 'remote',
      label: 'Remote',
      useSelect: <T,>(selector: (pane: PaneState) => T) => useStore(store, (state) => selector(state.remotePane)),
      read: () => store.getState().remotePane,
      actions: store.getState().remoteActions,
      dragDrop: createPaneDragDrop(store, 'remote'),
      useProgress: () =>
        useStore(store, (state) => (state.listingProgress ? `Listing… ${count.format(state.listingProgress.entries)} entries` : null)),
      extraMenuItems: ({ canActOnOne, selectedCount }) => [
        { label: 'Permissions…', icon: FileLock2, disabled: !canActOnOne && selectedCount === 0, run: store.getState().remoteActions.requestChmod },
        { label: 'Properties', icon: Info, disabled: !canActOnOne, run: store.getState().remoteActions.requestProperties },
      ],
    }),
    [store],
  );

  if (status === 'connected') return <FilePane source={source} headerEnd={<RemoteToolbar />} />;
  return (
    <section className="pane" aria-label="Remote pane">
      <header className="pane-header">
        <h2 className="pane-title">Remote</h2>
        <div className="pane-nav" />
        <RemoteToolbar />
      </header>
      <RemoteState />
      <div className="status-line" role="status" aria-label="Remote status">
        <span>{status === 'connecting' ? 'Connecting…' : status === 'failed' ? 'Connection failed' : 'Disconnected'}</span>
      </div>
    </section>
  );
}

/** The body of a pane without a listing: not connected, connecting, or failed with the reason. */
function RemoteState() {
  const connection = useAppStore((state) => state.connection);
  const { reconnect } = useAppStore((state) => state.connectionActions);
  const openDialog = useAppStore((state) => state.openDialog);
  const setBottomTab = useAppStore((state) => state.setBottomTab);
  const showLog = () => setBottomTab('log');
  const where = connection.host ? `${connection.host}${connection.port ? `:${connection.port}` : ''}` : '';

  switch (connection.status) {
    case 'connecting':
      return (
        <div className="empty-state" aria-busy="true">
          <LoaderCircle size={28} strokeWidth={1.5} aria-hidden className="empty-icon spin" />
          <p className="empty-title">Connecting{where ? ` to ${where}` : ''}…</p>
        </div>
      );
    case 'failed':
      return (
        <div className="empty-state">
          <ServerCrash size={28} strokeWidth={1.5} aria-hidden className="empty-icon empty-icon-danger" />
          <p className="empty-title">Could not connect{where ? ` to ${where}` : ''}</p>
          <p className="empty-text remote-error" role="alert">
            {sessionFailure(connection) ?? 'The connection failed.'}
          </p>
          <div className="empty-actions">
            <button type="button" className="button button-primary" onClick={() => void reconnect()}>
              <RotateCw size={13} strokeWidth={1.75} aria-hidden />
              Reconnect
            </button>
            <button type="button" className="button" onClick={showLog}>
              Show log
            </button>
          </div>
        </div>
      );
    case 'disconnected':
    case 'connected':
      return (
        <div className="empty-state">
          <Unplug size={28} strokeWidth={1.5} aria-hidden className="empty-icon" />
          <p className="empty-title">{where ? `Disconnected from ${where}` : 'Not connected'}</p>
          <p className="empty-text">
            {where ? 'Reconnect to browse the server again.' : 'Use Quick connect above, or open the Site Manager.'}
          </p>
          <div className="empty-actions">
            {where ? (
              <button type="button" className="button button-primary" onClick={() => void reconnect()}>
                <RotateCw size={13} strokeWidth={1.75} aria-hidden />
                Reconnect
              </button>
            ) : (
              <button type="button" className="button" onClick={() => openDialog({ kind: 'site-manager' })}>
                <Server size={13} strokeWidth={1.75} aria-hidden />
                Open Site Manager
              </button>
            )}
          </div>
        </div>
      );
  }
}
