import type { StatusMessage } from './StatusLine';

/** Props of {@link Toast}. */
export interface ToastProps {
  /** Why the edge being dragged would be refused at the port under the pointer (live, while dragging). */
  readonly hint: string | null;
  /** The last refusal or failure. */
  readonly alert: StatusMessage | null;
  readonly onDismiss: () => void;
}

/**
 * A message over the canvas, where the hand is: while a connection is dragged over a port that
 * refuses it, why (a polite status); after a refusal or failure, the reason (an alert).
 */
export function Toast({ hint, alert, onDismiss }: ToastProps) {
  return (
    <>
      <div className="toast-region" role="status" aria-live="polite">
        {hint ? <div className="toast toast--hint">Cannot connect: {hint}</div> : null}
      </div>
      {alert && !hint ? (
        <div key={alert.id} className="toast toast--alert" role="alert">
          <span>{alert.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      ) : null}
    </>
  );
}
