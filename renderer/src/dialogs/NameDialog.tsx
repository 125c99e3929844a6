import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from './Dialog';
import { useSubmit } from './useSubmit';
import { FieldError } from './FieldError';

interface NameDialogProps {
  readonly title: string;
  readonly submitLabel: string;
  readonly initialName: string;
  /** Characters to preselect, e.g. the name without its extension. */
  readonly selectUpTo?: number;
  readonly onSubmit: (name: string) => Promise<void>;
  readonly onClose: () => void;
}

/** Asks for one name: new folder, rename. */
export function NameDialog({ title, submitLabel, initialName, selectUpTo, onSubmit, onClose }: NameDialogProps) {
  const [name, setName] = useState(initialName);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const { pending, error, submit, clearError } = useSubmit(() => onSubmit(name), onClose);
  const unchanged = name.trim() === initialName.trim() && initialName !== '';

  useEffect(() => {
    inputRef.current?.setSelectionRange(0, selectUpTo ?? initialName.length);
  }, [initialName, selectUpTo]);

  function onFormSubmit(event: FormEvent) {
    event.preventDefault();
    if (unchanged) return onClose();
    if (name.trim()) void submit();
  }

  return (
    <Dialog title={title} onCancel={onClose}>
      <form className="dialog-form" onSubmit={onFormSubmit}>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            ref={inputRef}
            data-autofocus
            className="field-input"
            value={name}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              clearError();
            }}
          />
        </label>
        <FieldError id={errorId} message={error} />
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending || !name.trim()}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
