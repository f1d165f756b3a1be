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
import { bernoulliLogProbFused, hasBernoulliLogProb } from '../kernels/bernoulli-log-prob';
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
  readonly support = 'binary' as const;
  readonly paramConstraints = { logits: 'real' } as const;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(readonly logits: tf.Tensor) {
    assertFloat32(logits, 'Bernoulli logits');
    const [b, n] = matrixShape(logits, 'Bernoulli logits');
    this.batchSize = b;
    this.eventSize = n;
  }

  get components(): number {
    return this.eventSize;
  }

  /**
   * Σ_i [x_i log p_i + (1 − x_i) log(1 − p_i)], shape `[B]`, with log p = −softplus(−ℓ) and
   * log(1 − p) = −softplus(ℓ), computed as x·ℓ − softplus(ℓ) (equal for every x in [0, 1], so
   * also the negative binary cross-entropy for soft targets). For saturated logits that form
   * cancels two large numbers: its error is absolute, about ulp(|ℓ|) (1e-5 at |ℓ| = 80), which the
   * tests accept; the speed matters more here (see below). The fused wasm kernel that computes it
   * where it can rearranges it to (x − [ℓ ≥ 0])·ℓ − log1p(e^−|ℓ|), which does not cancel.
   */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /** x_i·ℓ_i − softplus(ℓ_i) per dimension, `[B, n]` (see `logProb`). */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const rows = broadcastSize(valueBatch(value, this.eventSize, 'Bernoulli'), this.batchSize, 'Bernoulli logProb');
    return tf.tidy(() => {
      const x = asFloat(asMatrix(value));
      const logits = asMatrix(this.logits);
      // The likelihood of every pixel of every step goes through here. On wasm, for operands of one
      // shape (an observation and its decoder's logits), two fused SIMD passes (forward, backward)
      // replace the ten element-wise kernels of the formula below and its gradient, Softplus the
      // slowest of them (kernels/bernoulli-log-prob.ts); their form also avoids the cancellation.
      if (tf.util.arraysEqual(x.shape, logits.shape) && hasBernoulliLogProb()) {
        return broadcastToShape(bernoulliLogProbFused(x, logits), [rows, this.eventSize]);
      }
      // x·ℓ − softplus(ℓ) = −x·softplus(−ℓ) − (1−x)·softplus(ℓ), with one softplus instead of two
      // (wasm's Softplus kernel is the slowest element-wise kernel of a VAE step). Its rounding
      // error is absolute, about ulp(ℓ).
      const perDim = tf.sub(tf.mul(x, logits), tf.softplus(logits));
      return broadcastToShape(perDim, [rows, this.eventSize]);
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
