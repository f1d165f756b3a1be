import * as tf from '@tensorflow/tfjs';

import { asMatrix, assertFloat32, broadcastSize, matrixShape, sampleRows } from './batch';
import type { Distribution } from './distribution';
import { withoutGradient } from './no-grad';

/**
 * Stable log-softmax over the last axis, logits − logsumexp(logits).
 *
 * This is tf.logSoftmax: in tfjs 4.22 it is a composite op (max, sub, exp, sum, log) with a
 * custom gradient, not a kernel, so it runs on the wasm backend although wasm has no
 * LogSoftmax kernel; the tests exercise it on both backends.
 */
export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  return tf.logSoftmax(logits, -1);
}

// Keeps u away from 0 and 1 so that −log(−log u) is finite: U[0, 1) can return 0, and values
// just below 1 round to 1 in float32.
const U_MIN = 1e-20;
const U_MAX = 1 - 2 ** -24;

/**
 * Standard Gumbel noise g = −log(−log u), u ~ U(0, 1) seeded, of the given shape. Adding it
 * to logits and taking the argmax draws from the categorical (Gumbel-max); dividing
 * (logits + g) by a temperature before a softmax gives the Concrete relaxation.
 */
export function gumbelNoise(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => {
    const u = tf.randomUniform(shape, 0, 1, 'float32', seed).clipByValue(U_MIN, U_MAX);
    return u.log().neg().log().neg();
  });
}

/**
 * Categorical over K classes, parameterised by float32 logits `[B, K]`, `[1, K]` or `[K]`
 * (probabilities softmax(logits)). `eventSize` is K; a draw is one class index per row.
 *
 * Logits must be finite: mask a class with a large negative logit such as −1e9, not −∞
 * (0 · −∞ would turn the entropy and the KL into NaN).
 */
export class Categorical implements Distribution {
  readonly family = 'categorical' as const;
  readonly hasRsample = false;
  readonly support = 'index' as const;
  readonly paramConstraints = { logits: 'real' } as const;
  /** One class per row: a single component. */
  readonly components = 1;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(readonly logits: tf.Tensor) {
    assertFloat32(logits, 'Categorical logits');
    const [b, k] = matrixShape(logits, 'Categorical logits');
    this.batchSize = b;
    this.eventSize = k;
  }

  /**
   * log softmax(logits)[value] per row, shape `[B]`. `value` holds class indices, int32 or
   * float32 (rounded), shape `[B]` or `[B, 1]`; it broadcasts against the logits' batch.
   * An index outside [0, K) selects nothing and gives 0 (it is not checked, since that
   * would need a data read).
   */
  logProb(value: tf.Tensor): tf.Tensor {
    const valueRows = this.indexRows(value);
    broadcastSize(valueRows, this.batchSize, 'Categorical logProb');
    return tf.tidy(() => {
      const flat = value.rank === 2 ? value.reshape([valueRows]) : value;
      const index = flat.dtype === 'int32' ? flat : flat.round().cast('int32');
      const oneHot = tf.oneHot(index, this.eventSize).cast('float32');
      // Select with a one-hot product rather than a batched gather: it broadcasts shared
      // [1, K] logits against [B] indices without tiling them first.
      return oneHot.mul(logSoftmax(asMatrix(this.logits))).sum(-1);
    });
  }

  /** `logProb` as one column, `[B, 1]`. */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProb(value).expandDims(1));
  }

  /** −Σ_k p_k log p_k, shape `[batchSize]`, with log p from the stable log-softmax. */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const logP = logSoftmax(asMatrix(this.logits));
      return logP.exp().mul(logP).sum(-1).neg();
    });
  }

  /** Class indices, int32 `[rows]`, by Gumbel-max with the given seed. No gradient. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return withoutGradient([this.logits], (logits) =>
      asMatrix(logits).add(gumbelNoise([rows, this.eventSize], seed)).argMax(-1),
    );
  }

  /** The same draw as `sample(seed)` as a float32 one-hot `[rows, K]`. No gradient. */
  sampleOneHot(seed: number, batchSize?: number): tf.Tensor {
    return tf.tidy(() => tf.oneHot(this.sample(seed, batchSize) as tf.Tensor1D, this.eventSize).cast('float32'));
  }

  /** Categorical has no reparameterised sample; use a score-function or relaxed estimator. */
  rsample(): tf.Tensor {
    throw new Error('Categorical has no reparameterised sample (hasRsample is false)');
  }

  /** The probabilities softmax(logits), `[batchSize, K]`. */
  mean(): tf.Tensor {
    return tf.tidy(() => tf.softmax(asMatrix(this.logits), -1));
  }

  private indexRows(value: tf.Tensor): number {
    const ok = value.dtype === 'int32' || value.dtype === 'float32';
    if (ok && value.rank === 1) return value.shape[0] as number;
    if (ok && value.rank === 2 && value.shape[1] === 1) return value.shape[0] as number;
    throw new Error(
      `Categorical value must be int32 or float32 class indices of shape [B] or [B, 1], got ${value.dtype} [${value.shape.join(', ')}]`,
    );
  }
}
