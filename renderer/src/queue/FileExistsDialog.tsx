import { useId, useRef, useState, type FormEvent } from 'react';
import type { FileExistsAction, FileExistsRequest, PromptAnswer } from '../../../shared/services/prompts';
import { Dialog } from '../dialogs/Dialog';
import { formatFullDate, formatSize } from '../files/format';
import { baseName } from './queueFormat';
import { newerSide, renameProblem } from './fileExists';

interface FileExistsDialogProps {
  readonly request: FileExistsRequest;
  readonly onAnswer: (answer: Extract<PromptAnswer, { kind: 'file-exists' }>) => void;
}

/**
 * "The target exists": both files side by side (size, modified, which is newer) and the
 * choices. Escape is Skip, the one choice that never loses data.
 */
export function FileExistsDialog({ request, onAnswer }: FileExistsDialogProps) {
  const [newName, setNewName] = useState(request.suggestedName);
  const [applyToAll, setApplyToAll] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const problem = renameProblem(newName);
  const newer = newerSide(request);
  const upload = request.direction === 'upload';

  const choose = (action: FileExistsAction) => onAnswer({ kind: 'file-exists', action, applyToAll });
  function rename(event?: FormEvent) {
    event?.preventDefault();
    if (problem) return nameRef.current?.focus();
    onAnswer({ kind: 'file-exists', action: 'rename', newName: newName.trim(), applyToAll });
  }

  return (
    <Dialog
      title="Target file exists"
      description={`“${baseName(request.target.path)}” already exists ${upload ? 'on the server' : 'on this computer'}.`}
      onCancel={() => onAnswer({ kind: 'file-exists', action: 'skip', applyToAll: false })}
      className="dialog-wide"
    >
      <form className="dialog-form" onSubmit={rename}>
        <dl className="exists-compare">
          <FileSide title={upload ? 'Source (local)' : 'Source (remote)'} file={request.source} newer={newer === 'source'} />
          <FileSide title={upload ? 'Target (remote)' : 'Target (local)'} file={request.target} newer={newer === 'target'} />
        </dl>
        {newer === 'same' && <p className="exists-note">Both have the same modification time.</p>}
        <label className="field">
          <span className="field-label">Name for Rename</span>
          <input
            ref={nameRef}
            className="field-input"
            value={newName}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={problem ? errorId : undefined}
            onChange={(event) => setNewName(event.target.value)}
          />
          {problem && (
            <span id={errorId} className="field-error" role="alert">
              {problem}
            </span>
          )}
        </label>
        <label className="exists-all">
          <input type="checkbox" checked={applyToAll} onChange={(event) => setApplyToAll(event.target.checked)} />
          Apply to all in this queue
        </label>
        <div className="dialog-buttons exists-buttons">
          <button type="button" className="button" onClick={() => choose('overwrite')}>
            Overwrite
          </button>
          <button type="button" className="button" onClick={() => choose('overwrite-if-newer')}>
            Overwrite if newer
          </button>
          {request.canResume && (
            <button type="button" className="button" data-autofocus onClick={() => choose('resume')}>
              Resume
            </button>
          )}
          <button type="submit" className="button" disabled={problem !== null}>
            Rename
          </button>
          <button type="button" className="button button-primary" data-autofocus={request.canResume ? undefined : true} onClick={() => choose('skip')}>
            Skip
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function FileSide({ title, file, newer }: { title: string; file: FileExistsRequest['source']; newer: boolean }) {
  return (
    <div className={`exists-side${newer ? ' is-newer' : ''}`}>
      <dt>
        {title}
        {newer && <span className="exists-badge">Newer</span>}
      </dt>
      <dd className="exists-path" title={file.path}>
        {file.path}
      </dd>
      <dd>{file.size !== undefined ? `${formatSize(file.size)} (${file.size.toLocaleString()} bytes)` : 'Size unknown'}</dd>
      <dd>{file.modified !== undefined ? formatFullDate(file.modified) : 'Modified: unknown'}</dd>
    </div>
  );
}
