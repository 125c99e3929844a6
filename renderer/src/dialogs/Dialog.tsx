import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  /** Text that explains the dialog, read after the title. */
  readonly description?: ReactNode;
  readonly onCancel: () => void;
  readonly children: ReactNode;
  /** `alertdialog` for warnings that interrupt (a changed certificate, clear text). */
  readonly role?: 'dialog' | 'alertdialog';
  /** Extra classes on the dialog box: a size (`dialog-wide`) or a tone (`dialog-warning`). */
  readonly className?: string;
  /** Shown before the title, e.g. a warning sign. */
  readonly icon?: ReactNode;
}

const FOCUSABLE =
  'button:not([disabled]), summary, input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: labelled by its title, Tab kept inside, Escape cancels, and focus
 * returns to where it was when the dialog closes. The first element with
 * `data-autofocus` (else the first focusable one) gets the focus on open.
 */
export function Dialog({ title, description, onCancel, children, role = 'dialog', className, icon }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    // Controls in hidden tab panels cannot take focus: the trap must wrap at visible ones.
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {icon}
          <span>{title}</span>
        </h2>
        {description && (
          <div id={descriptionId} className="dialog-description">
            {description}
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
