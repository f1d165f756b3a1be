import { useCallback, useEffect, useRef, useState } from 'react';
import type { StatusMessage } from '../panels/StatusLine';

/** How long messages stay: refusals a little longer, since they explain something. */
export const ALERT_MS = 7000;
export const INFO_MS = 4000;

/** The window's two message slots and the way to fill them. */
export interface Messages {
  /** The latest information ("Saved vae.json"), shown in the status line. */
  readonly info: StatusMessage | null;
  /** The latest refusal or failure, shown as a toast over the canvas. */
  readonly alert: StatusMessage | null;
  notify(text: string, tone?: 'info' | 'alert', options?: NotifyOptions): void;
  dismissAlert(): void;
  /** Takes down the information that described the document before an edit (see {@link NotifyOptions.untilEdited}). */
  documentEdited(): void;
}

/** How long a message holds. */
export interface NotifyOptions {
  /** It states something about the document that an edit (or an undo) makes untrue: "Saved vae.json". */
  readonly untilEdited?: boolean;
}

/** Messages that clear themselves: an alert after {@link ALERT_MS}, information after {@link INFO_MS}. */
export function useMessages(): Messages {
  const [info, setInfo] = useState<StatusMessage | null>(null);
  const [alert, setAlert] = useState<StatusMessage | null>(null);
  const counter = useRef(0);

  const notify = useCallback((text: string, tone: 'info' | 'alert' = 'info', options: NotifyOptions = {}) => {
    const m: StatusMessage = { text, tone, id: ++counter.current, ...(options.untilEdited && { untilEdited: true }) };
    if (tone === 'alert') setAlert(m);
    else setInfo(m);
  }, []);
  const dismissAlert = useCallback(() => setAlert(null), []);
  const documentEdited = useCallback(() => setInfo((m) => (m?.untilEdited ? null : m)), []);

  useEffect(() => {
    if (!alert) return;
    const t = setTimeout(() => setAlert((a) => (a === alert ? null : a)), ALERT_MS);
    return () => clearTimeout(t);
  }, [alert]);
  useEffect(() => {
    if (!info) return;
    const t = setTimeout(() => setInfo((m) => (m === info ? null : m)), INFO_MS);
    return () => clearTimeout(t);
  }, [info]);

  return { info, alert, notify, dismissAlert, documentEdited };
}
