import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { LogNormal, Normal } from '../../../../../electron/engine/distributions';
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

describe.each(BACKENDS)('LogNormal on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(ref.lognormal)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const [loc, scale] = orderedParams('lognormal', c.params) as [tf.Tensor, tf.Tensor];
    const value = tensorFrom(c.value);
    expectMatchesTorch(new LogNormal(loc, scale), value, c, 1e-5, 1e-7);
    tf.dispose([loc, scale, value]);
  });

  it('is the Normal density of log x times the Jacobian 1/x, with entropy H(Normal) + μ', () => {
    tf.tidy(() => {
      const loc = tf.tensor2d([[0.3, -1]]);
      const scale = tf.tensor2d([[0.5, 2]]);
      const x = tf.tensor2d([[1.7, 0.05], [0.2, 3]]);
      const expected = values(new Normal(loc, scale).logProb(x.log()).sub(x.log().sum(-1)));
      expectClose(values(new LogNormal(loc, scale).logProb(x)), expected);
      expectClose(values(new LogNormal(loc, scale).entropy()), values(new Normal(loc, scale).entropy().add(-0.7)));
    });
  });

  it(`draws rsample with torch's mean and variance over ${DRAWS} draws (heavy-tailed at σ = 1)`, () => {
    const [loc, scale] = orderedParams('lognormal', ref.moments.lognormal.params) as [tf.Tensor, tf.Tensor];
    expectMoments(new LogNormal(loc, scale).rsample(7, DRAWS), ref.moments.lognormal);
    tf.dispose([loc, scale]);
  });

  it('repeats a draw for the same seed (seed 0 included), and sample equals rsample', () => {
    tf.tidy(() => expectSeeded(new LogNormal(tf.tensor1d([0.5, 2, -3]), tf.tensor1d([0.5, 3, 1]))));
  });

  it('has the documented shapes for shared and batched parameters', () => {
    tf.tidy(() => {
      expectShapes(new LogNormal(tf.ones([3]), tf.ones([3]).mul(2)), tf.fill([4, 3], 0.3), 4);
      expectShapes(new LogNormal(tf.ones([4, 2]), tf.tensor2d([[1, 2]])), tf.fill([4, 2], 0.5), 4);
    });
  });

  it('differentiates rsample: ∂x/∂μ = x, ∂x/∂σ = x(log x − μ)/σ', () => {
    const mv = [0.2, -1];
    const sv = [0.5, 1.5];
    const loc = tf.tensor2d([mv]);
    const scale = tf.tensor2d([sv]);
    const x = values(new LogNormal(loc, scale).rsample(5, 6));
    const [gm, gs] = tf.grads((l: tf.Tensor, s: tf.Tensor) => new LogNormal(l, s).rsample(5, 6).sum())([loc, scale]);
    const sumOver = (j: number, f: (v: number) => number): number => column(x, 2, j).reduce((acc, v) => acc + f(v), 0);
    expectClose(values(gm as tf.Tensor), [0, 1].map((j) => sumOver(j, (v) => v)), 1e-5);
    expectClose(
      values(gs as tf.Tensor),
      [0, 1].map((j) => sumOver(j, (v) => (v * (Math.log(v) - (mv[j] as number))) / (sv[j] as number))),
      2e-4,
      1e-6,
    );
    tf.dispose([loc, scale]);
  });

  it('passes zero gradient through sample', () => {
    const loc = tf.tensor2d([[0.5, 2]]);
    const scale = tf.tensor2d([[2, 0.7]]);
    const grads = tf.grads((l: tf.Tensor, s: tf.Tensor) => new LogNormal(l, s).sample(3, 4).sum())([loc, scale]);
    grads.forEach((g) => expect(values(g)).toEqual([0, 0]));
    tf.dispose([loc, scale]);
  });

  it('stays finite with scale 1e-6 and values far in the tails', () => {
    const loc = tf.tensor2d([[0.3, -2]]);
    const scale = tf.tensor2d([[1e-6, 3]]);
    const value = tf.tensor2d([[Math.exp(0.3), 1e-30], [1.3499, 1e30]]);
    const d = new LogNormal(loc, scale);
    expectFinite(values(d.logProb(value)));
    expectFinite(values(d.entropy()));
    expectFinite(values(d.rsample(3, 4)));
    tf.grads((l: tf.Tensor, s: tf.Tensor) => new LogNormal(l, s).logProb(value).sum())([loc, scale]).forEach((g) =>
      expectFinite(values(g)),
    );
    tf.dispose([loc, scale, value]);
  });

  it('leaks no tensors', () => {
    const loc = tf.tensor1d([0.5, 2]);
    const scale = tf.tensor1d([1, 3]);
    const x = tf.fill([3, 2], 0.4);
    const d = new LogNormal(loc, scale);
    expectOneTensorEachNoLeaks([
      () => d.logProb(x),
      () => d.logProbPerDim(x),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.rsample(1, 3),
      () => d.mean(),
      () => tf.grad((l: tf.Tensor) => new LogNormal(l, scale).rsample(1, 3).sum())(loc),
    ]);
    tf.dispose([loc, scale, x]);
  });

  it('is built by makeDistribution from loc and scale', () => {
    expectBuiltByName('lognormal', LogNormal, ['loc', 'scale'], { hasRsample: true, support: 'positive' });
  });
});
