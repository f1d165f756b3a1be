/**
 * An independent reference for the Gaussian-mixture example: the exact log-likelihood of a diagonal
 * Gaussian mixture given as plain numbers, expectation–maximisation to fit one, and the mixture a
 * trained graph holds, read out of its weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../../electron/engine/data/dataset';
import type { Prepared } from '../../../electron/engine/train/trainer';

/** A K-component Gaussian mixture with diagonal covariances. */
export interface Mixture {
  readonly logWeight: number[];
  readonly mean: number[][];
  readonly variance: number[][];
}

/** The points of a split's `x` column, one array per row. */
export function points(ds: Dataset): number[][] {
  const { size, values } = ds.columns.x!;
  return Array.from({ length: ds.length }, (_, i) => Array.from(values.subarray(i * size, (i + 1) * size)));
}

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** log π_k + log N(x; μ_k, diag σ_k²) for every k. */
function joint(m: Mixture, x: number[]): number[] {
  return m.logWeight.map((lw, k) => lw + x.reduce((s, xi, d) => s - 0.5 * ((xi - m.mean[k]![d]!) ** 2 / m.variance[k]![d]! + Math.log(2 * Math.PI * m.variance[k]![d]!)), 0));
}

/** Mean log-likelihood per point, log Σ_k π_k N(x; μ_k, diag σ_k²) (nats). */
export function meanLogLikelihood(m: Mixture, xs: number[][]): number {
  return xs.reduce((s, x) => s + logSumExp(joint(m, x)), 0) / xs.length;
}

/** mulberry32: the reference's own seeded generator (nothing shared with the engine). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Expectation–maximisation (maximum likelihood) for a diagonal Gaussian mixture, started from means
 * at K random points, the data's variance and equal weights; stops when the mean log-likelihood
 * rises by less than 1e-10.
 */
export function em(xs: number[][], K: number, seed: number): Mixture {
  const D = xs[0]!.length;
  const next = rng(seed);
  const overall = Array.from({ length: D }, (_, d) => {
    const mu = xs.reduce((s, x) => s + x[d]!, 0) / xs.length;
    return xs.reduce((s, x) => s + (x[d]! - mu) ** 2, 0) / xs.length;
  });
  let m: Mixture = {
    logWeight: Array<number>(K).fill(-Math.log(K)),
    mean: Array.from({ length: K }, () => [...xs[Math.floor(next() * xs.length)]!]),
    variance: Array.from({ length: K }, () => [...overall]),
  };
  let last = -Infinity;
  for (let iter = 0; iter < 1000; iter++) {
    // E step: responsibilities p(k | x_n).
    const r = xs.map((x) => {
      const j = joint(m, x);
      const z = logSumExp(j);
      return j.map((v) => Math.exp(v - z));
    });
    // M step: weighted counts, means and variances (floored so no component collapses onto a point).
    const n = Array.from({ length: K }, (_, k) => r.reduce((s, rn) => s + rn[k]!, 0));
    const mean = n.map((nk, k) => Array.from({ length: D }, (_, d) => xs.reduce((s, x, i) => s + r[i]![k]! * x[d]!, 0) / nk));
    const variance = n.map((nk, k) => Array.from({ length: D }, (_, d) => Math.max(1e-6, xs.reduce((s, x, i) => s + r[i]![k]! * (x[d]! - mean[k]![d]!) ** 2, 0) / nk)));
    m = { logWeight: n.map((nk) => Math.log(nk / xs.length)), mean, variance };
    const ll = meanLogLikelihood(m, xs);
    if (ll - last < 1e-10) break;
    last = ll;
  }
  return m;
}

/** The best of five EM restarts by training log-likelihood. */
export function bestEm(xs: number[][], K: number): Mixture {
  const fits = [1, 2, 3, 4, 5].map((seed) => em(xs, K, seed));
  return fits.reduce((a, b) => (meanLogLikelihood(b, xs) > meanLogLikelihood(a, xs) ? b : a));
}

/**
 * The mixture a trained mixture-enumeration graph holds: π = softmax of the learnable 'pi', and
 * μ_k, σ_k the heads of the 'components' network at the one-hot k.
 */
export function learntMixture(p: Prepared, K: number): Mixture {
  return tf.tidy(() => {
    const logWeight = tf.logSoftmax(p.model.learnables.get('pi')!.raw.reshape([K])).arraySync() as number[];
    const heads = p.model.networks.get('components')!.forward(tf.eye(K) as tf.Tensor2D);
    const scale = heads.scale!.arraySync() as number[][];
    return { logWeight, mean: heads.loc!.arraySync() as number[][], variance: scale.map((s) => s.map((v) => v * v)) };
  });
}

/**
 * The exact mean ELBO of a mixture under an approximate posterior given as log q(k | x) per point:
 * Σ_k q(k | x) [log π_k + log N(x; μ_k, σ_k²) − log q(k | x)], averaged over the points.
 */
export function meanExactElbo(m: Mixture, xs: number[][], logQ: number[][]): number {
  return xs.reduce((s, x, i) => s + joint(m, x).reduce((t, j, k) => t + Math.exp(logQ[i]![k]!) * (j - logQ[i]![k]!), 0), 0) / xs.length;
}

/** log q(k | x) of a trained mixture-enumeration graph: log-softmax of its 'encoder' network's logits. */
export function posteriorLogProbs(p: Prepared, xs: number[][]): number[][] {
  return tf.tidy(() => tf.logSoftmax(p.model.networks.get('encoder')!.forward(tf.tensor2d(xs)).logits!).arraySync() as number[][]);
}
