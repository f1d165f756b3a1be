import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Normal } from '../../../../../electron/engine/distributions';
import {
  BACKENDS,
  column,
  disposeAll,
  expectClose,
  expectFinite,
  meanOf,
  paramTensors,
  read,
  tensorFrom,
  torchReference,
  useBackend,
  values,
  varianceOf,
  expectOneTensorEachNoLeaks,
  expectMatchesTorch,
} from './support';

describe.each(BACKENDS)('Normal on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('gives the entropy of N(0, 1) as ½ log(2πe) = 1.418939', () => {
    const loc = tf.zeros([1]);
    const scale = tf.ones([1]);
    expectClose(values(new Normal(loc, scale).entropy()), [1.418939], 0, 1e-5);
    tf.dispose([loc, scale]);
  });

  it.each(torchReference.normal)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const params = paramTensors(c.params);
    const value = tensorFrom(c.value);
    const d = new Normal(params.loc as tf.Tensor, params.scale as tf.Tensor);
    expectMatchesTorch(d, value, c, 0, 0);
    disposeAll(params);
    value.dispose();
  });

  it('gives the closed-form log density Σ −½z² − log σ − ½ log 2π for a batch of 4-dim events', () => {
    const mu = [0.5, -1, 2, 0, 3, 0.25, -0.75, 1.5];
    const sigma = [0.5, 1, 2, 0.1, 1.5, 0.3, 4, 0.8];
    const x = [0.1, -0.2, 2.5, 0.05, 2, 0.3, 1, 1.4];
    const expected = [0, 1].map((b) => {
      let s = 0;
      for (let i = 4 * b; i < 4 * b + 4; i++) {
        const z = ((x[i] as number) - (mu[i] as number)) / (sigma[i] as number);
        s += -0.5 * z * z - Math.log(sigma[i] as number) - 0.5 * Math.log(2 * Math.PI);
      }
      return s;
    });
    tf.tidy(() => {
      const d = new Normal(tf.tensor2d(mu, [2, 4]), tf.tensor2d(sigma, [2, 4]));
      expectClose(values(d.logProb(tf.tensor2d(x, [2, 4]))), expected);
    });
  });

  it('returns [B] from logProb for a [B, n] value against shared [n] parameters, and [1] from entropy', () => {
    tf.tidy(() => {
      const d = new Normal(tf.zeros([3]), tf.ones([3]));
      expect(d.batchSize).toBe(1);
      expect(d.eventSize).toBe(3);
      expect(d.logProb(tf.zeros([5, 3])).shape).toEqual([5]);
      expect(d.entropy().shape).toEqual([1]);
      expect(d.mean().shape).toEqual([1, 3]);
      expect(d.rsample(1).shape).toEqual([1, 3]);
    });
  });

  it('broadcasts a [B, 1] isotropic scale over the event axis and a [1, n] scale over the batch', () => {
    tf.tidy(() => {
      const iso = new Normal(tf.zeros([2, 3]), tf.tensor2d([[1], [2]]));
      expect(iso.eventSize).toBe(3);
      // Entropy sums over all 3 dims: 3·(½ log 2πe + log σ).
      const h0 = 3 * 0.5 * Math.log(2 * Math.PI * Math.E);
      expectClose(values(iso.entropy()), [h0, h0 + 3 * Math.log(2)]);
      const shared = new Normal(tf.zeros([4, 2]), tf.tensor2d([[1, 2]]));
      expect(shared.entropy().shape).toEqual([4]);
      expect(shared.mean().shape).toEqual([4, 2]);
    });
  });

  it('draws rsample with the requested mean and variance over 5000 draws', () => {
    const loc = tf.tensor2d([[1.5, -2]]);
    const scale = tf.tensor2d([[0.5, 3]]);
    const draws = read(new Normal(loc, scale).rsample(11, 5000));
    expect(draws.shape).toEqual([5000, 2]);
    const [x0, x1] = [column(draws.values, 2, 0), column(draws.values, 2, 1)];
    // Four standard errors: σ/√n for the mean, σ²·√(2/n) for the variance.
    expect(Math.abs(meanOf(x0) - 1.5)).toBeLessThan((4 * 0.5) / Math.sqrt(5000));
    expect(Math.abs(meanOf(x1) + 2)).toBeLessThan((4 * 3) / Math.sqrt(5000));
    expect(Math.abs(varianceOf(x0) - 0.25)).toBeLessThan(4 * 0.25 * Math.sqrt(2 / 5000));
    expect(Math.abs(varianceOf(x1) - 9)).toBeLessThan(4 * 9 * Math.sqrt(2 / 5000));
    tf.dispose([loc, scale]);
  });

  it('draws sample with the requested mean and variance over a batch of 4000 rows', () => {
    const loc = tf.fill([4000, 1], -0.7);
    const scale = tf.fill([4000, 1], 1.3);
    const x = values(new Normal(loc, scale).sample(5));
    expect(Math.abs(meanOf(x) + 0.7)).toBeLessThan((4 * 1.3) / Math.sqrt(4000));
    expect(Math.abs(varianceOf(x) - 1.69)).toBeLessThan(4 * 1.69 * Math.sqrt(2 / 4000));
    tf.dispose([loc, scale]);
  });

  it('repeats a draw for the same seed, changes it for another seed, and sample equals rsample', () => {
    tf.tidy(() => {
      const d = new Normal(tf.tensor2d([[0, 1, 2]]), tf.tensor2d([[1, 0.5, 2]]));
      const a = values(d.rsample(42, 10));
      expect(values(d.rsample(42, 10))).toEqual(a);
      expect(values(d.sample(42, 10))).toEqual(a);
      expect(values(d.rsample(43, 10))).not.toEqual(a);
    });
  });

  it('draws batchSize rows only from shared parameters', () => {
    tf.tidy(() => {
      const batched = new Normal(tf.zeros([3, 2]), tf.ones([3, 2]));
      expect(batched.sample(1).shape).toEqual([3, 2]);
      expect(batched.sample(1, 3).shape).toEqual([3, 2]);
      expect(() => batched.sample(1, 4)).toThrow(/batch 3/);
      expect(() => batched.rsample(1, 0)).toThrow(/positive integer/);
    });
  });

  it('differentiates logProb w.r.t. loc and scale as (x − μ)/σ² and −1/σ + (x − μ)²/σ³', () => {
    const mu = [0.5, -1, 2, 0.3];
    const sigma = [0.5, 1, 2, 0.1];
    const x = [0.1, -0.2, 2.5, 0.35];
    const loc = tf.tensor2d(mu, [2, 2]);
    const scale = tf.tensor2d(sigma, [2, 2]);
    const value = tf.tensor2d(x, [2, 2]);
    const [gLoc, gScale] = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Normal(l, s).logProb(value).sum())([
      loc,
      scale,
    ]) as [tf.Tensor, tf.Tensor];
    const d = x.map((xi, i) => xi - (mu[i] as number));
    const s = sigma;
    expectClose(values(gLoc), d.map((di, i) => di / (s[i] as number) ** 2));
    expectClose(values(gScale), d.map((di, i) => -1 / (s[i] as number) + di ** 2 / (s[i] as number) ** 3));
    tf.dispose([loc, scale, value]);
  });

  it('differentiates rsample: d/dloc = 1 and d/dscale = ε', () => {
    const loc = tf.tensor2d([[0.2, -0.4]]);
    const scale = tf.tensor2d([[1.5, 0.5]]);
    const eps = values(tf.randomNormal([3, 2], 0, 1, 'float32', 9));
    const [gLoc, gScale] = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Normal(l, s).rsample(9, 3).sum())([
      loc,
      scale,
    ]) as [tf.Tensor, tf.Tensor];
    expectClose(values(gLoc), [3, 3]);
    expectClose(values(gScale), [0, 1].map((j) => column(eps, 2, j).reduce((a, b) => a + b, 0)));
    tf.dispose([loc, scale]);
  });

  it('passes zero gradient through sample', () => {
    const loc = tf.tensor2d([[0.2, -0.4]]);
    const scale = tf.tensor2d([[1.5, 0.5]]);
    const [gLoc, gScale] = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Normal(l, s).sample(9, 3).sum())([
      loc,
      scale,
    ]) as [tf.Tensor, tf.Tensor];
    expect(values(gLoc)).toEqual([0, 0]);
    expect(values(gScale)).toEqual([0, 0]);
    tf.dispose([loc, scale]);
  });

  it('stays finite with scale 1e-6 in logProb, entropy, rsample and the gradients', () => {
    const loc = tf.tensor2d([[0.3, -2]]);
    const scale = tf.tensor2d([[1e-6, 1e-6]]);
    const value = tf.tensor2d([[0.3, -2], [0.31, -1.99]]);
    const d = new Normal(loc, scale);
    expectFinite(values(d.logProb(value)));
    expectFinite(values(d.entropy()));
    expectFinite(values(d.rsample(3, 4)));
    const grads = tf.grads((l: tf.Tensor, s: tf.Tensor) => new Normal(l, s).logProb(value).sum())([loc, scale]);
    grads.forEach((g) => expectFinite(values(g)));
    tf.dispose([loc, scale, value]);
  });

  it('leaks no tensors: each method returns exactly one tensor, and a tidy around all of them returns to the start', () => {
    const loc = tf.tensor1d([0.1, 0.2]);
    const scale = tf.tensor1d([1, 2]);
    const value = tf.zeros([3, 2]);
    const d = new Normal(loc, scale);
    const calls: (() => tf.Tensor)[] = [
      () => d.logProb(value),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.rsample(1, 3),
      () => d.mean(),
      () => tf.grad((l: tf.Tensor) => new Normal(l, scale).logProb(value).sum())(loc),
    ];
    expectOneTensorEachNoLeaks(calls);
    tf.dispose([loc, scale, value]);
  });

  it('rejects parameters and values of the wrong shape or dtype', () => {
    tf.tidy(() => {
      expect(() => new Normal(tf.zeros([2, 3]), tf.ones([2, 2]))).toThrow(/event axis/);
      expect(() => new Normal(tf.zeros([2, 3]), tf.ones([3, 3]))).toThrow(/batch axis/);
      expect(() => new Normal(tf.zeros([1, 2, 3]), tf.ones([3]))).toThrow(/\[B, n\] or \[n\]/);
      expect(() => new Normal(tf.zeros([3], 'int32'), tf.ones([3]))).toThrow(/float32/);
      const d = new Normal(tf.zeros([2, 3]), tf.ones([2, 3]));
      expect(() => d.logProb(tf.zeros([2, 4]))).toThrow(/event size 3/);
      expect(() => d.logProb(tf.zeros([5, 3]))).toThrow(/do not broadcast/);
    });
  });
});
