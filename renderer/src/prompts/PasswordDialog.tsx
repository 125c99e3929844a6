import { useId, useState, type FormEvent } from 'react';
import type { PasswordRequest } from '../../../shared/services/prompts';
import { Dialog } from '../dialogs/Dialog';
import { FieldError } from '../dialogs/FieldError';

/** Asks for the password of a site that has none saved; "Remember" only when a vault can keep it. */
export function PasswordDialog({
  request,
  canRemember,
  onAnswer,
}: {
  request: PasswordRequest;
  canRemember: boolean;
  onAnswer: (password: string | null, remember: boolean) => void;
}) {
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const retryId = useId();
  const who = `${request.user}@${request.host}${request.port === 21 ? '' : `:${request.port}`}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onAnswer(password, canRemember && remember);
  }

  return (
    <Dialog
      title="Enter password"
      onCancel={() => onAnswer(null, false)}
      description={<p>{request.siteName ? `Password for ${who} (${request.siteName})` : `Password for ${who}`}</p>}
    >
      <form className="dialog-form" onSubmit={onSubmit}>
        <FieldError id={retryId} message={request.retryReason} />
        <label className="field">
          <span className="field-label">Password</span>
          <input
            data-autofocus
            type="password"
            className="field-input"
            value={password}
            autoComplete="off"
            aria-describedby={request.retryReason ? retryId : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {canRemember && (
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
            <span>Remember this password</span>
          </label>
        )}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={() => onAnswer(null, false)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Connect
          </button>
        </div>
      </form>
    </Dialog>
  );
}
