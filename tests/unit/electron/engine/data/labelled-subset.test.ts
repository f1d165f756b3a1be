import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../../../electron/engine/data/dataset';
import { knownLabelRows, labelledRows, UNKNOWN_LABEL, withLabelsWithheld } from '../../../../../electron/engine/data/labelled-subset';
import { loadMnist } from '../../../../../electron/engine/data/mnist';

/** A data set of n rows whose label is given, and whose x is the row number (to follow rows). */
function rows(labels: number[], categories: number) {
  return createDataset('toy', labels.length, {
    x: { size: 1, domain: 'real', values: Float32Array.from(labels, (_, i) => i) },
    label: { size: 1, domain: 'index', categories, values: Float32Array.from(labels) },
  });
}

const count = (labels: ArrayLike<number>, k: number) => Array.from(labels).filter((l) => l === k).length;

describe('keeping the labels of a few examples', () => {
  it('spreads them evenly over the classes of MNIST: 1,000 labels are 100 of each digit', () => {
    const ds = loadMnist({ split: 'train', pixels: 'binarized', limit: 20_000 });
    const semi = withLabelsWithheld(ds, { labelled: 1000, seed: 0, unlabelled: 'keep' });
    const labels = semi.columns.label!.values;
    expect(semi.length).toBe(20_000);
    for (let k = 0; k < 10; k++) expect(count(labels, k), `digit ${k}`).toBe(100);
    expect(count(labels, UNKNOWN_LABEL)).toBe(19_000);
    // The kept labels are the true ones, the pixels untouched.
    const original = ds.columns.label!.values;
    expect(labels.filter((l, i) => l >= 0 && l !== original[i]).length).toBe(0);
    // The pixels are shared, not copied (a full training set is 188 MB).
    expect(semi.columns.x!.values).toBe(ds.columns.x!.values);
  });

  it('drops the unlabelled examples when asked: the same labelled examples, alone', () => {
    const ds = loadMnist({ split: 'train', pixels: 'binarized', limit: 5000 });
    const kept = withLabelsWithheld(ds, { labelled: 250, seed: 3, unlabelled: 'keep' });
    const dropped = withLabelsWithheld(ds, { labelled: 250, seed: 3, unlabelled: 'drop' });
    const { known } = knownLabelRows(kept.columns.label!.values);
    expect(dropped.length).toBe(250);
    expect(Array.from(dropped.columns.label!.values)).toEqual(Array.from(known, (i) => ds.columns.label!.values[i]!));
    expect(Array.from(dropped.columns.x!.values.subarray(0, 784))).toEqual(Array.from(ds.columns.x!.values.subarray(known[0]! * 784, known[0]! * 784 + 784)));
    // 250 over 10 classes: 25 each.
    for (let k = 0; k < 10; k++) expect(count(dropped.columns.label!.values, k)).toBe(25);
  });

  it('is a function of the seed', () => {
    const labels = Array.from({ length: 300 }, (_, i) => i % 3);
    const a = labelledRows(Float32Array.from(labels), 3, 30, 1);
    expect(labelledRows(Float32Array.from(labels), 3, 30, 1)).toEqual(a);
    expect(labelledRows(Float32Array.from(labels), 3, 30, 2)).not.toEqual(a);
  });

  it('lets the other classes take the turns of a class with too few rows', () => {
    // Class 2 has 2 rows; 12 labels over 3 classes: 5, 5 and the 2 there are.
    const labels = [...Array(10).fill(0), ...Array(10).fill(1), 2, 2];
    const picked = labelledRows(Float32Array.from(labels), 3, 12, 0);
    const classes = Array.from(picked, (i) => labels[i]!);
    expect([count(classes, 0), count(classes, 1), count(classes, 2)]).toEqual([5, 5, 2]);
    // 13 labels: 11 and 12 go one to each, in turn (class 0 first).
    const more = Array.from(labelledRows(Float32Array.from(labels), 3, 13, 0), (i) => labels[i]!);
    expect([count(more, 0), count(more, 1), count(more, 2)]).toEqual([6, 5, 2]);
  });

  it('refuses more labels than rows, a data set without labels, and labels out of range', () => {
    expect(() => withLabelsWithheld(rows([0, 1, 0], 2), { labelled: 4, seed: 0, unlabelled: 'keep' })).toThrow(/from 1 to 3, got 4/);
    const noLabel = createDataset('nolabel', 2, { x: { size: 1, domain: 'real', values: new Float32Array(2) } });
    expect(() => withLabelsWithheld(noLabel, { labelled: 1, seed: 0, unlabelled: 'keep' })).toThrow(/'nolabel' has no column of class labels/);
    expect(() => labelledRows(Float32Array.from([0, 5]), 2, 1, 0)).toThrow(/row 1 has label 5/);
  });
});
