import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  Beta,
  Gamma,
  Laplace,
  LogNormal,
  Normal,
  hasClosedFormKl,
  klDivergence,
  klDivergencePerDim,
  makeDistribution,
} from '../../../../../electron/engine/distributions';
import type { Distribution } from '../../../../../electron/engine/distributions';
import { continuousReference } from './continuous-support';
import {
  BACKENDS,
  disposeAll,
  expectClose,
  expectFinite,
  expectOneTensorEachNoLeaks,
  meanOf,
  paramTensors,
  read,
  useBackend,
  values,
  varianceOf,
} from './support';

function kl(q: Distribution, p: Distribution): number[] {
  const t = klDivergence(q, p);
  if (t === null) throw new Error(`no closed-form KL for ${q.family} ‖ ${p.family}`);
  return values(t);
}

/** E_q[log q − log p] over `n` draws of q, with its standard error. */
function monteCarlo(q: Distribution, p: Distribution, n: number): { mean: number; se: number } {
  const d = tf.tidy(() => {
    const x = q.sample(3, n);
    return values(q.logProb(x).sub(p.logProb(x)));
  });
  return { mean: meanOf(d), se: Math.sqrt(varianceOf(d) / n) };
}

describe.each(BACKENDS)('closed-form KLs of the continuous families on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('registers Beta, Gamma, Laplace, LogNormal (each with itself) and Kumaraswamy ‖ Beta', () => {
    for (const f of ['beta', 'gamma', 'laplace', 'lognormal'] as const) expect(hasClosedFormKl(f, f)).toBe(true);
    expect(hasClosedFormKl('kumaraswamy', 'beta')).toBe(true);
    expect(hasClosedFormKl('beta', 'kumaraswamy')).toBe(false);
  });

  it.each(continuousReference.kl)('matches torch.distributions.kl_divergence: $name', (c) => {
    const qParams = paramTensors(c.q.params);
    const pParams = paramTensors(c.p.params);
    const out = read(klDivergence(makeDistribution(c.q.family, qParams), makeDistribution(c.p.family, pParams)) as tf.Tensor);
    expect(out.shape).toEqual([c.kl.length]);
    expectClose(out.values, c.kl);
    disposeAll(qParams);
    disposeAll(pParams);
  });

  it('returns per-component KLs [B, n] that sum to the KL', () => {
    tf.tidy(() => {
      const q = new Gamma(tf.tensor2d([[1, 2, 3], [0.5, 4, 9]]), tf.ones([3]));
      const p = new Gamma(tf.ones([3]), tf.tensor1d([2, 1, 0.5]));
      const perDim = klDivergencePerDim(q, p) as tf.Tensor;
      expect(perDim.shape).toEqual([2, 3]);
      expectClose(values(perDim.sum(-1)), kl(q, p), 1e-6, 1e-6);
    });
  });

  it('gives zero for KL(q ‖ q) in every family', () => {
    tf.tidy(() => {
      const pos = tf.randomUniform([3, 4], 0.1, 5, 'float32', 2);
      const pos2 = tf.randomUniform([3, 4], 0.1, 5, 'float32', 3);
      const real = tf.randomNormal([3, 4], 0, 2, 'float32', 1);
      const zero = [0, 0, 0];
      expectClose(kl(new Beta(pos, pos2), new Beta(pos, pos2)), zero, 0, 1e-5);
      expectClose(kl(new Gamma(pos, pos2), new Gamma(pos, pos2)), zero, 0, 1e-5);
      expectClose(kl(new Laplace(real, pos), new Laplace(real, pos)), zero, 0, 1e-6);
      expectClose(kl(new LogNormal(real, pos), new LogNormal(real, pos)), zero, 0, 1e-6);
    });
  });

  it('gives the LogNormal pair the KL of the Normals of the logarithms', () => {
    tf.tidy(() => {
      const [a, b, c, d] = [tf.tensor1d([0.3, -1]), tf.tensor1d([0.5, 2]), tf.tensor1d([0, 1]), tf.tensor1d([1, 0.7])];
      expectClose(kl(new LogNormal(a, b), new LogNormal(c, d)), kl(new Normal(a, b), new Normal(c, d)), 1e-6, 1e-7);
    });
  });

  it('agrees with a Monte Carlo estimate E_q[log q − log p] over 20000 draws, within 5 standard errors', () => {
    tf.tidy(() => {
      const pairs: [Distribution, Distribution][] = [
        [new Beta(tf.tensor1d([0.7, 3]), tf.tensor1d([2, 5])), new Beta(tf.tensor1d([1, 1]), tf.tensor1d([1, 3]))],
        [new Gamma(tf.tensor1d([0.5, 4]), tf.tensor1d([1, 2])), new Gamma(tf.tensor1d([1, 2]), tf.tensor1d([0.5, 1]))],
        [new Laplace(tf.tensor1d([0.4, -1]), tf.tensor1d([0.7, 2])), new Laplace(tf.tensor1d([0, 0.5]), tf.tensor1d([1, 1.5]))],
        [new LogNormal(tf.tensor1d([0.4, -1]), tf.tensor1d([0.7, 1.3])), new LogNormal(tf.tensor1d([0, 0.5]), tf.tensor1d([1, 2]))],
      ];
      for (const [q, p] of pairs) {
        const mc = monteCarlo(q, p, 20000);
        const exact = kl(q, p)[0] as number;
        if (!(Math.abs(mc.mean - exact) <= 5 * mc.se)) {
          throw new Error(`${q.family}: Monte Carlo ${mc.mean} ± ${mc.se}, closed form ${exact}`);
        }
      }
    });
  });

  it('differentiates every KL in both distributions with finite gradients that match central differences', () => {
    const x = tf.tensor2d([[0.7, 2.5]]);
    const y = tf.tensor2d([[1.5, 0.4]]);
    const builders: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
      ['beta', (a, b) => klDivergence(new Beta(a, b), new Beta(b, a)) as tf.Tensor],
      ['gamma', (a, b) => klDivergence(new Gamma(a, b), new Gamma(b, a)) as tf.Tensor],
      ['laplace', (a, b) => klDivergence(new Laplace(a, b), new Laplace(b, a)) as tf.Tensor],
      ['lognormal', (a, b) => klDivergence(new LogNormal(a, b), new LogNormal(b, a)) as tf.Tensor],
    ];
    for (const [, f] of builders) {
      const [ga, gb] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b).sum())([x, y]).map(values);
      expectFinite([...(ga as number[]), ...(gb as number[])]);
      // Central differences on the first parameter (float32: h = 1e-2, tolerance 1e-3 relative).
      const h = 1e-2;
      const fd = [0, 1].map((j) =>
        tf.tidy(() => {
          const e = tf.oneHot([j], 2).toFloat().mul(h);
          const plus = values(f(x.add(e), y).sum());
          const minus = values(f(x.sub(e), y).sum());
          return ((plus[0] as number) - (minus[0] as number)) / (2 * h);
        }),
      );
      expectClose(ga as number[], fd, 2e-3, 1e-4);
    }
    tf.dispose([x, y]);
  });

  it('stays finite for extreme parameters (concentrations 0.01 and 1e4, scales 1e-6)', () => {
    tf.tidy(() => {
      const small = tf.tensor1d([0.01, 1e4]);
      const large = tf.tensor1d([1e4, 0.01]);
      expectFinite(kl(new Beta(small, large), new Beta(large, small)));
      expectFinite(kl(new Gamma(small, large), new Gamma(large, small)));
      const tiny = tf.tensor1d([1e-6, 1]);
      expectFinite(kl(new Laplace(tf.zeros([2]), tiny), new Laplace(tf.ones([2]), tf.ones([2]))));
      expectFinite(kl(new LogNormal(tf.zeros([2]), tiny), new LogNormal(tf.ones([2]), tf.ones([2]))));
    });
  });

  it('leaks no tensors', () => {
    const a = tf.tensor2d([[0.5, 2]]);
    const b = tf.tensor2d([[1, 3]]);
    expectOneTensorEachNoLeaks([
      () => klDivergence(new Beta(a, b), new Beta(b, a)) as tf.Tensor,
      () => klDivergence(new Gamma(a, b), new Gamma(b, a)) as tf.Tensor,
      () => klDivergence(new Laplace(a, b), new Laplace(b, a)) as tf.Tensor,
      () => klDivergence(new LogNormal(a, b), new LogNormal(b, a)) as tf.Tensor,
      () => tf.grad((t: tf.Tensor) => (klDivergence(new Beta(t, b), new Beta(b, a)) as tf.Tensor).sum())(a),
    ]);
    tf.dispose([a, b]);
  });
});
