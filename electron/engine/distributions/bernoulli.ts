import * as tf from '@tensorflow/tfjs';

import {
  asFloat,
  asMatrix,
  assertFloat32,
  broadcastSize,
  broadcastToShape,
  matrixShape,
  sampleRows,
  valueBatch,
} from './batch';
import type { Distribution } from './distribution';
import { withoutGradient } from './no-grad';

/**
 * log σ(ℓ) = −softplus(−ℓ), elementwise. Written with softplus so that it is finite for any
 * finite logit (log of a sigmoid that rounded to 0 or 1 would give −∞ or lose everything).
 */
export function logSigmoid(logits: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.softplus(logits.neg()).neg());
}

/**
 * Independent Bernoulli variables over an event of `eventSize` dims, parameterised by
 * float32 logits `[B, n]`, `[1, n]` or `[n]` (p = σ(logits)). Logits, not probabilities,
 * because every quantity below has a stable form in logits and none in probabilities:
 * σ(ℓ) rounds to exactly 1 in float32 for ℓ above about 17.
 */
export class Bernoulli implements Distribution {
  readonly family = 'bernoulli' as const;
  readonly hasRsample = false;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(readonly logits: tf.Tensor) {
    assertFloat32(logits, 'Bernoulli logits');
    const [b, n] = matrixShape(logits, 'Bernoulli logits');
    this.batchSize = b;
    this.eventSize = n;
  }

  /**
   * Σ_i [x_i log p_i + (1 − x_i) log(1 − p_i)], shape `[B]`, with log p = −softplus(−ℓ) and
   * log(1 − p) = −softplus(ℓ). This equals x·ℓ − softplus(ℓ) for every x in [0, 1] (so it is
   * also the negative binary cross-entropy for soft targets), but keeps relative accuracy
   * for saturated logits, where x·ℓ − softplus(ℓ) cancels two large numbers.
   */
  logProb(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Bernoulli'), this.batchSize, 'Bernoulli logProb');
    return tf.tidy(() => {
      const x = asFloat(asMatrix(value));
      const logits = asMatrix(this.logits);
      const perDim = x
        .mul(tf.softplus(logits.neg()))
        .add(tf.sub(1, x).mul(tf.softplus(logits)))
        .neg();
      return broadcastToShape(perDim, [rows, this.eventSize]).sum(-1);
    });
  }

  /**
   * Σ_i [σ(ℓ)·softplus(−ℓ) + σ(−ℓ)·softplus(ℓ)] = −p log p − (1 − p) log(1 − p), shape
   * `[batchSize]`. Each product is of non-negative factors, so nothing cancels and the
   * result is finite (≈ 0) for |ℓ| = 80.
   */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const l = asMatrix(this.logits);
      const perDim = tf.sigmoid(l).mul(tf.softplus(l.neg())).add(tf.sigmoid(l.neg()).mul(tf.softplus(l)));
      return perDim.sum(-1);
    });
  }

  /** Float32 0/1 draws `[rows, n]`: 1 where u < σ(ℓ), u ~ U[0, 1) seeded. No gradient. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return withoutGradient([this.logits], (logits) => {
      const u = tf.randomUniform([rows, this.eventSize], 0, 1, 'float32', seed);
      return tf.less(u, tf.sigmoid(asMatrix(logits))).cast('float32');
    });
  }

  /** Bernoulli has no reparameterised sample; use a score-function or relaxed estimator. */
  rsample(): tf.Tensor {
    throw new Error('Bernoulli has no reparameterised sample (hasRsample is false)');
  }

  /** The probabilities σ(ℓ), `[batchSize, n]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => tf.sigmoid(asMatrix(this.logits)));
  }
}
