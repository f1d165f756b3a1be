import { readFileSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  Categorical,
  OneHotCategorical,
  indicesToOneHot,
  klDivergence,
  klDivergencePerDim,
  makeDistribution,
} from '../../../../../electron/engine/distributions';
import type { Family } from '../../../../../electron/engine/distributions';
import {
  BACKENDS,
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
} from './support';

type Nested = number | Nested[];
interface OneHotCase {
  name: string;
  groups: number;
  params: Record<string, Nested>;
  value: Nested;
  log_prob: number[];
  log_prob_per_dim: Nested;
  entropy: number[];
  mean: Nested;
}
interface KlCase {
  name: string;
  groups: number;
  q: { family: Family; params: Record<string, Nested> };
  p: { family: Family; params: Record<string, Nested> };
  kl: number[];
  kl_per_dim: Nested;
}

/** tests/fixtures/distributions/torch-discrete.json, written by make_fixture_discrete.py. */
const fixture = JSON.parse(
  readFileSync(new URL('../../../../fixtures/distributions/torch-discrete.json', import.meta.url), 'utf8'),
) as { onehot_categorical: OneHotCase[]; kl: KlCase[] };
const klCases = fixture.kl.filter((c) => c.q.family === 'onehot-categorical');

/** Float64 softmax of one row. */
function softmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

