import type { SliceCreator } from './editor-state';

/** A training setting typed out of its range: shown in its field and listed, never applied. */
export interface TrainingDraft {
  /** What was typed. */
  readonly value: number;
  /** The field's label, e.g. "Batch size". */
  readonly label: string;
  /** Why it is not applied, e.g. "at most 65,536". */
  readonly message: string;
}

/**
 * Out-of-range training settings, by setting path ("batchSize", "optimizer.learningRate").
 *
 * Node params keep an out-of-range value in the document (the analysis reports it, and a file with
 * it opens again with the same problem). Training settings cannot: the file format checks them
 * when a file is opened, so a saved out-of-range value would make the file fail to open. They
 * stay here instead, outside the document and its undo history, until fixed or a document is
 * opened; their problems are merged into `problems` like the others (outside-problems.ts).
 */
export interface TrainingDraftsSlice {
  readonly trainingDrafts: Readonly<Record<string, TrainingDraft>>;
  /** Sets a setting's draft, or removes it (`undefined`: the field holds a valid value again). */
  setTrainingDraft(path: string, draft: TrainingDraft | undefined): void;
}

export const createTrainingDraftsSlice: SliceCreator<TrainingDraftsSlice> = ({ get, set }) => ({
  trainingDrafts: {},
  setTrainingDraft: (path, draft) => {
    const drafts = get().trainingDrafts;
    if (draft === undefined) {
      if (!(path in drafts)) return;
      const { [path]: _, ...rest } = drafts;
      set({ trainingDrafts: rest });
    } else set({ trainingDrafts: { ...drafts, [path]: draft } });
  },
});
