/**
 * KL(Kumaraswamy ‖ Beta) by the truncated series of Nalisnick & Smyth (2017).
 *
 * Truncation error (measured in float64 by make_fixture_continuous.py against the exact KL from
 * mpmath quadrature, recorded per component in the fixture as truncation_error_m10): with the
 * default M = 10 terms the series is off by
 *   −0.027 nats for Kuma(2, 3) ‖ Beta(1, 5) (exact KL 1.399),
 *   3e-4 … 8e-3 for (a, b) = (0.7, 3), (1.5, 6), (1.5, 4), (1, 2),
 *   ±0.02 … 0.035 for (0.8, 1.5) ‖ Beta(1, 3) and the β < 1 priors,
 *   −0.09 for (10, 10) ‖ Beta(3, 4), −0.27 for (1, 1) ‖ Beta(1, 4),
 *   −0.41 and −0.46 for (3, 1.5) ‖ Beta(1, 5) and (4, 1.2) ‖ Beta(1, 3),
 *   −1.16 for (5, 0.5) ‖ Beta(2, 2) (small b: terms decay like m^{−(1+b)}).
 * M = 2000 is within 2e-5 of the exact value for b ≥ 1.5 (1e-3 at b = 1.2, 0.09 at b = 0.5). The
 * Monte Carlo estimates (200 000 draws) agree with the exact values within 1.6 standard errors.
 * So the tests below hold the engine to the float64 M = 10 series at float32 precision, and to the
 * exact KL and the Monte Carlo estimate only up to the recorded truncation error.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  Beta,
  KUMARASWAMY_BETA_KL_TERMS,
  Kumaraswamy,
  klDivergence,
  klDivergencePerDim,
  klKumaraswamyBeta,
  makeDistribution,
} from '../../../../../electron/engine/distributions';
import { continuousReference } from './continuous-support';
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
  useBackend,
  values,
  varianceOf,
} from './support';

const cases = continuousReference.kl_kumaraswamy_beta;

function build(c: (typeof cases)[number]): { q: Kumaraswamy; p: Beta; dispose: () => void } {
  const qp = paramTensors(c.q.params);
  const pp = paramTensors(c.p.params);
  return {
    q: makeDistribution('kumaraswamy', qp) as Kumaraswamy,
    p: makeDistribution('beta', pp) as Beta,
    dispose: () => {
      disposeAll(qp);
      disposeAll(pp);
    },
  };
}

describe.each(BACKENDS)('KL(Kumaraswamy ‖ Beta) on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('uses M = 10 terms by default', () => {
    expect(KUMARASWAMY_BETA_KL_TERMS).toBe(10);
  });

  it.each(cases)('matches the float64 M = 10 series per component: $name', (c) => {
    const { q, p, dispose } = build(c);
    const out = read(klDivergencePerDim(q, p) as tf.Tensor);
    const expected = flat(c.series_m10);
    expect(out.values).toHaveLength(expected.length);
    expectClose(out.values, expected, 1e-4, 1e-5);
    dispose();
  });

  it.each(cases)('is within the recorded truncation error of the exact KL and the Monte Carlo estimate: $name', (c) => {
    const { q, p, dispose } = build(c);
    const got = values(klDivergencePerDim(q, p) as tf.Tensor);
    const exact = flat(c.exact);
    const err = flat(c.truncation_error_m10);
    const mc = flat(c.mc_mean);
    const se = flat(c.mc_se);
    got.forEach((g, i) => {
      const trunc = Math.abs(err[i] as number);
      // Float32 evaluation (1e-4 relative) on top of the float64 truncation error.
      expect(Math.abs(g - (exact[i] as number))).toBeLessThanOrEqual(trunc + 1e-4 * Math.abs(exact[i] as number) + 1e-5);
      expect(Math.abs(g - (mc[i] as number))).toBeLessThanOrEqual(trunc + 5 * (se[i] as number) + 1e-4);
    });
    dispose();
  });

  it('gets closer to the exact KL with more terms where b is not small (M = 100)', () => {
    const c = cases[0] as (typeof cases)[number];
    const { q, p, dispose } = build(c);
    const exact = flat(c.exact)[0] as number;
    const m10 = values(klKumaraswamyBeta(q, p))[0] as number;
    const m100 = values(klKumaraswamyBeta(q, p, 100))[0] as number;
    expect(Math.abs(m100 - exact)).toBeLessThan(Math.abs(m10 - exact) / 10);
    // Truncation only drops positive terms: for β > 1 the truncated KL is an underestimate.
    expect(m10).toBeLessThan(m100);
    expect(() => klKumaraswamyBeta(q, p, 0)).toThrow(/positive integer/);
    dispose();
  });

  it('agrees with a Monte Carlo estimate from its own Kumaraswamy draws (20000, 5 standard errors + truncation)', () => {
    tf.tidy(() => {
      const q = new Kumaraswamy(tf.tensor1d([2]), tf.tensor1d([3]));
      const p = new Beta(tf.tensor1d([1]), tf.tensor1d([5]));
      const x = q.rsample(5, 20000);
      const d = values(q.logProb(x).sub(p.logProb(x)));
      const se = Math.sqrt(varianceOf(d) / d.length);
      const exact = flat((cases[0] as (typeof cases)[number]).exact)[0] as number;
      expect(Math.abs(meanOf(d) - exact)).toBeLessThan(5 * se);
      expect(Math.abs((values(klDivergence(q, p) as tf.Tensor)[0] as number) - meanOf(d))).toBeLessThan(5 * se + 0.027);
    });
  });

  it('is exact (no series) when the prior has β = 1, and zero for Kuma(1, 1) ‖ Beta(1, 1)', () => {
    tf.tidy(() => {
      const q = new Kumaraswamy(tf.tensor1d([1, 2]), tf.tensor1d([1, 3]));
      const p = new Beta(tf.tensor1d([1, 1.5]), tf.tensor1d([1, 1]));
      const m10 = values(klKumaraswamyBeta(q, p));
      expectClose(values(klKumaraswamyBeta(q, p, 1)), m10, 1e-6, 1e-7);
      expectClose(m10.slice(0, 1), [0], 0, 1e-6);
    });
  });

  it('differentiates in all four parameters, matching central differences', () => {
    const ts = [[[2, 0.8]], [[3, 1.5]], [[1, 0.5]], [[5, 2]]].map((v) => tf.tensor2d(v));
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor): tf.Tensor =>
      klKumaraswamyBeta(new Kumaraswamy(a, b), new Beta(c, d)).sum();
    const grads = tf.grads(f)(ts).map(values);
    const h = 1e-2;
    grads.forEach((g, k) => {
      expectFinite(g);
      const fd = [0, 1].map((j) =>
        tf.tidy(() => {
          const e = tf.oneHot([j], 2).toFloat().mul(h);
          const shifted = (s: number): number => {
            const args = ts.map((t, i) => (i === k ? t.add(e.mul(s)) : t)) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
            return values(f(...args))[0] as number;
          };
          return (shifted(1) - shifted(-1)) / (2 * h);
        }),
      );
      expectClose(g, fd, 2e-3, 2e-4);
    });
    tf.dispose(ts);
  });

  it('broadcasts a batched posterior against a shared prior and stays finite for extreme parameters', () => {
    tf.tidy(() => {
      const q = new Kumaraswamy(tf.tensor2d([[0.05, 500], [50, 0.05]]), tf.tensor2d([[0.05, 500], [0.05, 50]]));
      const p = new Beta(tf.tensor1d([1, 0.3]), tf.tensor1d([5, 0.3]));
      const out = klDivergence(q, p) as tf.Tensor;
      expect(out.shape).toEqual([2]);
      expectFinite(values(out));
      const [a, b] = [q.concentration1, q.concentration0];
      tf.grads((s: tf.Tensor, t: tf.Tensor) => (klDivergence(new Kumaraswamy(s, t), p) as tf.Tensor).sum())([a, b]).forEach((g) =>
        expectFinite(values(g)),
      );
    });
  });

  it('leaks no tensors', () => {
    const a = tf.tensor2d([[0.5, 2]]);
    const b = tf.tensor2d([[1, 3]]);
    const q = new Kumaraswamy(a, b);
    const p = new Beta(b, a);
    expectOneTensorEachNoLeaks([
      () => klDivergence(q, p) as tf.Tensor,
      () => klKumaraswamyBeta(q, p, 3),
      () => tf.grad((t: tf.Tensor) => klKumaraswamyBeta(new Kumaraswamy(t, b), p).sum())(a),
    ]);
    tf.dispose([a, b]);
  });
});
