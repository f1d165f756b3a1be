import { readFileSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  Poisson,
  hasClosedFormKl,
  klDivergence,
  klDivergencePerDim,
  makeDistribution,
} from '../../../../../electron/engine/distributions';
import type { Family } from '../../../../../electron/engine/distributions';
import {
  BACKENDS,
  column,
  disposeAll,
  expectClose,
  expectFinite,
  expectOneTensorEachNoLeaks,
  flat,
  meanOf,
  paramTensors,
  read,
  tensorFrom,
  useBackend,
  values,
  varianceOf,
} from './support';

type Nested = number | Nested[];
interface PoissonCase {
  name: string;
  params: Record<string, Nested>;
  value: Nested;
  log_prob: number[];
  log_prob_per_dim: Nested;
  entropy: number[];
  mean: Nested;
}
interface KlCase {
  name: string;
  q: { family: Family; params: Record<string, Nested> };
  p: { family: Family; params: Record<string, Nested> };
  kl: number[];
  kl_per_dim: Nested;
}

/** tests/fixtures/distributions/torch-discrete.json, written by make_fixture_discrete.py. */
const fixture = JSON.parse(
  readFileSync(new URL('../../../../fixtures/distributions/torch-discrete.json', import.meta.url), 'utf8'),
) as { poisson: PoissonCase[]; kl: KlCase[] };
const klCases = fixture.kl.filter((c) => c.q.family === 'poisson');

/** log P(x) of a Poisson(λ) in float64, log x! by summing logs. */
function logPmf(x: number, lambda: number): number {
  let logFact = 0;
  for (let j = 2; j <= x; j++) logFact += Math.log(j);
  return x * Math.log(lambda) - lambda - logFact;
}

/** The entropy of a Poisson(λ) in float64 by a long sum. */
function entropy64(lambda: number): number {
  let h = 0;
  for (let x = 0; x <= lambda + 60 * Math.sqrt(lambda) + 200; x++) {
    const lp = logPmf(x, lambda);
    h -= Math.exp(lp) * lp;
  }
  return h;
}

