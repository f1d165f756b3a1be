import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  Bernoulli,
  Categorical,
  Normal,
  hasClosedFormKl,
  klDivergence,
  makeDistribution,
  registerKl,
} from '../../../../../electron/engine/distributions';
import type { Distribution } from '../../../../../electron/engine/distributions';
import {
  BACKENDS,
  disposeAll,
  expectClose,
  expectFinite,
  meanOf,
  paramTensors,
  read,
  torchReference,
  useBackend,
  values,
  expectOneTensorEachNoLeaks,
} from './support';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** KL as numbers; fails the test when there is no closed form. */
function kl(q: Distribution, p: Distribution): number[] {
  const t = klDivergence(q, p);
  if (t === null) throw new Error(`no closed-form KL for ${q.family} ‖ ${p.family}`);
  return values(t);
}

describe.each(BACKENDS)('closed-form KL on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('gives the closed-form KL between two univariate Normals (VI-NOTES reference values)', () => {
    tf.tidy(() => {
      const n = (m: number, s: number): Normal => new Normal(tf.tensor1d([m]), tf.tensor1d([s]));
      expectClose(kl(n(1, 2), n(0, 1)), [1.306853], 0, 1e-5);
      expectClose(kl(n(0.5, 0.8), n(-0.3, 1.5)), [0.413053], 0, 1e-5);
    });
  });

  it('gives KL(Bern(0.3) ‖ Bern(0.5)) = 0.082283 from logits (VI-NOTES reference value)', () => {
    tf.tidy(() => {
      const q = new Bernoulli(tf.tensor1d([logit(0.3)]));
      const p = new Bernoulli(tf.tensor1d([0]));
      expectClose(kl(q, p), [0.082283], 0, 1e-5);
    });
  });

  it('gives −½ Σ (1 + log σ² − μ² − σ²) against a standard-normal prior shared over the batch', () => {
    const mu = [0.3, -1.2, 2, 0, 0.7, -0.1];
    const sigma = [0.5, 1, 1.7, 0.05, 2.5, 1];
    const expected = [0, 1].map((b) => {
      let s = 0;
      for (let i = 3 * b; i < 3 * b + 3; i++) {
        const m = mu[i] as number;
        const v = (sigma[i] as number) ** 2;
        s += -0.5 * (1 + Math.log(v) - m * m - v);
      }
      return s;
    });
    tf.tidy(() => {
      const q = new Normal(tf.tensor2d(mu, [2, 3]), tf.tensor2d(sigma, [2, 3]));
      const prior = new Normal(tf.zeros([3]), tf.ones([3]));
      const out = read(klDivergence(q, prior) as tf.Tensor);
      expect(out.shape).toEqual([2]);
      expectClose(out.values, expected);
    });
  });

  it.each(torchReference.kl)('matches torch.distributions.kl_divergence: $name', (c) => {
    const qParams = paramTensors(c.q.params);
    const pParams = paramTensors(c.p.params);
    const q = makeDistribution(c.q.family, qParams);
    const p = makeDistribution(c.p.family, pParams);
    const out = read(klDivergence(q, p) as tf.Tensor);
    expect(out.shape).toEqual([c.kl.length]);
    expectClose(out.values, c.kl);
    disposeAll(qParams);
    disposeAll(pParams);
  });

  it('gives zero for KL(q ‖ q) in every family', () => {
    tf.tidy(() => {
      const loc = tf.randomNormal([3, 4], 0, 1, 'float32', 1);
      const scale = tf.randomUniform([3, 4], 0.1, 2, 'float32', 2);
      const logits = tf.randomNormal([3, 4], 0, 5, 'float32', 3);
      expectClose(kl(new Normal(loc, scale), new Normal(loc, scale)), [0, 0, 0], 0, 1e-6);
      expectClose(kl(new Bernoulli(logits), new Bernoulli(logits)), [0, 0, 0], 0, 1e-6);
      expectClose(kl(new Categorical(logits), new Categorical(logits)), [0, 0, 0], 0, 1e-6);
    });
  });

  it('broadcasts a shared q or p against a batched one to shape [B]', () => {
    tf.tidy(() => {
      const batched = new Normal(tf.randomNormal([5, 2], 0, 1, 'float32', 4), tf.ones([5, 2]));
      const shared = new Normal(tf.zeros([2]), tf.ones([1, 2]));
      expect(klDivergence(batched, shared)?.shape).toEqual([5]);
      expect(klDivergence(shared, batched)?.shape).toEqual([5]);
      // A shared pair still gives [1], and a loc-only batch still gives the full batch.
      expect(klDivergence(shared, shared)?.shape).toEqual([1]);
      const locBatched = new Normal(tf.zeros([4, 2]), tf.ones([2]));
      expect(klDivergence(shared, locBatched)?.shape).toEqual([4]);
      const cq = new Categorical(tf.zeros([6, 3]));
      const cp = new Categorical(tf.tensor1d([1, 2, 3]));
      expect(klDivergence(cq, cp)?.shape).toEqual([6]);
    });
  });

  it('agrees with a Monte Carlo estimate E_q[log q − log p] for each family', () => {
    tf.tidy(() => {
      const nq = new Normal(tf.tensor1d([0.4, -1]), tf.tensor1d([0.7, 1.3]));
      const np = new Normal(tf.tensor1d([0, 0.5]), tf.tensor1d([1, 2]));
      const z = nq.rsample(1, 20000);
      const mcNormal = meanOf(values(nq.logProb(z).sub(np.logProb(z))));
      expect(Math.abs(mcNormal - (kl(nq, np)[0] as number))).toBeLessThan(0.03);

      const bq = new Bernoulli(tf.tensor1d([1.2, -0.4, 3]));
      const bp = new Bernoulli(tf.tensor1d([-0.5, 0, 1]));
      const x = bq.sample(2, 20000);
      const mcBern = meanOf(values(bq.logProb(x).sub(bp.logProb(x))));
      expect(Math.abs(mcBern - (kl(bq, bp)[0] as number))).toBeLessThan(0.03);

      const cq = new Categorical(tf.tensor1d([1, 0, -1, 2]));
      const cp = new Categorical(tf.tensor1d([0, 0, 0, 0]));
      const k = cq.sample(3, 20000);
      const mcCat = meanOf(values(cq.logProb(k).sub(cp.logProb(k))));
      expect(Math.abs(mcCat - (kl(cq, cp)[0] as number))).toBeLessThan(0.03);
    });
  });

  it('differentiates the Normal KL: ∂/∂μq = (μq − μp)/σp², ∂/∂σq = σq/σp² − 1/σq, ∂/∂μp = −(μq − μp)/σp²', () => {
    const muQ = [0.5, -1.2, 2];
    const sQ = [0.8, 0.3, 1.5];
    const muP = [-0.3, 0, 1];
    const sP = [1.5, 1, 0.5];
    const ts = [muQ, sQ, muP, sP].map((a) => tf.tensor2d([a]));
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
      (klDivergence(new Normal(a, b), new Normal(c, d)) as tf.Tensor).sum(),
    )(ts);
    const [gMuQ, gSQ, gMuP] = grads.map(values);
    const i3 = [0, 1, 2];
    const sp2 = (i: number): number => (sP[i] as number) ** 2;
    const dm = (i: number): number => (muQ[i] as number) - (muP[i] as number);
    expectClose(gMuQ as number[], i3.map((i) => dm(i) / sp2(i)));
    expectClose(gSQ as number[], i3.map((i) => (sQ[i] as number) / sp2(i) - 1 / (sQ[i] as number)));
    expectClose(gMuP as number[], i3.map((i) => -dm(i) / sp2(i)));
    tf.dispose(ts);
  });

  it('differentiates the Bernoulli KL w.r.t. q logits as σ(a)σ(−a)(a − b)', () => {
    const a = [-2, 0.5, 3, 1];
    const b = [1, 0.5, -1, 4];
    const qa = tf.tensor2d([a]);
    const pb = tf.tensor2d([b]);
    const g = tf.grad((t: tf.Tensor) => (klDivergence(new Bernoulli(t), new Bernoulli(pb)) as tf.Tensor).sum())(qa);
    expectClose(values(g), a.map((ai, i) => sigmoid(ai) * sigmoid(-ai) * (ai - (b[i] as number))));
    tf.dispose([qa, pb]);
  });

  it('differentiates the Categorical KL w.r.t. q logits as q_k (log q_k − log p_k − KL)', () => {
    const a = [0.3, -1, 2, 0.5];
    const b = [1, 0, -0.5, 0.2];
    const lsm = (r: number[]): number[] => {
      const m = Math.max(...r);
      const lse = m + Math.log(r.reduce((s, x) => s + Math.exp(x - m), 0));
      return r.map((x) => x - lse);
    };
    const [lq, lp] = [lsm(a), lsm(b)];
    const klValue = lq.reduce((s, l, k) => s + Math.exp(l) * (l - (lp[k] as number)), 0);
    const qa = tf.tensor2d([a]);
    const pb = tf.tensor2d([b]);
    const g = tf.grad((t: tf.Tensor) => (klDivergence(new Categorical(t), new Categorical(pb)) as tf.Tensor).sum())(
      qa,
    );
    expectClose(values(g), lq.map((l, k) => Math.exp(l) * (l - (lp[k] as number) - klValue)), 1e-4, 1e-6);
    tf.dispose([qa, pb]);
  });

  it('stays finite, with finite gradients, for logits ±80 and scales 1e-6', () => {
    const a = tf.tensor2d([[80, 80, -80, -80, 3, -20]]);
    const b = tf.tensor2d([[-80, 80, 80, -80, 80, 20]]);
    const c = tf.tensor2d([
      [80, -80, 0],
      [0, 0, 0],
    ]);
    const d = tf.tensor2d([
      [-80, 80, 0],
      [80, -80, 0],
    ]);
    const tiny = tf.tensor2d([[1e-6, 1, 1e-6]]);
    const one = tf.tensor2d([[1, 1e-6, 1e-6]]);
    const loc = tf.tensor2d([[0.2, -0.1, 0]]);
    const cases: [string, () => tf.Tensor, tf.Tensor[]][] = [
      ['bernoulli', () => klDivergence(new Bernoulli(a), new Bernoulli(b)) as tf.Tensor, [a, b]],
      ['categorical', () => klDivergence(new Categorical(c), new Categorical(d)) as tf.Tensor, [c, d]],
      ['normal', () => klDivergence(new Normal(loc, tiny), new Normal(tf.zeros([3]), one)) as tf.Tensor, [tiny, one]],
    ];
    for (const [, f, xs] of cases) {
      expectFinite(values(f()));
      tf.grads(() => f().sum())(xs).forEach((g) => expectFinite(values(g)));
    }
    // KL(Bern(σ(80)) ‖ Bern(σ(−80))) = −log σ(−80) − ... ≈ softplus(80) = 80 nats, not ∞.
    const saturated = tf.tidy(() => kl(new Bernoulli(tf.tensor1d([80])), new Bernoulli(tf.tensor1d([-80]))));
    expectClose(saturated, [80], 1e-6);
    tf.dispose([a, b, c, d, tiny, one, loc]);
  });

  it('returns null when no closed form is registered, uses a newly registered one, and can unregister it', () => {
    tf.tidy(() => {
      const n = new Normal(tf.zeros([2]), tf.ones([2]));
      const b = new Bernoulli(tf.zeros([2]));
      expect(hasClosedFormKl('normal', 'normal')).toBe(true);
      expect(hasClosedFormKl('normal', 'bernoulli')).toBe(false);
      expect(klDivergence(n, b)).toBeNull();
      expect(klDivergence(new Categorical(tf.zeros([2])), b)).toBeNull();
      const unregister = registerKl<Normal, Bernoulli>('normal', 'bernoulli', (q) => tf.fill([q.batchSize, q.components], 3.5));
      expect(values(klDivergence(n, b) as tf.Tensor)).toEqual([7]);
      unregister();
      expect(klDivergence(n, b)).toBeNull();
      // Replacing a built-in and undoing it restores the built-in.
      const restore = registerKl<Normal, Normal>('normal', 'normal', (q) => tf.zeros([q.batchSize, q.components]));
      expect(values(klDivergence(new Normal(tf.ones([2]), tf.ones([2])), n) as tf.Tensor)).toEqual([0]);
      restore();
      expectClose(kl(new Normal(tf.ones([2]), tf.ones([2])), n), [1]);
    });
  });

  it('rejects pairs whose event sizes or batch sizes do not match', () => {
    tf.tidy(() => {
      const n3 = new Normal(tf.zeros([2, 3]), tf.ones([2, 3]));
      expect(() => klDivergence(n3, new Normal(tf.zeros([4]), tf.ones([4])))).toThrow(/event sizes 3 and 4/);
      expect(() => klDivergence(n3, new Normal(tf.zeros([5, 3]), tf.ones([5, 3])))).toThrow(/do not broadcast/);
    });
  });

  it('leaks no tensors: each KL returns exactly one tensor, and a tidy around them returns to the start', () => {
    const loc = tf.tensor2d([[0.1, 0.2]]);
    const scale = tf.tensor2d([[1, 2]]);
    const logits = tf.tensor2d([
      [0.5, 80],
      [-80, 0],
    ]);
    const calls: (() => tf.Tensor)[] = [
      () => klDivergence(new Normal(loc, scale), new Normal(scale, scale)) as tf.Tensor,
      () => klDivergence(new Bernoulli(logits), new Bernoulli(loc)) as tf.Tensor,
      () => klDivergence(new Categorical(logits), new Categorical(loc)) as tf.Tensor,
      () => tf.grad((l: tf.Tensor) => (klDivergence(new Normal(l, scale), new Normal(scale, scale)) as tf.Tensor).sum())(loc),
    ];
    expectOneTensorEachNoLeaks(calls);
    tf.dispose([loc, scale, logits]);
  });
});
