import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { GraphFile } from '../../shared/graph/index';
import { createClipboardSlice } from './clipboard-slice';
import { createDataChecksSlice } from './data-checks-slice';
import { HISTORY_LIMIT } from './commit';
import { withDerived } from './derived';
import { createDocumentSlice } from './document-slice';
import { createEditSlice } from './edit-slice';
import type { EditorState, EditorStore, HistoryStore, SliceContext } from './editor-state';
import { sameSnapshot, snapshotOf } from './graph-document';
import { createHistorySlice } from './history-slice';
import { createSelectionSlice } from './selection-slice';
import { createTrainingDraftsSlice } from './training-drafts-slice';
import { createValidationSlice } from './validation-slice';
import type { DocSnapshot } from './types';

/**
 * Creates an editor store (vanilla zustand, usable without React), optionally with a document
 * open. Undo history covers the document only (see DocSnapshot); an update that leaves the
 * document's objects untouched (selecting, copying, panning) adds no undo step.
 */
export function createEditorStore(file?: GraphFile): EditorStore {
  const store = createStore<EditorState>()(
    withDerived(
      temporal<EditorState, [], [], DocSnapshot>(
        (set, get, api) => {
          const ctx: SliceContext = {
            set: (patch) => set(patch),
            get,
            // zundo attaches the history store before calling this initializer.
            history: () => (api as unknown as { temporal: HistoryStore }).temporal,
          };
          return {
            ...createDocumentSlice(ctx),
            ...createEditSlice(ctx),
            ...createSelectionSlice(ctx),
            ...createClipboardSlice(ctx),
            ...createValidationSlice(ctx),
            ...createHistorySlice(ctx),
            ...createDataChecksSlice(ctx),
            ...createTrainingDraftsSlice(ctx),
          };
        },
        { partialize: snapshotOf, equality: sameSnapshot, limit: HISTORY_LIMIT },
      ),
    ),
  );
  // canUndo/canRedo live in the editor state so components select them like anything else.
  store.temporal.subscribe((h) => {
    const canUndo = h.pastStates.length > 0;
    const canRedo = h.futureStates.length > 0;
    const s = store.getState();
    if (s.canUndo !== canUndo || s.canRedo !== canRedo) store.setState({ canUndo, canRedo });
  });
  if (file) store.getState().loadDocument(file);
  return store;
}
