import { createStore } from 'zustand/vanilla';

/** An answer of a {@link Question}: the `id` of a choice, or null when the dialog was dismissed. */
export interface QuestionChoice {
  readonly id: string;
  readonly label: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
}

/**
 * What a command may ask of the user, by kind; the answer each kind resolves to is in
 * {@link DialogAnswers}. A command asks with {@link ask} and awaits the answer: no command renders
 * a dialog, and {@link DialogHost} (rendered once) shows whichever is asked.
 */
export type DialogRequest =
  /** A question with a few answers (unsaved changes, deleting a run, a second run). */
  | { readonly kind: 'question'; readonly title: string; readonly body: string; readonly choices: readonly QuestionChoice[] }
  /** Web mode's Open: a graph file of the project folder or a recent one. */
  | { readonly kind: 'open'; readonly recent: readonly string[] }
  /** Web mode's Save As: a file name in the project folder. */
  | { readonly kind: 'fileName'; readonly initial: string; readonly existing: readonly string[] }
  /** The Export dialog of a run (it does the export itself). */
  | { readonly kind: 'export'; readonly runId: string };

/** The answer each kind of request resolves to (null: dismissed). */
export interface DialogAnswers {
  question: string | null;
  open: string | null;
  fileName: string | null;
  export: null;
}

export type DialogKind = DialogRequest['kind'];
type RequestOf<K extends DialogKind> = Extract<DialogRequest, { kind: K }>;

/** A request waiting for its answer. */
export interface PendingDialog {
  readonly id: number;
  readonly request: DialogRequest;
  readonly answer: (value: DialogAnswers[DialogKind]) => void;
}

/** The requests in the order asked; the first is on screen. */
export interface DialogQueueState {
  readonly queue: readonly PendingDialog[];
}

/** The window's dialog queue. */
export const dialogQueue = createStore<DialogQueueState>(() => ({ queue: [] }));

let next = 0;

/**
 * Asks the user and resolves with the answer once they give it. Requests made while a dialog is
 * open wait their turn, so no question replaces another unanswered.
 */
export function ask<K extends DialogKind>(request: RequestOf<K>): Promise<DialogAnswers[K]> {
  return new Promise((resolve) => {
    const id = ++next;
    const answer = (value: DialogAnswers[DialogKind]) => {
      dialogQueue.setState((s) => ({ queue: s.queue.filter((d) => d.id !== id) }));
      resolve(value as DialogAnswers[K]);
    };
    dialogQueue.setState((s) => ({ queue: [...s.queue, { id, request, answer }] }));
  });
}
