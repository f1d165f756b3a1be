import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Gamma, digamma } from '../../../../../electron/engine/distributions';
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
  meanOf,
  tensorFrom,
  useBackend,
  values,
} from './support';

const ref = continuousReference;

describe.each(BACKENDS)('Gamma on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(ref.gamma)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const [alpha, rate] = orderedParams('gamma', c.params) as [tf.Tensor, tf.Tensor];
    const value = tensorFrom(c.value);
    expectMatchesTorch(new Gamma(alpha, rate), value, c, 1e-6, 0);
    tf.dispose([alpha, rate, value]);
  });

  it('gives Gamma(1, λ) the exponential density λe^{−λx} and entropy 1 − log λ', () => {
    tf.tidy(() => {
      const d = new Gamma(tf.tensor1d([1, 1]), tf.tensor1d([2, 0.5]));
      expectClose(values(d.logProb(tf.tensor2d([[0.3, 4]]))), [Math.log(2) - 0.6 + Math.log(0.5) - 2]);
      expectClose(values(d.entropy()), [1 - Math.log(2) + 1 - Math.log(0.5)], 1e-6, 1e-6);
    });
  });

  it(`draws sample with torch's mean α/β and variance α/β² over ${DRAWS} draws (α from 0.3 to 20)`, () => {
    const [alpha, rate] = orderedParams('gamma', ref.moments.gamma.params) as [tf.Tensor, tf.Tensor];
    const draws = new Gamma(alpha, rate).sample(7, DRAWS);
    expect(draws.shape).toEqual([DRAWS, 4]);
    expect(values(tf.greater(draws, 0).all())).toEqual([1]);
    expectMoments(draws, ref.moments.gamma);
    tf.dispose([alpha, rate]);
  });

  it('does not use tf.randomGamma, whose beta multiplies the draws (a scale, although documented as a rate)', () => {
    // This documents why gamma.ts has its own sampler (see random-draws.ts): if tfjs fixes the
    // parameterisation, the mean below becomes α/β = 0.5 and this test will say so.
    const draws = values(tf.randomGamma([4000], 2, 4, 'float32', 11));
    expect(Math.abs(meanOf(draws) - 8)).toBeLessThan((5 * Math.sqrt(2 * 16)) / Math.sqrt(4000));
  });

  it('repeats a draw for the same seed and has no rsample', () => {
    tf.tidy(() => {
      const d = new Gamma(tf.tensor1d([0.05, 2, 300]), tf.tensor1d([1, 3, 0.1]));
      expect(d.hasRsample).toBe(false);
      expectSeeded(d);
    });
  });

  it('has the documented shapes for shared and batched parameters', () => {
    tf.tidy(() => {
      expectShapes(new Gamma(tf.ones([3]), tf.ones([3]).mul(2)), tf.fill([4, 3], 0.3), 4);
      expectShapes(new Gamma(tf.ones([4, 2]), tf.tensor2d([[1, 2]])), tf.fill([4, 2], 0.5), 4);
    });
  });

  it('differentiates logProb: ∂/∂α = log β + log x − ψ(α), ∂/∂β = α/β − x', () => {
    const av = [0.5, 2, 30];
    const bv = [3, 0.4, 7];
    const xv = [0.2, 9, 4];
    const alpha = tf.tensor2d([av]);
    const rate = tf.tensor2d([bv]);
    const x = tf.tensor2d([xv]);
    const [ga, gb] = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Gamma(s, t).logProb(x).sum())([alpha, rate]);
    const psi = values(digamma(tf.tensor1d(av)));
    expectClose(values(ga as tf.Tensor), xv.map((v, i) => Math.log(bv[i] as number) + Math.log(v) - (psi[i] as number)));
    expectClose(values(gb as tf.Tensor), xv.map((v, i) => (av[i] as number) / (bv[i] as number) - v));
    tf.dispose([alpha, rate, x]);
  });

  it('passes zero gradient through sample', () => {
    const alpha = tf.tensor2d([[0.5, 2]]);
    const rate = tf.tensor2d([[2, 0.7]]);
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Gamma(s, t).sample(3, 4).sum())([alpha, rate]);
    grads.forEach((g) => expect(values(g)).toEqual([0, 0]));
    tf.dispose([alpha, rate]);
  });

  it('stays finite for α = 0.01 and α = 1e4 in logProb at its draws, entropy and gradients', () => {
    const alpha = tf.tensor2d([[0.01, 1e4]]);
    const rate = tf.tensor2d([[1, 1e-3]]);
    const d = new Gamma(alpha, rate);
    // Gamma(0.01) draws are mostly below the float32 range; they are floored at 1e-38.
    const draws = d.sample(4, 300);
    expect(values(tf.greater(draws, 0).all())).toEqual([1]);
    expectFinite(values(d.logProb(draws)));
    expectFinite(values(d.entropy()));
    const x = tf.tensor2d([[1e-20, 1e7]]);
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Gamma(s, t).logProb(x).add(new Gamma(s, t).entropy()).sum())([
      alpha,
      rate,
    ]);
    grads.forEach((g) => expectFinite(values(g)));
    tf.dispose([alpha, rate, x]);
  });

  it('leaks no tensors', () => {
    const alpha = tf.tensor1d([0.5, 2]);
    const rate = tf.tensor1d([1, 3]);
    const x = tf.fill([3, 2], 0.4);
    const d = new Gamma(alpha, rate);
    expectOneTensorEachNoLeaks([
      () => d.logProb(x),
      () => d.logProbPerDim(x),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.mean(),
      () => tf.grad((s: tf.Tensor) => new Gamma(s, rate).logProb(x).sum())(alpha),
    ]);
    tf.dispose([alpha, rate, x]);
  });

  it('is built by makeDistribution from concentration and rate', () => {
    expectBuiltByName('gamma', Gamma, ['concentration', 'rate'], { hasRsample: false, support: 'positive' });
  });
});
