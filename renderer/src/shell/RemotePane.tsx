import { Unplug } from 'lucide-react';
import { useAppStore } from '../store/StoreContext';

/** The remote side, honestly empty until sessions exist. */
export function RemotePane() {
  const connection = useAppStore((state) => state.remotePane.connection);
  return (
    <section className="pane" aria-label="Remote pane">
      <header className="pane-header">
        <h2 className="pane-title">Remote</h2>
      </header>
      <div className="empty-state">
        <Unplug size={28} strokeWidth={1.5} aria-hidden className="empty-icon" />
        {connection === 'disconnected' && (
          <>
            <p className="empty-title">Not connected</p>
            <p className="empty-text">Files on a server will appear here once you connect to it.</p>
          </>
        )}
      </div>
      <div className="status-line">
        <span>Disconnected</span>
      </div>
    </section>
  );
}
