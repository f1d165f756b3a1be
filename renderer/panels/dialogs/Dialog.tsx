import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Props of {@link Dialog}. */
export interface DialogProps {
  readonly title: string;
  /** Called on Escape, on the close button and on a click outside. */
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** The buttons row at the bottom. */
  readonly actions?: ReactNode;
  /** Called when the form is submitted (Enter in a field). */
  readonly onSubmit?: () => void;
  readonly className?: string;
}

/**
 * A modal dialog on the native <dialog> element: focus is kept inside, Escape closes it, and the
 * page behind it is inert. It opens when mounted; unmount it to close it. The element marked
 * `data-autofocus` gets the focus first.
 */
export function Dialog({ title, onClose, children, actions, onSubmit, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // showModal focuses the first focusable element (the close button); React's autoFocus sets no
    // attribute the dialog could see, so the control meant to start with is marked and focused here.
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <form
        method="dialog"
        className="dialog__form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.();
        }}
      >
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        {actions ? <footer className="dialog__actions">{actions}</footer> : null}
      </form>
    </dialog>
  );
}
