import * as tf from '@tensorflow/tfjs';

import { asFloat, asMatrix, assertFloat32, broadcastSize, matrixShape, valueBatch } from './batch';
import { logSoftmax } from './categorical';
import type { Distribution } from './distribution';

/**
 * The tokens of a document, each drawn independently from Categorical(softmax(logits)) over a
 * vocabulary of K words, observed as a bag of words: the count of each word, `[B, K]`, order
 * ignored. The log-probability of the document's tokens is
 *
 *   log p(w_1, …, w_N) = Σ_n log π_{w_n} = Σ_k c_k log π_k,  π = softmax(logits),
 *
 * the log-likelihood of the bag-of-words VAE, whose perplexity is exp(−Σ log p / Σ N). It is the
 * probability of the token sequence in any one order: it leaves out the multinomial coefficient
 * log(N! / Π_k c_k!) of the counts themselves, which depends on the data alone (no gradient, and
 * no place in a per-token perplexity).
 *
 * Observed only: a draw, its entropy and a sample need the number of tokens N, which is the data's.
 */
export class CategoricalCounts implements Distribution {
  readonly family = 'categorical-counts' as const;
  readonly hasRsample = false;
  readonly support = 'nonnegative-integer' as const;
  readonly paramConstraints = { logits: 'real' } as const;
  /** One bag per row. */
  readonly components = 1;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(readonly logits: tf.Tensor) {
    assertFloat32(logits, 'Categorical (counts) logits');
    const [b, k] = matrixShape(logits, 'Categorical (counts) logits');
    this.batchSize = b;
    this.eventSize = k;
  }

  /** Σ_k c_k log softmax(logits)_k per row, `[B]`; `value` is counts `[B, K]` (or `[K]`), float32 or int32. */
  logProb(value: tf.Tensor): tf.Tensor {
    broadcastSize(valueBatch(value, this.eventSize, 'Categorical (counts)'), this.batchSize, 'Categorical (counts) logProb');
    return tf.tidy(() => asFloat(asMatrix(value)).mul(logSoftmax(asMatrix(this.logits))).sum(-1));
  }

  /** `logProb` as one column, `[B, 1]`. */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProb(value).expandDims(1));
  }

  entropy(): tf.Tensor {
    throw new Error('a Categorical observing a bag of words has no entropy of its own: it depends on the number of tokens, which is the data\'s');
  }

  sample(): tf.Tensor {
    throw new Error('a Categorical observing a bag of words cannot be drawn from without a number of tokens; draw tokens from Categorical(softmax(logits)) instead');
  }

  rsample(): tf.Tensor {
    throw new Error('Categorical (counts) has no reparameterised sample (hasRsample is false)');
  }

  /** The probability of each word, softmax(logits), `[batchSize, K]` (the expected share of the tokens). */
  mean(): tf.Tensor {
    return tf.tidy(() => tf.softmax(asMatrix(this.logits), -1));
  }
}
