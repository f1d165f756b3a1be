import * as tf from '@tensorflow/tfjs';
import type { Estimator } from '../../../shared/graph/index';
import { Bernoulli, type Distribution } from '../distributions/index';
import { RelaxedBernoulli } from '../distributions/relaxed-bernoulli';
import { RelaxedOneHotCategorical } from '../distributions/relaxed-onehot-categorical';
import { OneHotCategorical } from '../distributions/onehot-categorical';

/**
 * Whether a pass trains (relaxed latents pass their relaxed draw downstream) or reports honestly
 * (relaxed latents pass the discrete draw that the same noise gives, so the numbers are those of
 * the discrete model that the relaxation stands in for).
 */
export type PassMode = 'train' | 'honest';

/** A latent's value and what its estimator says about it. */
export interface Draw {
  /** What flows downstream, `[R, n]`. */
  readonly value: tf.Tensor;
  /** The value at which log p and log q are evaluated (the discrete draw for relaxed estimators). */
  readonly scored: tf.Tensor;
  /** Whether gradients reach q's parameters through the value. */
  readonly reparameterised: boolean;
}

/** The Concrete relaxation of a discrete posterior at temperature τ. */
function relax(q: Distribution, temperature: number): RelaxedBernoulli | RelaxedOneHotCategorical {
  const tau = tf.fill([1, 1], temperature);
  if (q instanceof Bernoulli) return new RelaxedBernoulli(tau, q.logits);
  if (q instanceof OneHotCategorical) return new RelaxedOneHotCategorical(tau, q.logits, q.groups);
  throw new Error(`a ${q.family} posterior has no relaxation: relaxed and straight-through estimators apply to Bernoulli and Categorical latents`);
}

/**
 * Draws a latent's value from its approximate posterior as its estimator prescribes:
 * - reparameterisation: z = rsample(q), gradients flow through z;
 * - score function: z ~ q with no gradient through z (the surrogate adds log q(z) · signal);
 * - relaxed: y ~ Concrete(q, τ) while training (gradients through y), the discrete draw of the same noise when reporting;
 * - straight-through: the discrete draw forward, the relaxed gradient backward.
 * Enumeration does not draw (its values are the support); see enumeration.ts.
 */
export function drawLatent(estimator: Exclude<Estimator, 'enumeration'>, q: Distribution, seed: number, rows: number, mode: PassMode, temperature: number | null): Draw {
  switch (estimator) {
    case 'reparameterisation': {
      const z = q.rsample(seed, rows);
      return { value: z, scored: z, reparameterised: true };
    }
    case 'score-function': {
      const z = q.sample(seed, rows);
      return { value: z, scored: z, reparameterised: false };
    }
    case 'relaxed':
    case 'straight-through': {
      const r = relax(q, temperature ?? 1);
      const y = r.rsample(seed, rows);
      const hard = r.hard(y);
      if (estimator === 'straight-through') return { value: r.straightThrough(y), scored: hard, reparameterised: true };
      return mode === 'honest' ? { value: hard, scored: hard, reparameterised: false } : { value: y, scored: hard, reparameterised: true };
    }
  }
}