describe.each(BACKENDS)('Poisson on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(fixture.poisson)('matches torch Poisson log_prob and mean, and a float64 entropy: $name', (c) => {
    const params = paramTensors(c.params);
    const value = tensorFrom(c.value);
    const d = new Poisson(params.rate as tf.Tensor);
    const lp = read(d.logProb(value));
    expect(lp.shape).toEqual([c.log_prob.length]);
    expectClose(lp.values, c.log_prob);
    const perDim = read(d.logProbPerDim(value));
    expect(perDim.shape).toEqual([c.log_prob.length, d.eventSize]);
    expectClose(perDim.values, flat(c.log_prob_per_dim));
    const h = read(d.entropy());
    expect(h.shape).toEqual([c.entropy.length]);
    expectClose(h.values, c.entropy);
    expectClose(values(d.mean()), flat(c.mean), 0, 0);
    disposeAll(params);
    value.dispose();
  });

  it.each(klCases)('matches torch kl_divergence per dim and summed: $name', (c) => {
    const qParams = paramTensors(c.q.params);
    const pParams = paramTensors(c.p.params);
    const q = makeDistribution(c.q.family, qParams);
    const p = makeDistribution(c.p.family, pParams);
    const perDim = read(klDivergencePerDim(q, p) as tf.Tensor);
    expect(perDim.shape).toEqual([c.kl.length, q.eventSize]);
    expectClose(perDim.values, flat(c.kl_per_dim));
    expectClose(values(klDivergence(q, p) as tf.Tensor), c.kl);
    disposeAll(qParams);
    disposeAll(pParams);
  });

  it('has probabilities that sum to 1 over the counts, across the table/Stirling switch at x = 10', () => {
    tf.tidy(() => {
      const counts = tf.range(0, 400, 1, 'float32').reshape([400, 1]);
      const d = new Poisson(tf.tensor2d([[0.7, 5, 30, 150]]));
      const lp = d.logProbPerDim(counts.tile([1, 4]));
      expectClose(values(lp.exp().sum(0)), [1, 1, 1, 1], 1e-5);
      // Each count against the float64 log-mass, in particular x = 9, 10 and 11.
      const at = (x: number): number[] => values(d.logProbPerDim(tf.fill([1, 4], x)));
      for (const x of [0, 1, 9, 10, 11, 40, 150]) {
        expectClose(at(x), [0.7, 5, 30, 150].map((l) => logPmf(x, l)), 2e-6, 2e-5);
      }
    });
  });

  it('stays accurate where x log λ, λ and log x! cancel: x = λ = 10⁴ and x = λ = 10⁶', () => {
    tf.tidy(() => {
      const d = new Poisson(tf.tensor1d([1e4, 1e6, 1e6]));
      const x = tf.tensor2d([[1e4, 1e6, 999000]]);
      expectClose(values(d.logProbPerDim(x)), [logPmf(1e4, 1e4), logPmf(1e6, 1e6), logPmf(999000, 1e6)], 1e-5);
    });
  });

  it('differentiates logProb w.r.t. the rate as x/λ − 1, below and above x = 10', () => {
    const rate = tf.tensor2d([[0.5, 3, 20, 200]]);
    const x = tf.tensor2d([[0, 4, 25, 180]]);
    const g = tf.grad((r: tf.Tensor) => new Poisson(r).logProb(x).sum())(rate);
    expectClose(values(g), [0 / 0.5 - 1, 4 / 3 - 1, 25 / 20 - 1, 180 / 200 - 1]);
    tf.dispose([rate, x]);
  });

  it('differentiates the entropy (series sum below λ = 100, expansion above) like a float64 central difference', () => {
    const lambdas = [0.3, 4, 60, 99, 101, 400];
    const rate = tf.tensor1d(lambdas);
    const g = values(tf.grad((r: tf.Tensor) => new Poisson(r).entropy().sum())(rate));
    const fd = lambdas.map((l) => (entropy64(l * (1 + 1e-5)) - entropy64(l * (1 - 1e-5))) / (2e-5 * l));
    expectClose(g, fd, 1e-3, 1e-5);
    rate.dispose();
  });

  it('gives the KL against itself as 0 and the closed form λ₁ log(λ₁/λ₂) − λ₁ + λ₂, with a Monte Carlo check', () => {
    tf.tidy(() => {
      expect(hasClosedFormKl('poisson', 'poisson')).toBe(true);
      const q = new Poisson(tf.tensor1d([3, 0.5]));
      const p = new Poisson(tf.tensor1d([5, 2]));
      expectClose(values(klDivergence(q, q) as tf.Tensor), [0], 0, 1e-6);
      const closed = 3 * Math.log(3 / 5) - 3 + 5 + 0.5 * Math.log(0.25) - 0.5 + 2;
      expectClose(values(klDivergence(q, p) as tf.Tensor), [closed]);
      const x = q.sample(4, 20000);
      const mc = meanOf(values(q.logProb(x).sub(p.logProb(x))));
      expect(Math.abs(mc - closed)).toBeLessThan(0.03);
    });
  });

  it('draws counts with mean λ and variance λ over 20000 draws (5 standard errors), inversion and rejection', () => {
    const lambdas = [0.05, 0.8, 4, 9.5, 10, 35, 300, 5000];
    const rate = tf.tensor1d(lambdas);
    const s = new Poisson(rate).sample(11, 20000);
    expect(s.shape).toEqual([20000, lambdas.length]);
    expect(s.dtype).toBe('float32');
    const x = values(s);
    expect(x.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    lambdas.forEach((l, j) => {
      const col = column(x, lambdas.length, j);
      expect(Math.abs(meanOf(col) - l)).toBeLessThan(5 * Math.sqrt(l / col.length));
      // Var(sample variance) ≈ (μ₄ − σ⁴)/N with μ₄ = λ + 3λ² for a Poisson.
      expect(Math.abs(varianceOf(col) - l)).toBeLessThan(5 * Math.sqrt((l + 2 * l * l) / col.length));
    });
    rate.dispose();
  });

  it('draws each count with frequency P(x) (5 standard errors) for λ = 3 (inversion) and λ = 14 (rejection)', () => {
    const rate = tf.tensor1d([3, 14]);
    const x = values(new Poisson(rate).sample(5, 20000));
    [3, 14].forEach((l, j) => {
      const col = column(x, 2, j);
      for (let k = 0; k <= l * 2 + 5; k++) {
        const p = Math.exp(logPmf(k, l));
        const freq = col.filter((v) => v === k).length / col.length;
        expect(Math.abs(freq - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / col.length) + 1e-4);
      }
    });
    rate.dispose();
  });

  it('draws the same counts for the same seed, different ones for another seed, per-row rates, and zero gradient', () => {
    const rate = tf.tensor2d([
      [2, 50],
      [0.1, 1000],
    ]);
    const d = new Poisson(rate);
    const a = values(d.sample(3));
    expect(values(d.sample(3))).toEqual(a);
    expect(values(new Poisson(tf.tidy(() => tf.fill([64, 2], 20))).sample(3))).not.toEqual(
      values(new Poisson(tf.tidy(() => tf.fill([64, 2], 20))).sample(4)),
    );
    expect(Math.abs((a[3] as number) - 1000)).toBeLessThan(200);
    expect(() => d.sample(3, 5)).toThrow(/cannot draw 5 rows/);
    const g = tf.grad((r: tf.Tensor) => new Poisson(r).sample(1).sum())(rate);
    expect(values(g)).toEqual([0, 0, 0, 0]);
    expect(d.hasRsample).toBe(false);
    expect(() => d.rsample()).toThrow(/no reparameterised sample/);
    tf.dispose(rate);
  });

  it('gives finite entropy and logProb for tiny and huge rates', () => {
    tf.tidy(() => {
      const d = new Poisson(tf.tensor1d([1e-30, 1e-6, 1e7]));
      const h = values(d.entropy());
      expectFinite(h);
      expectClose(h, [entropy64(1e-30) + entropy64(1e-6) + 0.5 * Math.log(2 * Math.PI * Math.E * 1e7)], 1e-5);
      expectFinite(values(d.logProb(tf.tensor1d([0, 3, 1e7]))));
    });
  });

  it('returns [B] from logProb against shared rates, [1] from entropy, and rejects wrong shapes and dtypes', () => {
    tf.tidy(() => {
      const d = new Poisson(tf.tensor1d([1, 2, 3]));
      expect([d.batchSize, d.eventSize, d.components]).toEqual([1, 3, 3]);
      expect(d.logProb(tf.zeros([5, 3])).shape).toEqual([5]);
      expect(d.logProb(tf.zeros([5, 3], 'int32')).shape).toEqual([5]);
      expect(d.entropy().shape).toEqual([1]);
      expect(d.mean().shape).toEqual([1, 3]);
      expect(() => d.logProb(tf.zeros([5, 2]))).toThrow(/event size 3/);
      expect(() => new Poisson(tf.ones([3], 'int32'))).toThrow(/float32/);
    });
  });

  it('is built by makeDistribution from its rate', () => {
    tf.tidy(() => {
      const d = makeDistribution('poisson', { rate: tf.ones([2, 3]) });
      expect(d).toBeInstanceOf(Poisson);
      expect([d.family, d.batchSize, d.eventSize, d.support, d.hasRsample]).toEqual([
        'poisson',
        2,
        3,
        'nonnegative-integer',
        false,
      ]);
      expect(d.paramConstraints).toEqual({ rate: 'positive' });
      expect(() => makeDistribution('poisson', { lambda: tf.ones([2]) })).toThrow(/missing rate/);
    });
  });

  it('leaks no tensors: each method returns exactly one tensor, and a tidy around all of them returns to the start', () => {
    const rate = tf.tensor2d([
      [0.5, 20, 300],
      [3, 7, 1e-3],
    ]);
    const value = tf.tensor2d([
      [0, 25, 290],
      [12, 1, 0],
    ]);
    const d = new Poisson(rate);
    const calls: (() => tf.Tensor)[] = [
      () => d.logProb(value),
      () => d.logProbPerDim(value),
      () => d.entropy(),
      () => d.sample(1),
      () => d.mean(),
      () => klDivergence(d, d) as tf.Tensor,
      () => tf.grad((r: tf.Tensor) => new Poisson(r).logProb(value).sum())(rate),
      () => tf.grad((r: tf.Tensor) => new Poisson(r).entropy().sum())(rate),
    ];
    expectOneTensorEachNoLeaks(calls);
    tf.dispose([rate, value]);
  });
});
