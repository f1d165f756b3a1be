/** A message of the status line. */
export interface StatusMessage {
  readonly text: string;
  /** `alert` for a refusal or a failure (read out at once), `info` otherwise. */
  readonly tone: 'info' | 'alert';
  /** Changes with every message, so the same text shown twice is announced twice. */
  readonly id: number;
}

/** Props of {@link StatusLine}. */
export interface StatusLineProps {
  readonly message: StatusMessage | null;
  /** A hint while a connection is dragged (why this port would refuse it), shown over the message. */
  readonly hint?: string | null;
  readonly onDismiss: () => void;
}

/**
 * The bottom status line. Refusals (an edge that cannot be valid, a duplicate name) are alerts; the
 * live hint while dragging a connection is a polite status.
 */
export function StatusLine({ message, hint, onDismiss }: StatusLineProps) {
  return (
    <footer className="statusline">
      <div className="statusline__hint" role="status" aria-live="polite">
        {hint ? <span className="statusline__refusal">Cannot connect: {hint}</span> : null}
      </div>
      {message && !hint ? (
        <div key={message.id} className={`statusline__message statusline__message--${message.tone}`} role={message.tone === 'alert' ? 'alert' : 'status'}>
          <span>{message.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss message" onClick={onDismiss}>
            ×
          </button>
        </div>
      ) : null}
    </footer>
  );
}
