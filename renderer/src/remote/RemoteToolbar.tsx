import { Unplug } from 'lucide-react';
import { useAppStore } from '../store/StoreContext';
import { ConnectionIndicator } from './ConnectionIndicator';

/**
 * The right end of the remote pane's header: the security indicator and Disconnect.
 * Reconnect lives in the pane's body when there is no session, next to the reason.
 */
export function RemoteToolbar() {
  const status = useAppStore((state) => state.connection.status);
  const disconnect = useAppStore((state) => state.connectionActions.disconnect);
  if (status !== 'connected' && status !== 'connecting') return null;
  return (
    <div className="remote-toolbar">
      <ConnectionIndicator />
      <button type="button" className="button button-small" onClick={() => void disconnect()}>
        <Unplug size={13} strokeWidth={1.75} aria-hidden />
        Disconnect
      </button>
    </div>
  );
}
