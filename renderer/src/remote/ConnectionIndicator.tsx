import { Lock, LockOpen, TriangleAlert } from 'lucide-react';
import { useAppStore } from '../store/StoreContext';

/**
 * The lock in the remote pane's header: the TLS version, and a click shows the server's
 * certificate. Anything travelling in clear (plain FTP, PROT C, CCC) is said in words.
 */
export function ConnectionIndicator() {
  const connection = useAppStore((state) => state.connection);
  const openDialog = useAppStore((state) => state.openDialog);
  if (connection.status !== 'connected') return null;
  const security = connection.security;
  if (!security) {
    return (
      <span className="conn-indicator conn-insecure" role="status" title="Passwords, file names and contents travel in clear text">
        <LockOpen size={13} strokeWidth={2} aria-hidden />
        Not encrypted
      </span>
    );
  }
  const warnings = [
    !security.dataProtected ? 'file transfers are not encrypted' : null,
    security.commandsInClear ? 'commands travel in clear (CCC)' : null,
  ].filter((warning): warning is string => warning !== null);
  return (
    <>
      <button
        type="button"
        className="conn-indicator conn-secure"
        aria-label={`Encrypted with ${security.tlsVersion}, ${security.cipher}. Show certificate`}
        title={`${security.tlsVersion} · ${security.cipher}\nClick to see the server's certificate`}
        onClick={() => openDialog({ kind: 'certificate', certificate: security.certificate, trust: security.trust })}
      >
        <Lock size={13} strokeWidth={2} aria-hidden />
        {security.tlsVersion}
      </button>
      {warnings.length > 0 && (
        <span className="conn-indicator conn-insecure" role="status" title={warnings.join('; ')}>
          <TriangleAlert size={13} strokeWidth={2} aria-hidden />
          {warnings.length === 1 && !security.dataProtected ? 'Data not encrypted' : 'Partly in clear'}
        </span>
      )}
    </>
  );
}
