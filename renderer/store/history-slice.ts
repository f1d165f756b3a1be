import { finishDrag } from './commit';
import type { SliceCreator } from './editor-state';

/** Undo and redo over document snapshots (zundo's temporal middleware keeps them). */
export interface HistorySlice {
  /** Whether there is an edit to undo; kept in step with the history so components can select it. */
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /**
   * Counts undos and redos (outside the history): the canvas watches it to bring back into view
   * the nodes an undo or redo moved or restored.
   */
  readonly historyMoves: number;
  undo(): void;
  redo(): void;
}

/** The history slice: undo/redo forwarded to zundo; canUndo/canRedo are kept current by createEditorStore. */
export const createHistorySlice: SliceCreator<HistorySlice> = (ctx) => ({
  canUndo: false,
  canRedo: false,
  historyMoves: 0,
  // A drag in progress is recorded first, so undo takes back the drag rather than the edit before it.
  undo: () => {
    finishDrag(ctx);
    ctx.history().getState().undo();
    ctx.set({ historyMoves: ctx.get().historyMoves + 1 });
  },
  redo: () => {
    finishDrag(ctx);
    ctx.history().getState().redo();
    ctx.set({ historyMoves: ctx.get().historyMoves + 1 });
  },
});
