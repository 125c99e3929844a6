import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PaneSource } from './paneSource';

/**
 * The editable path: type a folder and press Enter to go there. A failure leaves the
 * typed text in place and says why right below it, so it can be corrected.
 */
export function PathBar({ source }: { source: PaneSource }) {
  const path = source.useSelect((pane) => pane.path);
  const error = source.useSelect((pane) => pane.error);
  const [draft, setDraft] = useState(path);
  const inputRef = useRef<HTMLInputElement>(null);
  // True while the text is the user's, not the pane's: a listing that lands while they
  // type must not overwrite it.
  const editing = useRef(false);
  useEffect(() => {
    if (editing.current && document.activeElement === inputRef.current) return;
    editing.current = false;
    setDraft(path);
  }, [path]);

  const errorId = `${source.id}-path-error`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const target = draft.trim();
    if (!target) return;
    // Once submitted, the pane's answer (the normalized path) takes over the text again.
    editing.current = false;
    void source.actions.open(target);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Escape') return;
    editing.current = false;
    setDraft(path);
    source.actions.clearError();
  }

  return (
    <form className="path-bar" onSubmit={onSubmit}>
      <input
        className="path-input"
        type="text"
        value={draft}
        aria-label={`${source.label} path`}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        spellCheck={false}
        autoComplete="off"
        ref={inputRef}
        onChange={(event) => {
          editing.current = true;
          setDraft(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      {error !== null && (
        <div id={errorId} className="path-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
