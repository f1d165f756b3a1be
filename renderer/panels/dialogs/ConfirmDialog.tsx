import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

/** A choice offered by {@link ConfirmDialog}. */
export interface ConfirmChoice {
  readonly label: string;
  readonly onChoose: () => void;
  readonly primary?: boolean;
  readonly danger?: boolean;
}

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly choices: readonly ConfirmChoice[];
  readonly onCancel: () => void;
}

/** A question with a few answers (unsaved changes, restoring a recovery copy). */
export function ConfirmDialog({ title, children, choices, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={choices.map((c, i) => (
        <button
          key={c.label}
          type="button"
          className={`button${c.primary ? ' button--primary' : ''}${c.danger ? ' button--danger' : ''}`}
          data-autofocus={(c.primary ?? i === 0) || undefined}
          onClick={c.onChoose}
        >
          {c.label}
        </button>
      ))}
    >
      {children}
    </Dialog>
  );
}
