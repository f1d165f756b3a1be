import * as tf from '@tensorflow/tfjs';

import { asMatrix, broadcastSize, broadcastToShape } from './batch';
import { Bernoulli } from './bernoulli';
import { Categorical, logSoftmax } from './categorical';
import type { Distribution, Family } from './distribution';
import { Normal } from './normal';

/**
 * Closed-form KL(q ‖ p) per component, shape `[B, D]` (B the broadcast of the two batch sizes,
 * or 1 when both are shared; D = q.components). Implementations may assume that q and p have the
 * registered families.
 */
export type KlFn<Q extends Distribution = Distribution, P extends Distribution = Distribution> = (
  q: Q,
  p: P,
) => tf.Tensor;

const registry = new Map<string, KlFn>();
const key = (qFamily: Family, pFamily: Family): string => `${qFamily}|${pFamily}`;

/**
 * Register the closed-form KL for an ordered pair of families (as numpyro's
 * `register_kl`); a later registration for the same pair replaces the earlier one.
 *
 * @returns a function that restores what was registered for the pair before (or nothing),
 *   so that a test or a plugin can undo its registration.
 */
export function registerKl<Q extends Distribution, P extends Distribution>(
  qFamily: Q['family'],
  pFamily: P['family'],
  fn: KlFn<Q, P>,
): () => void {
  const k = key(qFamily, pFamily);
  const previous = registry.get(k);
  registry.set(k, fn as KlFn);
  return () => {
    if (previous === undefined) registry.delete(k);
    else registry.set(k, previous);
  };
}

/** Whether `klDivergence` has a closed form for this ordered pair. */
export function hasClosedFormKl(qFamily: Family, pFamily: Family): boolean {
  return registry.has(key(qFamily, pFamily));
}

/**
 * KL(q ‖ p) summed over the event axis, shape `[B]`, differentiable in both distributions'
 * parameters; or `null` when no closed form is registered for the pair, so that the caller
 * falls back to a Monte Carlo estimate E_q[log q − log p].
 *
 * Batches broadcast: a posterior with batch B against a shared prior (batch 1) gives `[B]`.
 * The two event sizes must be equal. Intermediates are disposed; the result is one tensor.
 */
export function klDivergence(q: Distribution, p: Distribution): tf.Tensor | null {
  const perDim = klDivergencePerDim(q, p);
  if (perDim === null) return null;
  return tf.tidy(() => {
    const sum = perDim.sum(-1);
    perDim.dispose();
    return sum;
  });
}

/**
 * KL(q ‖ p) per component, shape `[B, D]` (free bits per latent dimension clamp each column), or
 * `null` when the pair has no closed form. Same broadcasting and checks as `klDivergence`.
 */
export function klDivergencePerDim(q: Distribution, p: Distribution): tf.Tensor | null {
  const fn = registry.get(key(q.family, p.family));
  if (fn === undefined) return null;
  if (q.eventSize !== p.eventSize) {
    throw new Error(`KL(${q.family} ‖ ${p.family}): event sizes ${q.eventSize} and ${p.eventSize} differ`);
  }
  const rows = broadcastSize(q.batchSize, p.batchSize, `KL(${q.family} ‖ ${p.family}) batch`);
  return tf.tidy(() => broadcastToShape(fn(q, p), [rows, q.components]));
}

function narrow<T>(d: Distribution, cls: new (...args: never[]) => T): T {
  if (!(d instanceof cls)) {
    throw new Error(`closed-form KL expected a ${cls.name} for family '${d.family}'`);
  }
  return d;
}

/**
 * KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½ per dim, written
 * with r = σ₁/σ₂ and d = (μ₁ − μ₂)/σ₂ as ½(r² + d² − 1) − log r: ratios first, so a tiny σ₁
 * (1e-6) or a huge σ₂ never squares into underflow.
 */
function klNormalNormal(qd: Distribution, pd: Distribution): tf.Tensor {
  const q = narrow(qd, Normal);
  const p = narrow(pd, Normal);
  const ratio = asMatrix(q.scale).div(asMatrix(p.scale));
  const diff = asMatrix(q.loc).sub(asMatrix(p.loc)).div(asMatrix(p.scale));
  return ratio.square().add(diff.square()).sub(1).mul(0.5).sub(ratio.log());
}

/**
 * KL(Bern(σ(a)) ‖ Bern(σ(b))) per dim = σ(a)(log σ(a) − log σ(b)) + σ(−a)(log σ(−a) − log σ(−b))
 * = σ(a)(softplus(−b) − softplus(−a)) + σ(−a)(softplus(b) − softplus(a)).
 * The log-probabilities stay finite for any finite logits (working with probabilities, even
 * float64 rounds σ(80) to 1 and gives log 0), so there is no NaN for |logits| = 80.
 */
function klBernoulliBernoulli(qd: Distribution, pd: Distribution): tf.Tensor {
  const a = asMatrix(narrow(qd, Bernoulli).logits);
  const b = asMatrix(narrow(pd, Bernoulli).logits);
  const whenOne = tf.softplus(b.neg()).sub(tf.softplus(a.neg())).mul(tf.sigmoid(a));
  const whenZero = tf.softplus(b).sub(tf.softplus(a)).mul(tf.sigmoid(a.neg()));
  return whenOne.add(whenZero);
}

/** KL(Cat(softmax(a)) ‖ Cat(softmax(b))) = Σ_k q_k (log q_k − log p_k), log q and log p by log-softmax. */
function klCategoricalCategorical(qd: Distribution, pd: Distribution): tf.Tensor {
  const logQ = logSoftmax(asMatrix(narrow(qd, Categorical).logits));
  const logP = logSoftmax(asMatrix(narrow(pd, Categorical).logits));
  return logQ.exp().mul(logQ.sub(logP)).sum(-1, true);
}

registerKl<Normal, Normal>('normal', 'normal', klNormalNormal);
registerKl<Bernoulli, Bernoulli>('bernoulli', 'bernoulli', klBernoulliBernoulli);
registerKl<Categorical, Categorical>('categorical', 'categorical', klCategoricalCategorical);
