import { finishDrag } from './commit';
import type { SliceCreator } from './editor-state';

/** Undo and redo over document snapshots (zundo's temporal middleware keeps them). */
export interface HistorySlice {
  /** Whether there is an edit to undo; kept in step with the history so components can select it. */
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  undo(): void;
  redo(): void;
}

/** The history slice: undo/redo forwarded to zundo; canUndo/canRedo are kept current by createEditorStore. */
export const createHistorySlice: SliceCreator<HistorySlice> = (ctx) => ({
  canUndo: false,
  canRedo: false,
  // A drag in progress is recorded first, so undo takes back the drag rather than the edit before it.
  undo: () => {
    finishDrag(ctx);
    ctx.history().getState().undo();
  },
  redo: () => {
    finishDrag(ctx);
    ctx.history().getState().redo();
  },
});
