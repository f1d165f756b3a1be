/**
 * Semi-supervised data: keep the labels of a few training examples, as evenly spread over the
 * classes as the data allow, and withhold the others' (label −1), or drop the unlabelled examples
 * altogether (a supervised subset of the same labelled examples).
 */
import { createRng, deriveSeed, shuffleInPlace } from '../random/prng';
import { subset, type Dataset } from './dataset';

/** The label of a row whose label is withheld. */
export const UNKNOWN_LABEL = -1;

/** Its own random stream, so which labels are kept is unrelated to other uses of the seed. */
const LABEL_TAG = 0x6c61626c; // 'labl'

export interface LabelledOptions {
  /** How many examples keep their label (at most the data set's length). */
  readonly labelled: number;
  readonly seed: number;
  /** 'keep': the others stay with label −1; 'drop': only the labelled examples remain. */
  readonly unlabelled: 'keep' | 'drop';
}

/**
 * The rows that keep their label, in increasing order: each class's rows shuffled by the seed,
 * then taken in turns, one per class, so every class has ⌊n / K⌋ or ⌈n / K⌉ (a class with too few
 * rows gives what it has and the others take its turns).
 *
 * @throws RangeError when the column has no classes, or n is not a whole number in 1..rows
 */
export function labelledRows(label: Float32Array, categories: number, n: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 1 || n > label.length) throw new RangeError(`the number of labelled examples must be a whole number from 1 to ${label.length}, got ${String(n)}`);
  const byClass: number[][] = Array.from({ length: categories }, () => []);
  label.forEach((l, i) => {
    if (!Number.isInteger(l) || l < 0 || l >= categories) throw new RangeError(`row ${i} has label ${l}, not a class 0..${categories - 1}`);
    byClass[l]!.push(i);
  });
  byClass.forEach((rows, c) => shuffleInPlace(rows, createRng(deriveSeed(seed, LABEL_TAG, c))));
  const picked: number[] = [];
  for (let turn = 0; picked.length < n; turn++) {
    for (let c = 0; c < categories && picked.length < n; c++) {
      const row = byClass[c]![turn];
      if (row !== undefined) picked.push(row);
    }
  }
  return Int32Array.from(picked).sort();
}

/**
 * `ds` with the labels of all but `labelled` examples withheld (−1), or those examples dropped.
 *
 * @throws RangeError when `ds` has no index column `label`, or as labelledRows
 */
export function withLabelsWithheld<D extends Dataset>(ds: D, options: LabelledOptions): D {
  const column = ds.columns.label;
  if (!column || column.domain !== 'index' || column.size !== 1 || !column.categories) throw new RangeError(`data set '${ds.name}' has no column of class labels to withhold`);
  const keep = labelledRows(column.values, column.categories, options.labelled, options.seed);
  if (options.unlabelled === 'drop') return { ...subset(ds, keep), name: `${ds.name} (${options.labelled} labelled)` };
  const values = new Float32Array(ds.length).fill(UNKNOWN_LABEL);
  for (const i of keep) values[i] = column.values[i]!;
  return { ...ds, name: `${ds.name} (${options.labelled} labelled)`, columns: { ...ds.columns, label: { ...column, values } } };
}

/** The rows whose label is known (≥ 0) and those whose label is withheld, each in increasing order. */
export function knownLabelRows(label: Float32Array): { readonly known: Int32Array; readonly unknown: Int32Array } {
  const known: number[] = [];
  const unknown: number[] = [];
  label.forEach((l, i) => (l >= 0 ? known : unknown).push(i));
  return { known: Int32Array.from(known), unknown: Int32Array.from(unknown) };
}
