import * as tf from '@tensorflow/tfjs';

import { asMatrix, broadcastSize, broadcastToShape } from './batch';
import { Bernoulli } from './bernoulli';
import { Beta } from './beta';
import { Categorical, logSoftmax } from './categorical';
import type { Distribution, Family } from './distribution';
import { Gamma } from './gamma';
import { Laplace } from './laplace';
import { LogNormal } from './lognormal';
import { Normal } from './normal';
import { OneHotCategorical } from './onehot-categorical';
import { Poisson } from './poisson';
import { digamma, lgamma, log1p, logBeta } from './special';

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

/**
 * KL between one-hot categoricals of G groups, per group `[B, G]`: Σ_k q_gk (log q_gk − log p_gk),
 * log q and log p by a log-softmax over each group (viewed as `[b·G, K]`, then `[b, G, K]`).
 */
function klOneHotOneHot(qd: Distribution, pd: Distribution): tf.Tensor {
  const q = narrow(qd, OneHotCategorical);
  const p = narrow(pd, OneHotCategorical);
  if (q.groups !== p.groups) {
    throw new Error(`KL(onehot-categorical ‖ onehot-categorical): groups ${q.groups} and ${p.groups} differ`);
  }
  const groupLogSoftmax = (d: OneHotCategorical): tf.Tensor => {
    const logits = asMatrix(d.logits);
    const b = logits.shape[0];
    return logSoftmax(logits.reshape([b * d.groups, d.categories])).reshape([b, d.groups, d.categories]);
  };
  const logQ = groupLogSoftmax(q);
  const logP = groupLogSoftmax(p);
  return logQ.exp().mul(logQ.sub(logP)).sum(-1);
}

/**
 * KL(Poisson(λ₁) ‖ Poisson(λ₂)) = λ₁ log(λ₁/λ₂) − λ₁ + λ₂ per dim, evaluated as λ₁ (t − log1p t)
 * with t = (λ₂ − λ₁)/λ₁: for close rates the three terms of the textbook form are each ~λ₁ and
 * cancel to a small difference (at λ₁ = 1000, λ₂ = 990 the float32 error would be ~1e-3 of 0.05).
 */
function klPoissonPoisson(qd: Distribution, pd: Distribution): tf.Tensor {
  const l1 = asMatrix(narrow(qd, Poisson).rate);
  const l2 = asMatrix(narrow(pd, Poisson).rate);
  const t = l2.sub(l1).div(l1);
  return l1.mul(t.sub(log1p(t)));
}

registerKl<Normal, Normal>('normal', 'normal', klNormalNormal);
registerKl<Bernoulli, Bernoulli>('bernoulli', 'bernoulli', klBernoulliBernoulli);
registerKl<Categorical, Categorical>('categorical', 'categorical', klCategoricalCategorical);
registerKl<OneHotCategorical, OneHotCategorical>('onehot-categorical', 'onehot-categorical', klOneHotOneHot);
registerKl<Poisson, Poisson>('poisson', 'poisson', klPoissonPoisson);

/**
 * KL(Beta(α₁, β₁) ‖ Beta(α₂, β₂)) per dim = log B(α₂, β₂) − log B(α₁, β₁) + (α₁ − α₂)ψ(α₁)
 * + (β₁ − β₂)ψ(β₁) + (α₂ − α₁ + β₂ − β₁)ψ(α₁ + β₁), from E_q[log x] = ψ(α₁) − ψ(α₁ + β₁) and
 * E_q[log(1 − x)] = ψ(β₁) − ψ(α₁ + β₁). `logBeta` keeps each log B accurate when one
 * concentration is much larger than the other.
 */
function klBetaBeta(qd: Distribution, pd: Distribution): tf.Tensor {
  const q = narrow(qd, Beta);
  const p = narrow(pd, Beta);
  const a1 = asMatrix(q.concentration1);
  const b1 = asMatrix(q.concentration0);
  const a2 = asMatrix(p.concentration1);
  const b2 = asMatrix(p.concentration0);
  const sum1 = a1.add(b1);
  return logBeta(a2, b2)
    .sub(logBeta(a1, b1))
    .add(a1.sub(a2).mul(digamma(a1)))
    .add(b1.sub(b2).mul(digamma(b1)))
    .add(a2.add(b2).sub(sum1).mul(digamma(sum1)));
}

/**
 * KL(Gamma(α₁, β₁) ‖ Gamma(α₂, β₂)) per dim (shape α, rate β) = α₂ log(β₁/β₂) + log Γ(α₂) − log Γ(α₁)
 * + (α₁ − α₂)ψ(α₁) + (β₂ − β₁)α₁/β₁, from E_q[log x] = ψ(α₁) − log β₁ and E_q[x] = α₁/β₁.
 */
function klGammaGamma(qd: Distribution, pd: Distribution): tf.Tensor {
  const q = narrow(qd, Gamma);
  const p = narrow(pd, Gamma);
  const a1 = asMatrix(q.concentration);
  const r1 = asMatrix(q.rate);
  const a2 = asMatrix(p.concentration);
  const r2 = asMatrix(p.rate);
  return a2
    .mul(r1.log().sub(r2.log()))
    .add(lgamma(a2))
    .sub(lgamma(a1))
    .add(a1.sub(a2).mul(digamma(a1)))
    .add(r2.sub(r1).mul(a1.div(r1)));
}

/**
 * KL(Laplace(μ₁, b₁) ‖ Laplace(μ₂, b₂)) per dim = log(b₂/b₁) + |μ₁ − μ₂|/b₂ + (b₁/b₂)e^{−|μ₁ − μ₂|/b₁} − 1
 * (E_q|x − μ₂| = |μ₁ − μ₂| + b₁e^{−|μ₁ − μ₂|/b₁}).
 */
function klLaplaceLaplace(qd: Distribution, pd: Distribution): tf.Tensor {
  const q = narrow(qd, Laplace);
  const p = narrow(pd, Laplace);
  const s1 = asMatrix(q.scale);
  const s2 = asMatrix(p.scale);
  const dist = asMatrix(q.loc).sub(asMatrix(p.loc)).abs();
  const ratio = s1.div(s2);
  return ratio
    .log()
    .neg()
    .add(dist.div(s2))
    .add(ratio.mul(dist.div(s1).neg().exp()))
    .sub(1);
}

/**
 * KL between log-normals = KL between the Normals of their logarithms (KL is invariant under the
 * common bijection x ↦ log x): ½(r² + d² − 1) − log r with r = σ₁/σ₂, d = (μ₁ − μ₂)/σ₂.
 */
function klLogNormalLogNormal(qd: Distribution, pd: Distribution): tf.Tensor {
  const q = narrow(qd, LogNormal);
  const p = narrow(pd, LogNormal);
  const ratio = asMatrix(q.scale).div(asMatrix(p.scale));
  const diff = asMatrix(q.loc).sub(asMatrix(p.loc)).div(asMatrix(p.scale));
  return ratio.square().add(diff.square()).sub(1).mul(0.5).sub(ratio.log());
}

registerKl<Beta, Beta>('beta', 'beta', klBetaBeta);
registerKl<Gamma, Gamma>('gamma', 'gamma', klGammaGamma);
registerKl<Laplace, Laplace>('laplace', 'laplace', klLaplaceLaplace);
registerKl<LogNormal, LogNormal>('lognormal', 'lognormal', klLogNormalLogNormal);
