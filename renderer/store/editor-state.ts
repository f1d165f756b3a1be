import type { StoreApi } from 'zustand/vanilla';
import type { TemporalState } from 'zundo';
import type { ClipboardSlice } from './clipboard-slice';
import type { DataChecksSlice } from './data-checks-slice';
import type { DocumentSlice } from './document-slice';
import type { EditSlice } from './edit-slice';
import type { HistorySlice } from './history-slice';
import type { SelectionSlice } from './selection-slice';
import type { TrainingDraftsSlice } from './training-drafts-slice';
import type { ValidationSlice } from './validation-slice';
import type { DocSnapshot } from './types';

/** The whole editor state: one store of typed slices. */
export type EditorState = DocumentSlice & EditSlice & SelectionSlice & ClipboardSlice & ValidationSlice & HistorySlice & DataChecksSlice & TrainingDraftsSlice;

/** zundo's history store for the editor: past and future document snapshots. */
export type HistoryStore = StoreApi<TemporalState<DocSnapshot>>;

/** The editor store: a vanilla zustand store with its undo history beside it. */
export type EditorStore = StoreApi<EditorState> & { readonly temporal: HistoryStore };

/** What a slice is built from: the store's set/get and its history. */
export interface SliceContext {
  readonly set: (patch: Partial<EditorState>) => void;
  readonly get: () => EditorState;
  readonly history: () => HistoryStore;
}

/** Builds one slice's state and actions. */
export type SliceCreator<T> = (ctx: SliceContext) => T;
