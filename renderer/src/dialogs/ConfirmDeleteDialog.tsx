import { Dialog } from './Dialog';
import { plural } from '../files/format';
import { useSubmit } from './useSubmit';
import { FieldError } from './FieldError';

interface ConfirmDeleteDialogProps {
  readonly names: readonly string[];
  /** True when the files cannot go to the trash: the wording must say it is final. */
  readonly permanent: boolean;
  /** Folders go with everything in them (remote deletes are recursive): say so. */
  readonly recursive?: boolean;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}

// Enough names to recognise the selection without turning the dialog into a list.
const SHOWN_NAMES = 5;

/** Confirms a deletion; says plainly whether it can be undone. */
export function ConfirmDeleteDialog({ names, permanent, recursive, onConfirm, onClose }: ConfirmDeleteDialogProps) {
  const { pending, error, submit } = useSubmit(onConfirm, onClose);
  const items = plural(names.length, 'item');
  const contents = recursive ? ' Folders are deleted with everything in them.' : '';
  const question = permanent ? `Delete ${items} permanently?${contents} This cannot be undone.` : `Move ${items} to the trash?`;
  const more = names.length - SHOWN_NAMES;
  return (
    <Dialog title={permanent ? 'Delete permanently' : 'Move to trash'} description={question} onCancel={onClose}>
      <ul className="dialog-names">
        {names.slice(0, SHOWN_NAMES).map((name) => (
          <li key={name}>{name}</li>
        ))}
        {more > 0 && <li className="dialog-more">and {plural(more, 'more item')}</li>}
      </ul>
      <FieldError message={error} />
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" data-autofocus className="button button-danger" disabled={pending} onClick={() => void submit()}>
          {permanent ? 'Delete' : 'Move to trash'}
        </button>
      </div>
    </Dialog>
  );
}
