import type { SliceContext } from './editor-state';
import type { EditorState } from './editor-state';
import { sameSnapshot, snapshotOf } from './graph-document';

/** zundo keeps at most this many undo steps. */
export const HISTORY_LIMIT = 500;

/**
 * Applies one edit as one undo step. A drag still in progress is closed first, so an edit made
 * mid-drag (a key press) is never folded into the drag's step or lost while history is paused.
 */
export function commit(ctx: SliceContext, patch: Partial<EditorState>): void {
  finishDrag(ctx);
  ctx.set(patch);
}

/**
 * Ends a drag: resumes history and, if anything moved, records the document as it was when the
 * drag began as a single undo step (the moves in between were made with history paused).
 */
export function finishDrag(ctx: SliceContext): void {
  const start = ctx.get().dragStart;
  if (!start) return;
  const history = ctx.history();
  history.getState().resume();
  ctx.set({ dragStart: null });
  if (sameSnapshot(start, snapshotOf(ctx.get()))) return;
  const past = [...history.getState().pastStates, start];
  history.setState({ pastStates: past.slice(-HISTORY_LIMIT), futureStates: [] });
}
