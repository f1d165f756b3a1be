import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Weibull } from '../../../../../electron/engine/distributions';
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

describe.each(BACKENDS)('Weibull on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(ref.weibull)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const [scale, k] = orderedParams('weibull', c.params) as [tf.Tensor, tf.Tensor];
    const value = tensorFrom(c.value);
    expectMatchesTorch(new Weibull(scale, k), value, c, 1e-5, 1e-7);
    tf.dispose([scale, k, value]);
  });

  it('is the exponential with mean λ when k = 1, and inverts its CDF 1 − e^{−(x/λ)^k}', () => {
    tf.tidy(() => {
      const d = new Weibull(tf.tensor1d([2]), tf.tensor1d([1]));
      expectClose(values(d.logProb(tf.tensor2d([[3]]))), [-Math.log(2) - 1.5]);
      expectClose(values(d.mean()), [2]);
      const w = new Weibull(tf.tensor1d([1.5]), tf.tensor1d([0.7]));
      const u = [1e-6, 0.1, 0.5, 0.99];
      const x = values(w.icdf(tf.tensor2d(u, [4, 1])));
      expectClose(x.map((v) => 1 - Math.exp(-((v / 1.5) ** 0.7))), u, 1e-5, 0);
    });
  });

  it(`draws rsample with torch's mean and variance over ${DRAWS} draws`, () => {
    const [scale, k] = orderedParams('weibull', ref.moments.weibull.params) as [tf.Tensor, tf.Tensor];
    expectMoments(new Weibull(scale, k).rsample(7, DRAWS), ref.moments.weibull);
    tf.dispose([scale, k]);
  });

  it('repeats a draw for the same seed, and sample equals rsample', () => {
    tf.tidy(() => expectSeeded(new Weibull(tf.tensor1d([0.5, 2, 30]), tf.tensor1d([0.5, 3, 1]))));
  });

  it('has the documented shapes for shared and batched parameters', () => {
    tf.tidy(() => {
      expectShapes(new Weibull(tf.ones([3]), tf.ones([3]).mul(2)), tf.fill([4, 3], 0.3), 4);
      expectShapes(new Weibull(tf.ones([4, 2]), tf.tensor2d([[1, 2]])), tf.fill([4, 2], 0.5), 4);
    });
  });

  it('differentiates rsample as the inverse CDF: ∂x/∂λ = x/λ, ∂x/∂k = −x log(x/λ)/k', () => {
    const lv = [0.7, 3];
    const kv = [2, 0.6];
    const scale = tf.tensor2d([lv]);
    const k = tf.tensor2d([kv]);
    const x = values(new Weibull(scale, k).rsample(5, 6));
    const [gl, gk] = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Weibull(s, t).rsample(5, 6).sum())([scale, k]);
    const sumOver = (j: number, f: (v: number) => number): number => column(x, 2, j).reduce((acc, v) => acc + f(v), 0);
    const l = (j: number): number => lv[j] as number;
    expectClose(values(gl as tf.Tensor), [0, 1].map((j) => sumOver(j, (v) => v / l(j))), 2e-4, 1e-6);
    expectClose(
      values(gk as tf.Tensor),
      [0, 1].map((j) => sumOver(j, (v) => (-v * Math.log(v / l(j))) / (kv[j] as number))),
      2e-4,
      1e-6,
    );
    tf.dispose([scale, k]);
  });

  it('passes zero gradient through sample', () => {
    const scale = tf.tensor2d([[0.5, 2]]);
    const k = tf.tensor2d([[2, 0.7]]);
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Weibull(s, t).sample(3, 4).sum())([scale, k]);
    grads.forEach((g) => expect(values(g)).toEqual([0, 0]));
    tf.dispose([scale, k]);
  });

  it('stays finite for concentrations 0.1 and 50 in logProb at its draws, entropy, mean and gradients', () => {
    const scale = tf.tensor2d([[1, 1e3]]);
    const k = tf.tensor2d([[0.1, 50]]);
    const d = new Weibull(scale, k);
    expectFinite(values(d.logProb(d.sample(2, 200))));
    expectFinite(values(d.entropy()));
    expectFinite(values(d.mean()));
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => {
      const q = new Weibull(s, t);
      return q.logProb(q.rsample(2, 50)).sum().add(q.entropy().sum()).add(q.mean().sum());
    })([scale, k]);
    grads.forEach((g) => expectFinite(values(g)));
    tf.dispose([scale, k]);
  });

  it('leaks no tensors', () => {
    const scale = tf.tensor1d([0.5, 2]);
    const k = tf.tensor1d([1, 3]);
    const x = tf.fill([3, 2], 0.4);
    const d = new Weibull(scale, k);
    expectOneTensorEachNoLeaks([
      () => d.logProb(x),
      () => d.logProbPerDim(x),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.rsample(1, 3),
      () => d.mean(),
      () => tf.grad((s: tf.Tensor) => new Weibull(s, k).rsample(1, 3).sum())(scale),
    ]);
    tf.dispose([scale, k, x]);
  });

  it('is built by makeDistribution from scale and concentration', () => {
    expectBuiltByName('weibull', Weibull, ['scale', 'concentration'], { hasRsample: true, support: 'positive' });
  });
});
