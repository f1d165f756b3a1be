import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../distributions/index';
import type { LatentSite, Rows } from '../compile/trace';
import type { BaselineStats } from './baseline-state';

/** What a score-function latent adds to the objective, and what it reports. */
export interface ScoreFunctionTerm {
  /** mean over rows of log q(z) · stop_gradient(f − b): its gradient is the score-function estimate. */
  readonly surrogate: tf.Scalar;
  /** A learned baseline's squared error (b − f)², averaged, to be minimised; zero tensor otherwise. */
  readonly baselineLoss: tf.Scalar | null;
  /** Batch mean of the learning signal f and of f², for the moving-average baselines. */
  readonly signalMean: tf.Scalar;
  readonly signalMeanSquare: tf.Scalar;
}

/**
 * The score-function (REINFORCE) term of a latent whose value carries no gradient:
 * ∇_λ E_q[f(z)] ≈ (f(z) − b) ∇_λ log q(z | x; λ), written as the surrogate
 * log q(z) · stop_gradient(f(z) − b) so that automatic differentiation produces it.
 *
 * `signal` is f per row, `[R]`: the terms of the sites downstream of the latent. The baseline b:
 * - none: 0;
 * - moving-average: the running mean of f (the batch mean before the first update);
 * - standardised: (f − mean)/max(1, std) with running statistics (Mnih & Gregor, 2014);
 * - learned: b(x) from the wired network, itself fitted to f by squared error;
 * - leave-one-out: the mean signal of the other S − 1 samples of the same example.
 */
export function scoreFunctionTerm(site: LatentSite, signal: tf.Tensor, rows: Rows, stats: BaselineStats | undefined): ScoreFunctionTerm {
  const f = stopGradient(signal);
  const signalMean = tf.mean(f) as tf.Scalar;
  const signalMeanSquare = tf.mean(tf.square(f)) as tf.Scalar;
  let advantage: tf.Tensor;
  let baselineLoss: tf.Scalar | null = null;
  switch (site.settings.baseline) {
    case 'none':
      advantage = f;
      break;
    case 'moving-average':
      advantage = stats ? tf.sub(f, stats.mean) : tf.sub(f, signalMean);
      break;
    case 'standardised': {
      if (!stats) {
        advantage = tf.sub(f, signalMean);
        break;
      }
      const sd = Math.sqrt(Math.max(0, stats.meanSquare - stats.mean * stats.mean));
      advantage = tf.div(tf.sub(f, stats.mean), Math.max(1, sd));
      break;
    }
    case 'learned': {
      if (!site.baseline) throw new Error(`internal: latent ${site.name} has a learned baseline but nothing is wired into it`);
      advantage = tf.sub(f, stopGradient(site.baseline));
      baselineLoss = tf.mean(tf.square(tf.sub(site.baseline, f))) as tf.Scalar;
      break;
    }
    case 'leave-one-out': {
      const S = rows.particles;
      if (S < 2) throw new Error(`latent ${site.name}: the leave-one-out baseline needs at least 2 samples per example`);
      // Rows are ordered (configuration, particle, example): the S particles of one example are axis 1.
      const perParticle = tf.reshape(f, [rows.configurations, S, rows.batch]);
      const others = tf.div(tf.sub(tf.sum(perParticle, 1, true), perParticle), S - 1);
      advantage = tf.reshape(tf.sub(perParticle, others), [-1]);
      break;
    }
  }
  const surrogate = tf.mean(tf.mul(site.logQ(), stopGradient(advantage))) as tf.Scalar;
  return { surrogate, baselineLoss, signalMean, signalMeanSquare };
}
