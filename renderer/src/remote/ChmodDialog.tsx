import { useState, type FormEvent } from 'react';
import { Dialog } from '../dialogs/Dialog';
import { useSubmit } from '../dialogs/useSubmit';
import { plural } from '../files/format';
import { has, parseOctal, RIGHTS, toggle, toOctal, WHO } from './mode';
import { FieldError } from '../dialogs/FieldError';

const WHO_LABEL = { owner: 'Owner', group: 'Group', others: 'Others' } as const;
const RIGHT_LABEL = { read: 'Read', write: 'Write', execute: 'Execute' } as const;

/** Changes permissions (SITE CHMOD): a grid of checkboxes and the octal value, kept in step. */
export function ChmodDialog({
  names,
  initialMode,
  onApply,
  onClose,
}: {
  names: readonly string[];
  initialMode: number | null;
  onApply: (mode: number) => Promise<void>;
  onClose: () => void;
}) {
  const [mode, setMode] = useState(initialMode ?? 0o644);
  const [octal, setOctal] = useState(toOctal(initialMode ?? 0o644));
  const { pending, error, submit } = useSubmit(() => onApply(mode), onClose);
  const octalValid = parseOctal(octal) !== null;
  const subject = names.length === 1 ? `“${names[0]}”` : plural(names.length, 'item');

  function setBits(next: number) {
    setMode(next);
    setOctal(toOctal(next));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (octalValid) void submit();
  }

  return (
    <Dialog title={`Permissions of ${subject}`} onCancel={onClose}>
      <form className="dialog-form" onSubmit={onSubmit}>
        <table className="chmod-grid">
          <thead>
            <tr>
              <td />
              {RIGHTS.map((right) => (
                <th key={right} scope="col">
                  {RIGHT_LABEL[right]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WHO.map((who) => (
              <tr key={who}>
                <th scope="row">{WHO_LABEL[who]}</th>
                {RIGHTS.map((right) => (
                  <td key={right}>
                    <input
                      type="checkbox"
                      aria-label={`${WHO_LABEL[who]} ${RIGHT_LABEL[right].toLowerCase()}`}
                      checked={has(mode, who, right)}
                      onChange={(event) => setBits(toggle(mode, who, right, event.target.checked))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <label className="field field-inline">
          <span className="field-label">Numeric value</span>
          <input
            className="field-input field-octal"
            value={octal}
            maxLength={4}
            inputMode="numeric"
            aria-invalid={!octalValid}
            onChange={(event) => {
              setOctal(event.target.value);
              const parsed = parseOctal(event.target.value);
              if (parsed !== null) setMode(parsed);
            }}
          />
        </label>
        {!octalValid && <p className="field-error">Three or four digits from 0 to 7, like 755.</p>}
        <FieldError message={error} />
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" data-autofocus className="button button-primary" disabled={pending || !octalValid}>
            Apply
          </button>
        </div>
      </form>
    </Dialog>
  );
}
