import { useId, useState, type FormEvent } from 'react';
import { KeyRound } from 'lucide-react';
import { Dialog } from '../dialogs/Dialog';
import { useSubmit } from '../dialogs/useSubmit';
import { MIN_MASTER_PASSWORD, passwordStrength } from '../sites/passwordStrength';
import { FieldError } from '../dialogs/FieldError';

/**
 * Creates (twice, with a strength hint) or unlocks the master-password vault that keeps
 * saved passwords in the web shell. A wrong password keeps the dialog open and says so.
 */
export function MasterPasswordDialog({
  create,
  onUnlock,
  onClose,
}: {
  /** True when no master password exists yet. */
  create: boolean;
  onUnlock: (masterPassword: string) => Promise<void>;
  onClose: () => void;
}) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const strengthId = useId();
  const errorId = useId();
  const { pending, error, submit, clearError } = useSubmit(() => onUnlock(password), onClose);
  const strength = passwordStrength(password);
  const mismatch = create && repeat !== '' && repeat !== password;
  const ready = create ? password.length >= MIN_MASTER_PASSWORD && repeat === password : password !== '';

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (ready) void submit();
  }

  return (
    <Dialog
      title={create ? 'Create a master password' : 'Unlock saved passwords'}
      onCancel={onClose}
      icon={<KeyRound size={18} strokeWidth={1.75} aria-hidden />}
      description={
        <p>
          {create
            ? 'Saved passwords are encrypted with a master password. Sluice cannot recover it if you forget it.'
            : 'Enter your master password to use and save passwords.'}
        </p>
      }
    >
      <form className="dialog-form" onSubmit={onSubmit}>
        <label className="field">
          <span className="field-label">Master password</span>
          <input
            data-autofocus
            type="password"
            className="field-input"
            value={password}
            autoComplete={create ? 'new-password' : 'current-password'}
            aria-invalid={error !== null}
            aria-describedby={[create ? strengthId : '', error !== null ? errorId : ''].join(' ').trim() || undefined}
            onChange={(event) => {
              setPassword(event.target.value);
              clearError();
            }}
          />
        </label>
        {create && (
          <>
            <div id={strengthId} className={`strength strength-${strength.score}`} aria-live="polite">
              <span className="strength-bar" aria-hidden>
                <span />
              </span>
              <span>
                {password === '' ? `At least ${MIN_MASTER_PASSWORD} characters.` : `${strength.label}. ${strength.hint}`}
              </span>
            </div>
            <label className="field">
              <span className="field-label">Repeat master password</span>
              <input
                type="password"
                className="field-input"
                value={repeat}
                autoComplete="new-password"
                aria-invalid={mismatch}
                onChange={(event) => setRepeat(event.target.value)}
              />
            </label>
            {mismatch && <p className="field-error">The two passwords differ.</p>}
          </>
        )}
        <FieldError id={errorId} message={error} />
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending || !ready}>
            {create ? 'Create' : 'Unlock'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
