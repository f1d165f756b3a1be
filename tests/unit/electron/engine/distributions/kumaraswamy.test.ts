import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Kumaraswamy, log1mExp } from '../../../../../electron/engine/distributions';
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

describe.each(BACKENDS)('Kumaraswamy on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(ref.kumaraswamy)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const [a, b] = orderedParams('kumaraswamy', c.params) as [tf.Tensor, tf.Tensor];
    const value = tensorFrom(c.value);
    expectMatchesTorch(new Kumaraswamy(a, b), value, c, 1e-5, 1e-7);
    tf.dispose([a, b, value]);
  });

  it('inverts the CDF of Kumaraswamy(2, 3) at u = 0.5 to 0.454202, and the CDF 1 − (1 − x^a)^b back', () => {
    tf.tidy(() => {
      const d = new Kumaraswamy(tf.tensor1d([2]), tf.tensor1d([3]));
      expectClose(values(d.icdf(tf.tensor1d([0.5]))), [0.454202], 0, 1e-6);
      const u = [1e-6, 0.01, 0.3, 0.9, 0.999];
      const x = values(d.icdf(tf.tensor2d(u, [5, 1])));
      // Relative in 1 − u as well: the small-u end is where a naive evaluation cancels.
      expectClose(x.map((v) => 1 - (1 - v ** 2) ** 3), u, 1e-5, 0);
    });
  });

  it('computes log(1 − eᵗ) accurately on both sides of −log 2, with gradient −1/expm1(−t)', () => {
    const ts = [-1e-7, -1e-3, -0.5, -0.7, -5, -40];
    const t = tf.tensor1d(ts);
    const expected = ts.map((v) => Math.log(-Math.expm1(Math.fround(v))));
    expectClose(values(log1mExp(t)), expected, 1e-6, 1e-12);
    expectClose(values(tf.grad((s: tf.Tensor) => log1mExp(s).sum())(t)), ts.map((v) => -1 / Math.expm1(-Math.fround(v))), 1e-5, 1e-12);
    t.dispose();
  });

  it(`draws rsample with torch's mean and variance over ${DRAWS} draws`, () => {
    const [a, b] = orderedParams('kumaraswamy', ref.moments.kumaraswamy.params) as [tf.Tensor, tf.Tensor];
    expectMoments(new Kumaraswamy(a, b).rsample(7, DRAWS), ref.moments.kumaraswamy);
    tf.dispose([a, b]);
  });

  it('repeats a draw for the same seed, and sample equals rsample', () => {
    tf.tidy(() => expectSeeded(new Kumaraswamy(tf.tensor1d([0.5, 2, 30]), tf.tensor1d([0.5, 3, 0.1]))));
  });

  it('has the documented shapes for shared and batched parameters', () => {
    tf.tidy(() => {
      expectShapes(new Kumaraswamy(tf.ones([3]), tf.ones([3]).mul(2)), tf.fill([4, 3], 0.3), 4);
      expectShapes(new Kumaraswamy(tf.ones([4, 2]), tf.tensor2d([[1, 2]])), tf.fill([4, 2], 0.5), 4);
    });
  });

  it('differentiates rsample as the inverse CDF: ∂x/∂a = −x log x / a, ∂x/∂b = x(1 − y) log(1 − y)/(a b y), y = x^a', () => {
    const av = [0.7, 3];
    const bv = [2, 0.6];
    const a = tf.tensor2d([av]);
    const b = tf.tensor2d([bv]);
    const x = values(new Kumaraswamy(a, b).rsample(5, 6));
    const [ga, gb] = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Kumaraswamy(s, t).rsample(5, 6).sum())([a, b]);
    const sumOver = (j: number, f: (v: number) => number): number => column(x, 2, j).reduce((acc, v) => acc + f(v), 0);
    const dA = [0, 1].map((j) => sumOver(j, (v) => (-v * Math.log(v)) / (av[j] as number)));
    const dB = [0, 1].map((j) =>
      sumOver(j, (v) => {
        const y = v ** (av[j] as number);
        return (v * (1 - y) * Math.log(1 - y)) / ((av[j] as number) * (bv[j] as number) * y);
      }),
    );
    expectClose(values(ga as tf.Tensor), dA, 2e-4, 1e-6);
    expectClose(values(gb as tf.Tensor), dB, 2e-4, 1e-6);
    tf.dispose([a, b]);
  });

  it('differentiates logProb: ∂/∂a = 1/a + log x − (b − 1) x^a log x/(1 − x^a), ∂/∂b = 1/b + log(1 − x^a)', () => {
    const av = [0.7, 3];
    const bv = [2, 0.6];
    const xv = [0.3, 0.8];
    const a = tf.tensor2d([av]);
    const b = tf.tensor2d([bv]);
    const value = tf.tensor2d([xv]);
    const [ga, gb] = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Kumaraswamy(s, t).logProb(value).sum())([a, b]);
    const ya = xv.map((x, j) => x ** (av[j] as number));
    expectClose(
      values(ga as tf.Tensor),
      xv.map((x, j) => 1 / (av[j] as number) + Math.log(x) - ((bv[j] as number) - 1) * ((ya[j] as number) * Math.log(x)) / (1 - (ya[j] as number))),
    );
    expectClose(values(gb as tf.Tensor), xv.map((_, j) => 1 / (bv[j] as number) + Math.log(1 - (ya[j] as number))));
    tf.dispose([a, b, value]);
  });

  it('is the Beta(1, b) when a = 1: entropy (b − 1)/b − log b and mean 1/(1 + b)', () => {
    tf.tidy(() => {
      const bv = [0.5, 2, 7];
      const d = new Kumaraswamy(tf.ones([3, 1]), tf.tensor2d(bv, [3, 1]));
      expectClose(values(d.mean()), bv.map((b) => 1 / (1 + b)), 1e-5);
      // H(Beta(1, b)) = −log b − (b − 1)(ψ(b) − ψ(b + 1)) = −log b + (b − 1)/b.
      expectClose(values(d.entropy()), bv.map((b) => -Math.log(b) + (b - 1) / b), 1e-5, 1e-6);
    });
  });

  it('passes zero gradient through sample', () => {
    const a = tf.tensor2d([[0.5, 2]]);
    const b = tf.tensor2d([[2, 0.7]]);
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => new Kumaraswamy(s, t).sample(3, 4).sum())([a, b]);
    grads.forEach((g) => expect(values(g)).toEqual([0, 0]));
    tf.dispose([a, b]);
  });

  it('stays finite for concentrations 0.05 and 500 in logProb at its draws, entropy, mean and gradients', () => {
    const a = tf.tensor2d([[0.05, 500, 0.05, 500]]);
    const b = tf.tensor2d([[0.05, 500, 500, 0.05]]);
    const d = new Kumaraswamy(a, b);
    const draws = d.sample(2, 200);
    expectFinite(values(d.logProb(draws)));
    expectFinite(values(d.entropy()));
    expectFinite(values(d.mean()));
    const grads = tf.grads((s: tf.Tensor, t: tf.Tensor) => {
      const q = new Kumaraswamy(s, t);
      return q.logProb(q.rsample(2, 50)).sum().add(q.entropy().sum()).add(q.mean().sum());
    })([a, b]);
    grads.forEach((g) => expectFinite(values(g)));
    tf.dispose([a, b]);
  });

  it('leaks no tensors', () => {
    const a = tf.tensor1d([0.5, 2]);
    const b = tf.tensor1d([1, 3]);
    const x = tf.fill([3, 2], 0.4);
    const d = new Kumaraswamy(a, b);
    expectOneTensorEachNoLeaks([
      () => d.logProb(x),
      () => d.logProbPerDim(x),
      () => d.entropy(),
      () => d.sample(1, 3),
      () => d.rsample(1, 3),
      () => d.mean(),
      () => d.icdf(x),
      () => tf.grad((s: tf.Tensor) => new Kumaraswamy(s, b).rsample(1, 3).sum())(a),
    ]);
    tf.dispose([a, b, x]);
  });

  it('is built by makeDistribution from concentration1 and concentration0', () => {
    expectBuiltByName('kumaraswamy', Kumaraswamy, ['concentration1', 'concentration0'], {
      hasRsample: true,
      support: 'unit-interval',
    });
  });
});
