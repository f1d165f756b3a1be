import { useEffect, useState } from 'react';
import { keyboardConnection, pendingPrompt, useKeyboardConnection } from './keyboard-connection';

/** Props of {@link KeyboardConnectionStatus}. */
export interface KeyboardConnectionStatusProps {
  /** A refused keyboard connection, said where a refused drop is said (the alert toast). */
  readonly onRefused: (reason: string) => void;
}

/** How long "Connected a to b" stays on the canvas after a keyboard connection. */
const DONE_MS = 4000;

/**
 * The keyboard connection as the canvas shows it: while one is open, a banner naming where it
 * started and what to do next, in a polite live region (so a screen reader says it); afterwards,
 * briefly, what was connected. Refusals go to `onRefused`, the same path as a refused drop, and
 * Escape cancels from anywhere in the window, not only from a handle.
 */
export function KeyboardConnectionStatus({ onRefused }: KeyboardConnectionStatusProps) {
  const pending = useKeyboardConnection((s) => s.pending);
  const notice = useKeyboardConnection((s) => s.notice);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!notice) return;
    if (notice.tone === 'alert') onRefused(notice.text);
    else if (notice.text.startsWith('Connected ')) setDone(notice.text);
  }, [notice, onRefused]);

  useEffect(() => {
    if (pending) setDone(null);
  }, [pending]);

  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), DONE_MS);
    return () => clearTimeout(t);
  }, [done]);

  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      keyboardConnection.getState().cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending]);

  const text = pending ? pendingPrompt(pending) : done;
  return (
    <div className="keyboard-connect-region" role="status" aria-live="polite">
      {text ? <div className={`keyboard-connect${pending ? ' keyboard-connect--open' : ''}`}>{text}</div> : null}
    </div>
  );
}
