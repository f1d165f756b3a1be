import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditorStore } from '../store/index';
import { editorStore } from '../store/use-editor';
import type { PortChoice } from './port-choices';

/** One end of a connection made with the keyboard: a port, its direction and its label. */
export interface KeyboardEnd extends PortChoice {
  readonly direction: 'in' | 'out';
}

/** What the keyboard connection last said: a prompt or a result (info) or a refusal (alert). */
export interface ConnectionNotice {
  readonly text: string;
  readonly tone: 'info' | 'alert';
  /** Changes with every notice, so the same refusal twice is said twice. */
  readonly id: number;
}

/**
 * A connection drawn with the keyboard: Enter on a port starts it, Enter on a port of the other
 * direction finishes it through the editor's `connect` (canConnect, the rule a drag asks; one undo
 * step), Escape cancels. Kept apart from the editor store because it is a gesture in progress,
 * like a drag, and never part of the document or its history.
 */
export interface KeyboardConnectionState {
  /** The port the connection started from, or null when none is being made. */
  readonly pending: KeyboardEnd | null;
  readonly notice: ConnectionNotice | null;
  /** Enter or Space on a port's handle: starts, restarts, finishes, or (the same port again) cancels. */
  press(end: KeyboardEnd): void;
  /** Escape: drops the connection in progress, if any. */
  cancel(): void;
}

/** The prompt while a connection is in progress (read out by the canvas's live region). */
export function pendingPrompt(end: KeyboardEnd): string {
  return end.direction === 'out'
    ? `Connecting from ${end.label}: choose an input and press Enter, Escape to cancel`
    : `Connecting to ${end.label}: choose an output and press Enter, Escape to cancel`;
}

const samePort = (a: KeyboardEnd, b: KeyboardEnd) => a.node === b.node && a.port === b.port && a.direction === b.direction;

/** A keyboard-connection store over an editor store (tests pass their own editor). */
export function createKeyboardConnection(editor: EditorStore): StoreApi<KeyboardConnectionState> {
  let ids = 0;
  const notice = (text: string, tone: 'info' | 'alert' = 'info'): ConnectionNotice => ({ text, tone, id: ++ids });
  const store = createStore<KeyboardConnectionState>()((set, get) => ({
    pending: null,
    notice: null,
    press: (end) => {
      const from = get().pending;
      if (from && samePort(from, end)) return get().cancel();
      if (!from || from.direction === end.direction) {
        set({ pending: end, notice: notice(pendingPrompt(end)) });
        return;
      }
      const [source, target] = from.direction === 'out' ? [from, end] : [end, from];
      const r = editor.getState().connect({ node: source.node, port: source.port }, { node: target.node, port: target.port });
      // A refusal keeps the connection open, so another port can be tried without starting over.
      if (r.ok) set({ pending: null, notice: notice(`Connected ${source.label} to ${target.label}`) });
      else set({ notice: notice(r.reason, 'alert') });
    },
    cancel: () => {
      if (get().pending) set({ pending: null, notice: notice('Connection cancelled') });
    },
  }));
  // A node removed (deleted, undone, another document opened) takes its half-made connection along.
  editor.subscribe((s) => {
    const p = store.getState().pending;
    if (p && !s.nodes.some((n) => n.id === p.node)) store.setState({ pending: null, notice: null });
  });
  return store;
}

/** The window's keyboard connection, over the window's editor store. */
export const keyboardConnection = createKeyboardConnection(editorStore);

/** Reads the keyboard connection in a component (select narrow values, as with useEditor). */
export function useKeyboardConnection<T>(selector: (state: KeyboardConnectionState) => T): T {
  return useStore(keyboardConnection, selector);
}
