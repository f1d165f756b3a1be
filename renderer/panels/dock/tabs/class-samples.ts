/**
 * Which of an inspection's class-major samples (`perClass` draws for each of `classes` labels,
 * rows k·perClass … (k + 1)·perClass − 1 for label k) the Samples tab shows for a choice of label.
 */

/** What the label chooser offers: every label (a row each), or one label's full grid. */
export type LabelChoice = 'all' | number;

/** Images per row when every label is shown (the inspection may hold more per label). */
export const ROW_PER_LABEL = 8;

/** Where the samples are: classes × perClass images, class-major. */
export interface ClassLayout {
  readonly classes: number;
  readonly perClass: number;
}

/**
 * The image indices shown for `choice`: the first `min(perRow, perClass)` draws of each label,
 * label after label, for 'all'; every draw of label k for k. A label outside 0 … classes − 1 shows
 * nothing.
 */
export function shownIndices(layout: ClassLayout, choice: LabelChoice, perRow: number = ROW_PER_LABEL): number[] {
  const { classes, perClass } = layout;
  if (choice === 'all') {
    const row = Math.min(perRow, perClass);
    return Array.from({ length: classes * row }, (_, i) => Math.floor(i / row) * perClass + (i % row));
  }
  if (!Number.isInteger(choice) || choice < 0 || choice >= classes) return [];
  return Array.from({ length: perClass }, (_, j) => choice * perClass + j);
}

/**
 * Columns of one label's grid: rows of 8 (16 draws: 2 rows of twice the size of the rows of every
 * label, which fit the dock's usual height beside the reconstructions).
 */
export function labelGridColumns(perClass: number): number {
  return Math.max(1, Math.min(ROW_PER_LABEL, Math.floor(perClass)));
}

/** The choice still valid for a layout (a run with fewer classes falls back to every label). */
export function validChoice(choice: LabelChoice, classes: number): LabelChoice {
  return choice === 'all' || (Number.isInteger(choice) && choice >= 0 && choice < classes) ? choice : 'all';
}