describe.each(BACKENDS)('OneHotCategorical on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(fixture.onehot_categorical)('matches torch OneHotCategorical (Independent over groups): $name', (c) => {
    const params = paramTensors(c.params);
    const value = tensorFrom(c.value);
    const d = new OneHotCategorical(params.logits as tf.Tensor, c.groups);
    expect([d.components, d.eventSize, d.categories]).toEqual([c.groups, flat(c.value).length / c.log_prob.length, d.eventSize / c.groups]);
    const lp = read(d.logProb(value));
    expect(lp.shape).toEqual([c.log_prob.length]);
    expectClose(lp.values, c.log_prob);
    const perDim = read(d.logProbPerDim(value));
    expect(perDim.shape).toEqual([c.log_prob.length, c.groups]);
    expectClose(perDim.values, flat(c.log_prob_per_dim));
    const h = read(d.entropy());
    expect(h.shape).toEqual([c.entropy.length]);
    expectClose(h.values, c.entropy);
    expectClose(values(d.mean()), flat(c.mean), 1e-5, 1e-7);
    disposeAll(params);
    value.dispose();
  });

  it.each(klCases)('matches torch kl_divergence per group and summed: $name', (c) => {
    const qParams = paramTensors(c.q.params);
    const pParams = paramTensors(c.p.params);
    const q = makeDistribution(c.q.family, qParams, { groups: c.groups });
    const p = makeDistribution(c.p.family, pParams, { groups: c.groups });
    const perDim = read(klDivergencePerDim(q, p) as tf.Tensor);
    expect(perDim.shape).toEqual([c.kl.length, c.groups]);
    expectClose(perDim.values, flat(c.kl_per_dim));
    expectClose(values(klDivergence(q, p) as tf.Tensor), c.kl);
    disposeAll(qParams);
    disposeAll(pParams);
  });

  it('gives KL(q ‖ q) = 0, agrees with a Monte Carlo estimate, and rejects different groupings', () => {
    tf.tidy(() => {
      const q = new OneHotCategorical(tf.tensor1d([1, 0, -1, 0.5, 2, -2]), 2);
      const p = new OneHotCategorical(tf.tensor1d([0, 0, 0, -1, 1, 0]), 2);
      expectClose(values(klDivergence(q, q) as tf.Tensor), [0], 0, 1e-6);
      const x = q.sample(3, 20000);
      const mc = meanOf(values(q.logProb(x).sub(p.logProb(x))));
      expect(Math.abs(mc - (values(klDivergence(q, p) as tf.Tensor)[0] as number))).toBeLessThan(0.03);
      expect(() => klDivergence(q, new OneHotCategorical(tf.zeros([6]), 3))).toThrow(/groups 2 and 3 differ/);
    });
  });

  it('draws one-hot groups with frequencies softmax(ℓ_g) over 20000 draws (5 standard errors)', () => {
    const rows = [
      [1, 0, -1],
      [0.5, 0.5, -2],
    ];
    const logits = tf.tensor1d(rows.flat());
    const d = new OneHotCategorical(logits, 2);
    const s = d.sample(23, 20000);
    expect(s.dtype).toBe('float32');
    expect(s.shape).toEqual([20000, 6]);
    const x = values(s);
    // Each group of each draw is exactly one-hot.
    for (let r = 0; r < 20000; r++) {
      for (let g = 0; g < 2; g++) {
        const group = x.slice(r * 6 + g * 3, r * 6 + g * 3 + 3);
        expect(group.every((v) => v === 0 || v === 1) && group.reduce((a: number, b) => a + b, 0) === 1).toBe(true);
      }
    }
    rows.forEach((row, g) => {
      softmaxRow(row).forEach((pk, k) => {
        let count = 0;
        for (let r = 0; r < 20000; r++) count += x[r * 6 + g * 3 + k] as number;
        expect(Math.abs(count / 20000 - pk)).toBeLessThan(5 * Math.sqrt((pk * (1 - pk)) / 20000));
      });
    });
    logits.dispose();
  });

  it('draws the categorical of the same noise: one group is Categorical.sampleOneHot, indices match the one-hot', () => {
    tf.tidy(() => {
      const logits = tf.randomNormal([10, 4], 0, 1, 'float32', 1);
      expect(values(new OneHotCategorical(logits).sample(5))).toEqual(values(new Categorical(logits).sampleOneHot(5)));
      const d = new OneHotCategorical(tf.randomNormal([7, 12], 0, 1, 'float32', 2), 3);
      const index = d.sampleIndices(9);
      expect(index.dtype).toBe('int32');
      expect(index.shape).toEqual([7, 3]);
      const idx = Array.from(index.dataSync());
      const expected = idx.flatMap((k) => [0, 1, 2, 3].map((j) => (j === k ? 1 : 0)));
      expect(values(d.sample(9))).toEqual(expected);
      expect(values(d.toOneHot(index))).toEqual(expected);
      expect(values(indicesToOneHot(tf.tensor2d([[2, 0]], undefined, 'int32'), 3))).toEqual([0, 0, 1, 1, 0, 0]);
      expect(() => d.toOneHot(tf.zeros([7, 2], 'int32'))).toThrow(/\[rows, 3\]/);
    });
  });

  it('draws the same sample for the same seed and a different one for another seed', () => {
    tf.tidy(() => {
      const d = new OneHotCategorical(tf.zeros([64, 10]), 2);
      const a = values(d.sample(8));
      expect(values(d.sample(8))).toEqual(a);
      expect(values(d.sample(9))).not.toEqual(a);
    });
  });

  it('differentiates logProb as x_g − softmax(ℓ_g) per group, and passes zero gradient through sample', () => {
    const row = [0.3, -1.2, 2, 0.7, 0.1, -0.4];
    const logits = tf.tensor2d([row]);
    const value = tf.tensor2d([[0, 1, 0, 0, 0, 1]]);
    const g = tf.grad((l: tf.Tensor) => new OneHotCategorical(l, 2).logProb(value).sum())(logits);
    const p = [...softmaxRow(row.slice(0, 3)), ...softmaxRow(row.slice(3))];
    expectClose(values(g), p.map((pk, k) => (flat(value.arraySync() as Nested)[k] as number) - pk));
    const gs = tf.grad((l: tf.Tensor) => new OneHotCategorical(l, 2).sample(2, 1).mul(tf.range(0, 6)).sum())(logits);
    expect(values(gs)).toEqual([0, 0, 0, 0, 0, 0]);
    const d = new OneHotCategorical(logits, 2);
    expect(d.hasRsample).toBe(false);
    expect(() => d.rsample()).toThrow(/no reparameterised sample/);
    tf.dispose([logits, value]);
  });

  it('stays finite for logits ±80 in logProb, entropy and their gradients', () => {
    const logits = tf.tensor2d([[80, -80, 0, -80, 80, 80]]);
    const value = tf.tensor2d([[0, 1, 0, 1, 0, 0]]);
    expectClose(values(new OneHotCategorical(logits, 2).logProb(value)), [-160 - 160 - Math.log(2)]);
    expectFinite(values(tf.grad((l: tf.Tensor) => new OneHotCategorical(l, 2).logProb(value).sum())(logits)));
    expectFinite(values(tf.grad((l: tf.Tensor) => new OneHotCategorical(l, 2).entropy().sum())(logits)));
    tf.dispose([logits, value]);
  });

  it('enumerates its support: K^G distinct one-hot rows whose probabilities sum to 1', () => {
    tf.tidy(() => {
      const d = new OneHotCategorical(tf.randomNormal([1, 9], 0, 1.5, 'float32', 4), 3);
      const support = d.enumerateSupport();
      expect(support.shape).toEqual([27, 9]);
      const rows = values(support);
      const keys = new Set(Array.from({ length: 27 }, (_, r) => rows.slice(r * 9, r * 9 + 9).join('')));
      expect(keys.size).toBe(27);
      // Row 1 puts the last group in class 1 (base-K digits, group 0 most significant).
      expect(rows.slice(9, 18)).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0]);
      const total = values(d.logProb(d.enumerateSupport()).exp().sum());
      expectClose(total, [1], 1e-5);
      expect(() => d.enumerateSupport(26)).toThrow(/3\^3 = 27 configurations exceed the enumeration limit 26/);
      expect(() => new OneHotCategorical(tf.zeros([40]), 4).enumerateSupport()).toThrow(/limit 1024/);
    });
  });

  it('returns [B] from logProb for [B, G·K] values against shared logits, [1] from entropy, [1, G·K] from mean', () => {
    tf.tidy(() => {
      const d = new OneHotCategorical(tf.tensor1d([0.1, 0.2, 0.3, 0.4]), 2);
      expect([d.batchSize, d.eventSize, d.components, d.categories]).toEqual([1, 4, 2, 2]);
      expect(d.logProb(d.sample(1, 5)).shape).toEqual([5]);
      expect(d.logProbPerDim(d.sample(1, 5)).shape).toEqual([5, 2]);
      expect(d.entropy().shape).toEqual([1]);
      expect(d.mean().shape).toEqual([1, 4]);
      expect(() => d.logProb(tf.zeros([5, 3]))).toThrow(/event size 4/);
      expect(() => d.sample(1)).not.toThrow();
    });
  });

  it('rejects a width not divisible by groups, and a non-integer group count', () => {
    tf.tidy(() => {
      expect(() => new OneHotCategorical(tf.zeros([2, 7]), 2)).toThrow(/width 7 is not divisible by groups 2/);
      expect(() => new OneHotCategorical(tf.zeros([6]), 0)).toThrow(/positive integer/);
      expect(() => new OneHotCategorical(tf.zeros([6], 'int32'))).toThrow(/float32/);
    });
  });

  it('is built by makeDistribution with its groups option', () => {
    tf.tidy(() => {
      const d = makeDistribution('onehot-categorical', { logits: tf.zeros([3, 8]) }, { groups: 4 });
      expect(d).toBeInstanceOf(OneHotCategorical);
      expect([d.family, d.batchSize, d.eventSize, d.components, d.support, d.hasRsample]).toEqual([
        'onehot-categorical',
        3,
        8,
        4,
        'onehot',
        false,
      ]);
      expect(d.paramConstraints).toEqual({ logits: 'real' });
      expect(makeDistribution('onehot-categorical', { logits: tf.zeros([8]) }).components).toBe(1);
    });
  });

  it('leaks no tensors: each method returns exactly one tensor, and a tidy around all of them returns to the start', () => {
    const logits = tf.tensor2d([
      [0.1, 80, -80, 1],
      [1, 2, 3, 4],
    ]);
    const value = tf.tensor2d([
      [1, 0, 0, 1],
      [0, 1, 1, 0],
    ]);
    const d = new OneHotCategorical(logits, 2);
    const calls: (() => tf.Tensor)[] = [
      () => d.logProb(value),
      () => d.logProbPerDim(value),
      () => d.entropy(),
      () => d.sample(1),
      () => d.sampleIndices(1),
      () => d.mean(),
      () => d.enumerateSupport(),
      () => klDivergence(d, d) as tf.Tensor,
      () => tf.grad((l: tf.Tensor) => new OneHotCategorical(l, 2).logProb(value).sum())(logits),
    ];
    expectOneTensorEachNoLeaks(calls);
    tf.dispose([logits, value]);
  });
});
