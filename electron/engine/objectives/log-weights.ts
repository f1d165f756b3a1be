import * as tf from '@tensorflow/tfjs';
import type { Trace } from '../compile/trace';
import { sumRows } from './elbo-terms';

/**
 * Importance log-weights log w_s = log p(x, z_s) − log q(z_s | x) per particle and example,
 * `[S, B]`. Enumerated latents are summed out exactly inside each weight (log Σ_e p(x, z_s, e),
 * their posteriors unused), so w_s stays an unbiased estimate of p(x) and
 * log (1/S) Σ_s w_s is a lower bound on log p(x) that tightens as S grows.
 */
export function logWeights(trace: Trace): tf.Tensor2D {
  const { configurations: E, particles: S, batch: B } = trace.rows;
  const R = E * S * B;
  const parts = [sumRows(trace.observed.map((o) => o.logP), R)];
  for (const l of trace.latents) {
    parts.push(l.logP());
    if (!l.enumerated) parts.push(tf.neg(l.logQ()));
  }
  const perRow = sumRows(parts, R);
  if (E === 1) return tf.reshape(perRow, [S, B]);
  return tf.logSumExp(tf.reshape(perRow, [E, S, B]), 0) as tf.Tensor2D;
}

/** log (1/S) Σ_s w_s per example, `[B]`, from log-weights `[S, B]`. */
export function logMeanExp(logW: tf.Tensor2D): tf.Tensor1D {
  return tf.sub(tf.logSumExp(logW, 0), Math.log(logW.shape[0])) as tf.Tensor1D;
}
