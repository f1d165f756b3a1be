/** A message of the status line or the toast. */
export interface StatusMessage {
  readonly text: string;
  /** `alert` for a refusal or a failure (shown as a toast and read out at once), `info` otherwise. */
  readonly tone: 'info' | 'alert';
  /** Changes with every message, so the same text shown twice is announced twice. */
  readonly id: number;
  /** The message describes the document as it was ("Saved vae.json"): it goes as soon as the document is edited. */
  readonly untilEdited?: boolean;
}

/** Props of {@link StatusLine}. */
export interface StatusLineProps {
  /** The last informational message ("Saved vae.json"). */
  readonly message: StatusMessage | null;
  readonly errors: number;
  readonly warnings: number;
  readonly nodes: number;
  readonly edges: number;
}

/** The bottom status line: the last message (a polite status) and the graph's counts. */
export function StatusLine({ message, errors, warnings, nodes, edges }: StatusLineProps) {
  return (
    <footer className="statusline">
      <div className="statusline__message" role="status" aria-live="polite">
        {message ? <span key={message.id}>{message.text}</span> : null}
      </div>
      <div className="statusline__right">
        {nodes} node{nodes === 1 ? '' : 's'} · {edges} edge{edges === 1 ? '' : 's'} ·{' '}
        {nodes === 0 ? (
          <span>empty</span>
        ) : errors === 0 && warnings === 0 ? (
          <span className="statusline__ok">ready to train</span>
        ) : (
          <span>
            {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
          </span>
        )}
      </div>
    </footer>
  );
}
