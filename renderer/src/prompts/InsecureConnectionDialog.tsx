import { useState } from 'react';
import { LockOpen } from 'lucide-react';
import type { InsecureConnectionRequest } from '../../../shared/services/prompts';
import { Dialog } from '../dialogs/Dialog';

/**
 * The connection would go on without encryption (security rule 1): say exactly what
 * travels in clear. Cancel is the default; "Don't ask again" exists only for a saved site.
 */
export function InsecureConnectionDialog({
  request,
  onAnswer,
}: {
  request: InsecureConnectionRequest;
  onAnswer: (proceed: boolean, remember: boolean) => void;
}) {
  const [remember, setRemember] = useState(false);
  const where = `${request.host}:${request.port}`;
  const lead =
    request.reason === 'tls-refused'
      ? `The server ${where} refused to encrypt the connection (it does not accept AUTH TLS).`
      : `This site is set to use plain FTP, without encryption.`;
  return (
    <Dialog
      role="alertdialog"
      title={request.reason === 'tls-refused' ? 'The server does not support encryption' : 'Connect without encryption?'}
      onCancel={() => onAnswer(false, false)}
      className="dialog-warning"
      icon={<LockOpen size={18} strokeWidth={2} aria-hidden className="title-icon-danger" />}
      description={
        <>
          <p>{lead} If you continue, these travel in clear text, readable by anyone on the network path:</p>
          <ul className="clear-list">
            <li>your user name and password</li>
            <li>the names of your files and folders</li>
            <li>the contents of every file you transfer</li>
          </ul>
        </>
      }
    >
      {request.siteId !== undefined && (
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          <span>Don't ask again for this site</span>
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" className="button button-danger" onClick={() => onAnswer(true, remember)}>
          Connect anyway
        </button>
        <button type="button" data-autofocus className="button button-primary" onClick={() => onAnswer(false, false)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
