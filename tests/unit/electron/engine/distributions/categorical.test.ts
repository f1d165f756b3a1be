import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Categorical, gumbelNoise, logSoftmax } from '../../../../../electron/engine/distributions';
import {
  BACKENDS,
  disposeAll,
  expectClose,
  expectFinite,
  meanOf,
  paramTensors,
  tensorFrom,
  torchReference,
  useBackend,
  values,
  varianceOf,
  expectOneTensorEachNoLeaks,
  expectMatchesTorch,
} from './support';

/** Float64 log-softmax of one row. */
function logSoftmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, x) => s + Math.exp(x - m), 0));
  return row.map((x) => x - lse);
}

describe.each(BACKENDS)('Categorical on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(torchReference.categorical)('matches torch.distributions log_prob, entropy and probs: $name', (c) => {
    const params = paramTensors(c.params);
    const value = tensorFrom(c.value, 'int32');
    const d = new Categorical(params.logits as tf.Tensor);
    expectMatchesTorch(d, value, c, 1e-5, 1e-7);
    disposeAll(params);
    value.dispose();
  });

  it('computes a stable log-softmax on this backend (wasm has no LogSoftmax kernel)', () => {
    const rows = [
      [1, 2, 3, 4],
      [80, -80, 0, 1e-3],
      [-1e9, 0, 0, 0],
    ];
    tf.tidy(() => {
      expectClose(values(logSoftmax(tf.tensor2d(rows))), rows.flatMap(logSoftmaxRow), 1e-6, 1e-6);
    });
  });

  it('gives log softmax(ℓ)[k] for int32 indices [B], float32 indices and [B, 1] indices alike', () => {
    const rows = [
      [0.5, -1, 2],
      [3, 0, -2],
    ];
    const expected = [logSoftmaxRow(rows[0] as number[])[2], logSoftmaxRow(rows[1] as number[])[0]] as number[];
    tf.tidy(() => {
      const d = new Categorical(tf.tensor2d(rows));
      expect(d.eventSize).toBe(3);
      expectClose(values(d.logProb(tf.tensor1d([2, 0], 'int32'))), expected);
      expectClose(values(d.logProb(tf.tensor1d([2, 0]))), expected);
      expectClose(values(d.logProb(tf.tensor2d([[2], [0]], undefined, 'int32'))), expected);
      expectClose(values(d.logProb(tf.tensor2d([[2], [0]]))), expected);
    });
  });

  it('returns [B] from logProb for [B] indices against shared [K] logits, and [1] from entropy', () => {
    tf.tidy(() => {
      const d = new Categorical(tf.tensor1d([0.1, 0.2, 0.3, 0.4]));
      expect(d.batchSize).toBe(1);
      expect(d.logProb(tf.tensor1d([0, 1, 2, 3, 3], 'int32')).shape).toEqual([5]);
      expect(d.entropy().shape).toEqual([1]);
      expect(d.mean().shape).toEqual([1, 4]);
    });
  });

  it('gives the entropy of a uniform distribution over K classes as log K', () => {
    tf.tidy(() => {
      expectClose(values(new Categorical(tf.zeros([2, 7])).entropy()), [Math.log(7), Math.log(7)]);
    });
  });

  it('stays finite for logits ±80 in logProb, entropy and their gradients', () => {
    const logits = tf.tensor2d([
      [80, -80, 0],
      [-80, 80, 80],
    ]);
    const index = tf.tensor1d([1, 0], 'int32');
    const d = new Categorical(logits);
    expectClose(values(d.logProb(index)), [-160, -160 - Math.log(2)]);
    const h = values(d.entropy());
    expectFinite(h);
    expectClose(h, [0, Math.log(2)], 1e-5, 1e-6);
    const gLogProb = tf.grad((l: tf.Tensor) => new Categorical(l).logProb(index).sum())(logits);
    expectFinite(values(gLogProb));
    const gEntropy = tf.grad((l: tf.Tensor) => new Categorical(l).entropy().sum())(logits);
    expectFinite(values(gEntropy));
    tf.dispose([logits, index]);
  });

  it('differentiates logProb w.r.t. the logits as onehot(k) − softmax(ℓ)', () => {
    const row = [0.3, -1.2, 2, 0.7];
    const logits = tf.tensor2d([row]);
    const index = tf.tensor1d([1], 'int32');
    const g = tf.grad((l: tf.Tensor) => new Categorical(l).logProb(index).sum())(logits);
    const p = logSoftmaxRow(row).map(Math.exp);
    expectClose(values(g), p.map((pk, k) => (k === 1 ? 1 : 0) - pk));
    tf.dispose([logits, index]);
  });

  it('draws class indices with frequencies softmax(ℓ) over 6000 draws', () => {
    const row = [1, 0, -1, 2];
    const logits = tf.tensor1d(row);
    const s = new Categorical(logits).sample(23, 6000);
    expect(s.dtype).toBe('int32');
    expect(s.shape).toEqual([6000]);
    const draws = values(s);
    const p = logSoftmaxRow(row).map(Math.exp);
    p.forEach((pk, k) => {
      const freq = draws.filter((x) => x === k).length / draws.length;
      expect(Math.abs(freq - pk)).toBeLessThan(4 * Math.sqrt((pk * (1 - pk)) / draws.length));
    });
    logits.dispose();
  });

  it('draws the same indices for the same seed and different ones for another seed', () => {
    tf.tidy(() => {
      const d = new Categorical(tf.zeros([64, 5]));
      const a = values(d.sample(8));
      expect(values(d.sample(8))).toEqual(a);
      expect(values(d.sample(9))).not.toEqual(a);
    });
  });

  it('gives a one-hot sample equal to the index sample for the same seed', () => {
    tf.tidy(() => {
      const d = new Categorical(tf.randomNormal([10, 4], 0, 1, 'float32', 1));
      const index = values(d.sample(5));
      const oneHot = d.sampleOneHot(5);
      expect(oneHot.shape).toEqual([10, 4]);
      expect(oneHot.dtype).toBe('float32');
      expect(values(oneHot)).toEqual(index.flatMap((k) => [0, 1, 2, 3].map((j) => (j === k ? 1 : 0))));
    });
  });

  it('passes zero gradient through sample and has no rsample', () => {
    const logits = tf.tensor2d([[0.5, -0.5, 0]]);
    const g = tf.grad((l: tf.Tensor) => new Categorical(l).sampleOneHot(2, 6).mul(tf.tensor1d([1, 2, 3])).sum())(
      logits,
    );
    expect(values(g)).toEqual([0, 0, 0]);
    const d = new Categorical(logits);
    expect(d.hasRsample).toBe(false);
    expect(() => d.rsample()).toThrow(/no reparameterised sample/);
    logits.dispose();
  });

  it('draws standard Gumbel noise: finite, mean γ ≈ 0.5772, variance π²/6', () => {
    const g = values(gumbelNoise([20000], 4));
    expectFinite(g);
    expect(Math.abs(meanOf(g) - 0.5772157)).toBeLessThan(0.05);
    expect(Math.abs(varianceOf(g) - Math.PI ** 2 / 6)).toBeLessThan(0.1);
  });

  it('leaks no tensors: each method returns exactly one tensor, and a tidy around all of them returns to the start', () => {
    const logits = tf.tensor2d([
      [0.1, 80, -80],
      [1, 2, 3],
    ]);
    const index = tf.tensor1d([0, 2]);
    const d = new Categorical(logits);
    const calls: (() => tf.Tensor)[] = [
      () => d.logProb(index),
      () => d.entropy(),
      () => d.sample(1),
      () => d.sampleOneHot(1),
      () => d.mean(),
      () => logSoftmax(logits),
      () => gumbelNoise([2, 3], 1),
      () => tf.grad((l: tf.Tensor) => new Categorical(l).logProb(index).sum())(logits),
    ];
    expectOneTensorEachNoLeaks(calls);
    tf.dispose([logits, index]);
  });

  it('rejects indices that are not [B] or [B, 1], or not numeric', () => {
    tf.tidy(() => {
      const d = new Categorical(tf.zeros([2, 3]));
      expect(() => d.logProb(tf.zeros([2, 3]))).toThrow(/\[B\] or \[B, 1\]/);
      expect(() => d.logProb(tf.tensor1d([true, false] as unknown as number[], 'bool'))).toThrow(/int32 or float32/);
      expect(() => d.logProb(tf.zeros([3]))).toThrow(/do not broadcast/);
    });
  });
});
