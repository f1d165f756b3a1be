import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Laplace } from '../../../../../electron/engine/distributions';
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
  column,
  expectClose,
  expectFinite,
  expectMatchesTorch,
  expectOneTensorEachNoLeaks,
  tensorFrom,
  useBackend,
  values,
} from './support';

const ref = continuousReference;

describe.each(BACKENDS)('Laplace on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(ref.laplace)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const [loc, scale] = orderedParams('laplace', c.params) as [tf.Tensor, tf.Tensor];
    const value = tensorFrom(c.value);
    expectMatchesTorch(new Laplace(loc, scale), value, c, 0, 0);
    tf.dispose([loc, scale, value]);
  });

  it('inverts the CDF: the quartiles are μ ± b log 2 and the median is μ', () => {
    tf.tidy(() => {
      const d = new Laplace(tf.tensor1d([1.5]), tf.tensor1d([2]));
      expectClose(values(d.icdf(tf.tensor2d([[0.25], [0.5], [0.75]]))), [1.5 - 2 * Math.LN2, 1.5, 1.5 + 2 * Math.LN2], 1e-6);
    });
  });

  it(`draws rsample with torch's mean and variance 2b² over ${DRAWS} draws`, () => {
    const [loc, scale] = orderedParams('laplace', ref.moments.laplace.params) as [tf.Tensor, tf.Tensor];
    expectMoments(new Laplace(loc, scale).rsample(7, DRAWS), ref.moments.laplace);
    tf.dispose([loc, scale]);
  });

  it('repeats a draw for the same seed, and sample equals rsample', () => {
    tf.tidy(() => expectSeeded(new Laplace(tf.tensor1d([0.5, 2, -3]), tf.tensor1d([0.5, 3, 1]))));
  });

  it('has the documented shapes for shared and batched parameters', () => {
    tf.tidy(() => {
      expectShapes(new Laplace(tf.ones([3]), tf.ones([3]).mul(2)), tf.fill([4, 3], 0.3), 4);
      expectShapes(new Laplace(tf.ones([4, 2]), tf.tensor2d([[1, 2]])), tf.fill([4, 2], 0.5), 4);
    });
  });

  it('differentiates rsample: ∂x/∂μ = 1, ∂x/∂b = (x − μ)/b', () => {
    const mv = [0.2, -1];
    const sv = [0.5, 1.5];
    const loc = tf.tensor2d([mv]);
    const scale = tf.tensor2d([sv]);
    const x = values(new Laplace(loc, scale).rsample(5, 6));
    const [gm, gs] = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Laplace(l, s).rsample(5, 6).sum())([loc, scale]);
    expectClose(values(gm as tf.Tensor), [6, 6]);
    const expected = [0, 1].map((j) =>
      column(x, 2, j).reduce((acc, v) => acc + (v - (mv[j] as number)) / (sv[j] as number), 0),
    );
    expectClose(values(gs as tf.Tensor), expected, 1e-4, 1e-5);
    tf.dispose([loc, scale]);
  });

  it('differentiates logProb: ∂/∂μ = sign(x − μ)/b, ∂/∂b = |x − μ|/b² − 1/b', () => {
    const loc = tf.tensor2d([[0.5, -1]]);
    const scale = tf.tensor2d([[2, 0.5]]);
    const x = tf.tensor2d([[1.5, -3]]);
    const [gm, gs] = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Laplace(l, s).logProb(x).sum())([loc, scale]);
    expectClose(values(gm as tf.Tensor), [0.5, -2]);
    expectClose(values(gs as tf.Tensor), [1 / 4 - 1 / 2, 2 / 0.25 - 2]);
    tf.dispose([loc, scale, x]);
  });

  it('passes zero gradient through sample', () => {
    const loc = tf.tensor2d([[0.5, 2]]);
    const scale = tf.tensor2d([[2, 0.7]]);
    const grads = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Laplace(l, s).sample(3, 4).sum())([loc, scale]);
    grads.forEach((g) => expect(values(g)).toEqual([0, 0]));
    tf.dispose([loc, scale]);
  });

  it('stays finite with scale 1e-6, values at the location, and bounded draws', () => {
    const loc = tf.tensor2d([[0.3, -2]]);
    const scale = tf.tensor2d([[1e-6, 1e3]]);
    const value = tf.tensor2d([[0.3, -2], [0.31, 1e6]]);
    const d = new Laplace(loc, scale);
    expectFinite(values(d.logProb(value)));
    expectFinite(values(d.entropy()));
    // u is kept in [2⁻²⁴, 1 − 2⁻²⁴]: no draw is more than 16 scales from the location.
    const z = values(new Laplace(tf.zeros([1]), tf.ones([1])).rsample(9, 5000));
    expect(Math.max(...z.map(Math.abs))).toBeLessThan(16.7);
    tf.grads((l: tf.Tensor, s: tf.Tensor) => new Laplace(l, s).logProb(value).sum())([loc, scale]).forEach((g) =>
      expectFinite(values(g)),
    );
    tf.dispose([loc, scale, value]);
  });

  it('leaks no tensors', () => {
    const loc = tf.tensor1d([0.5, 2]);
    const scale = tf.tensor1d([1, 3]);
    const x = tf.fill([3, 2], 0.4);
    const d = new Laplace(loc, scale);
    expectOneTensorEachNoLeaks([
      () => d.logProb(x),
      () => d.logProbPerDim(x),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.rsample(1, 3),
      () => d.mean(),
      () => tf.grad((s: tf.Tensor) => new Laplace(loc, s).rsample(1, 3).sum())(scale),
    ]);
    tf.dispose([loc, scale, x]);
  });

  it('is built by makeDistribution from loc and scale', () => {
    expectBuiltByName('laplace', Laplace, ['loc', 'scale'], { hasRsample: true, support: 'real' });
  });
});
