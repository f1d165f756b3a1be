import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { CategoricalCounts, makeDistribution } from '../../../../../electron/engine/distributions';
import { BACKENDS, expectClose, useBackend, values } from './support';

/** Float64 log-softmax of one row. */
function logSoftmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, x) => s + Math.exp(x - m), 0));
  return row.map((x) => x - lse);
}

const LOGITS = [
  [0.5, -1.2, 2.0, 0.0, -3.1],
  [10.0, 9.5, -4.0, 1.0, 0.2],
];
/** Two documents as bags of words: 7 and 3 tokens. */
const COUNTS = [
  [2, 0, 4, 1, 0],
  [0, 1, 0, 0, 2],
];

describe.each(BACKENDS)('Categorical over the words of a bag (counts) on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('scores a bag as the sum of its tokens\' log-probabilities, each token a draw from softmax(logits)', () => {
    const d = new CategoricalCounts(tf.tensor2d(LOGITS));
    // Independent: the tokens listed one by one, each scored by a float64 log-softmax.
    const expected = COUNTS.map((row, r) => {
      const lp = logSoftmaxRow(LOGITS[r]!);
      const tokens = row.flatMap((c, k) => Array<number>(c).fill(k));
      return tokens.reduce((s, k) => s + lp[k]!, 0);
    });
    expectClose(values(d.logProb(tf.tensor2d(COUNTS))), expected, 1e-5, 1e-4);
    expectClose(values(d.logProb(tf.tensor2d(COUNTS, undefined, 'int32'))), expected, 1e-5, 1e-4);
    expect(d.logProbPerDim(tf.tensor2d(COUNTS)).shape).toEqual([2, 1]);
    // Shared logits [1, K] broadcast over the documents.
    const shared = new CategoricalCounts(tf.tensor2d([LOGITS[0]!]));
    const lp0 = logSoftmaxRow(LOGITS[0]!);
    expectClose(values(shared.logProb(tf.tensor2d(COUNTS))), COUNTS.map((row) => row.reduce((s, c, k) => s + c * lp0[k]!, 0)), 1e-5, 1e-4);
  });

  it('has the gradient c − N·softmax(logits) with respect to the logits', () => {
    const g = tf.grad((l: tf.Tensor) => new CategoricalCounts(l).logProb(tf.tensor2d(COUNTS)).sum())(tf.tensor2d(LOGITS));
    const expected = COUNTS.flatMap((row, r) => {
      const n = row.reduce((a, b) => a + b, 0);
      return logSoftmaxRow(LOGITS[r]!).map((lp, k) => row[k]! - n * Math.exp(lp));
    });
    expectClose(values(g), expected, 1e-4, 1e-5);
  });

  it('refuses counts of another vocabulary size, and what needs a number of tokens', () => {
    const d = makeDistribution('categorical-counts', { logits: tf.tensor2d(LOGITS) });
    expect(() => d.logProb(tf.zeros([2, 4]))).toThrow(/event size 5/);
    expect(() => d.sample(1)).toThrow(/number of tokens/);
    expect(() => d.entropy()).toThrow(/number of tokens/);
    expectClose(values(d.mean()), LOGITS.flatMap((row) => logSoftmaxRow(row).map(Math.exp)), 1e-5, 1e-6);
  });
});
