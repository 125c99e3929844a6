import { useId, type ReactNode } from 'react';

/** Shared props of the Site Manager's labelled fields. */
interface FieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly className?: string;
}

/** A labelled control with its hint and its inline validation message, wired for screen readers. */
function FieldFrame({ label, error, hint, className, children }: FieldProps & { children: (ids: { describedBy?: string }) => ReactNode }) {
  const errorId = useId();
  const hintId = useId();
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field ${className ?? ''}`}>
      <label>
        <span className="field-label">{label}</span>
        {children({ describedBy })}
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A text, password or number field. */
export function TextField({
  value,
  onChange,
  type = 'text',
  placeholder,
  disabled,
  ...frame
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  placeholder?: string;
  disabled?: boolean;
}) {
  return (
    <FieldFrame {...frame}>
      {({ describedBy }) => (
        <input
          className="field-input"
          type={type}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={frame.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A multi-line text field. */
export function TextAreaField({ value, onChange, ...frame }: FieldProps & { value: string; onChange: (value: string) => void }) {
  return (
    <FieldFrame {...frame}>
      {({ describedBy }) => (
        <textarea className="field-input field-textarea" value={value} rows={4} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)} />
      )}
    </FieldFrame>
  );
}

/** A choice among fixed options. */
export function SelectField<T extends string>({
  value,
  options,
  onChange,
  ...frame
}: FieldProps & {
  value: T;
  options: readonly { readonly value: T; readonly label: string; readonly disabled?: boolean }[];
  onChange: (value: T) => void;
}) {
  return (
    <FieldFrame {...frame}>
      {({ describedBy }) => (
        <select
          className="field-input"
          value={value}
          aria-invalid={frame.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A checkbox with its label and an optional explanation below. */
export function CheckField({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: ReactNode }) {
  const hintId = useId();
  return (
    <div className="form-field">
      <label className="check">
        <input type="checkbox" checked={checked} aria-describedby={hint ? hintId : undefined} onChange={(event) => onChange(event.target.checked)} />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={hintId} className="field-hint field-hint-check">
          {hint}
        </p>
      )}
    </div>
  );
}
