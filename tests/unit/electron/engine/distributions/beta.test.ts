import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Beta, digamma } from '../../../../../electron/engine/distributions';
import {
  DRAWS,
  continuousReference,
  expectBuiltByName,
  expectMoments,
  expectSeeded,
  expectShapes,
  orderedParams,
} from './continuous-support';
import {
  BACKENDS,
  expectClose,
  expectFinite,
  expectMatchesTorch,
  expectOneTensorEachNoLeaks,
  tensorFrom,
  useBackend,
  values,
} from './support';

const ref = continuousReference;

describe.each(BACKENDS)('Beta on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(ref.beta)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const [a, b] = orderedParams('beta', c.params) as [tf.Tensor, tf.Tensor];
    const value = tensorFrom(c.value);
    expectMatchesTorch(new Beta(a, b), value, c, 1e-5, 1e-7);
    tf.dispose([a, b, value]);
  });

  it('gives Beta(1, 1) the uniform density and zero entropy, Beta(2, 2) the density 6x(1 − x)', () => {
    tf.tidy(() => {
      const u = new Beta(tf.ones([1]), tf.ones([1]));
      expectClose(values(u.logProb(tf.tensor2d([[0.3], [0.9]]))), [0, 0], 0, 1e-6);
      expectClose(values(u.entropy()), [0], 0, 1e-6);
      const b22 = new Beta(tf.tensor1d([2]), tf.tensor1d([2]));
      expectClose(values(b22.logProb(tf.tensor2d([[0.25]]))), [Math.log(6 * 0.25 * 0.75)], 1e-6);
    });
  });

  it(`draws sample with torch's mean and variance over ${DRAWS} draws (concentrations 0.2 to 5)`, () => {
    const [a, b] = orderedParams('beta', ref.moments.beta.params) as [tf.Tensor, tf.Tensor];
    const draws = new Beta(a, b).sample(7, DRAWS);
    expect(draws.shape).toEqual([DRAWS, 4]);
    const inside = values(tf.logicalAnd(tf.greater(draws, 0), tf.less(draws, 1)).all());
    expect(inside).toEqual([1]);
    expectMoments(draws, ref.moments.beta);
    tf.dispose([a, b]);
  });

  it('repeats a draw for the same seed and has no rsample', () => {
    tf.tidy(() => {
      const d = new Beta(tf.tensor1d([0.5, 2, 30]), tf.tensor1d([0.5, 3, 0.1]));
      expect(d.hasRsample).toBe(false);
      expectSeeded(d);
    });
  });

  it('has the documented shapes for shared and batched parameters', () => {
    tf.tidy(() => {
      expectShapes(new Beta(tf.ones([3]), tf.ones([3]).mul(2)), tf.fill([4, 3], 0.3), 4);
      const d = new Beta(tf.ones([4, 2]), tf.tensor2d([[1, 2]]));
      expect([d.batchSize, d.eventSize]).toEqual([4, 2]);
      expectShapes(d, tf.fill([4, 2], 0.5), 4);
    });
  });

  it('differentiates logProb: ∂/∂α = log x − ψ(α) + ψ(α + β), ∂/∂β = log(1 − x) − ψ(β) + ψ(α + β)', () => {
    const av = [0.5, 2, 7];
    const bv = [3, 0.4, 7];
    const xv = [0.2, 0.9, 0.5];
    const a = tf.tensor2d([av]);
    const b = tf.tensor2d([bv]);
    const x = tf.tensor2d([xv]);
    const [ga, gb] = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Beta(s, t).logProb(x).sum())([a, b]);
    const psi = (v: number[]): number[] => values(digamma(tf.tensor1d(v)));
    const psiSum = psi(av.map((v, i) => v + (bv[i] as number)));
    const psiA = psi(av);
    const psiB = psi(bv);
    expectClose(values(ga as tf.Tensor), xv.map((v, i) => Math.log(v) - (psiA[i] as number) + (psiSum[i] as number)));
    expectClose(values(gb as tf.Tensor), xv.map((v, i) => Math.log(1 - v) - (psiB[i] as number) + (psiSum[i] as number)));
    tf.dispose([a, b, x]);
  });

  it('passes zero gradient through sample', () => {
    const a = tf.tensor2d([[0.5, 2]]);
    const b = tf.tensor2d([[2, 0.7]]);
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Beta(s, t).sample(3, 4).sum())([a, b]);
    grads.forEach((g) => expect(values(g)).toEqual([0, 0]));
    tf.dispose([a, b]);
  });

  it('stays finite for concentrations 0.01 and 1e4 in logProb, entropy, sample and gradients', () => {
    const a = tf.tensor2d([[0.01, 1e4, 0.01]]);
    const b = tf.tensor2d([[0.01, 1, 1e4]]);
    const x = tf.tensor2d([[1e-6, 0.9999, 1e-6]]);
    const d = new Beta(a, b);
    expectFinite(values(d.logProb(x)));
    expectFinite(values(d.entropy()));
    // Tiny concentrations put the draws at 0 or 1; they are clamped inside (0, 1), where logProb is finite.
    const draws = d.sample(5, 200);
    expectFinite(values(d.logProb(draws)));
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Beta(s, t).logProb(x).add(new Beta(s, t).entropy()).sum())([a, b]);
    grads.forEach((g) => expectFinite(values(g)));
    tf.dispose([a, b, x]);
  });

  it('leaks no tensors', () => {
    const a = tf.tensor1d([0.5, 2]);
    const b = tf.tensor1d([1, 3]);
    const x = tf.fill([3, 2], 0.4);
    const d = new Beta(a, b);
    expectOneTensorEachNoLeaks([
      () => d.logProb(x),
      () => d.logProbPerDim(x),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.mean(),
      () => tf.grad((s: tf.Tensor) => new Beta(s, b).logProb(x).sum())(a),
    ]);
    tf.dispose([a, b, x]);
  });

  it('is built by makeDistribution from concentration1 and concentration0', () => {
    expectBuiltByName('beta', Beta, ['concentration1', 'concentration0'], { hasRsample: false, support: 'unit-interval' });
  });
});
