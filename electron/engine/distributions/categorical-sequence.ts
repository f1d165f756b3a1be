import * as tf from '@tensorflow/tfjs';

import { EOS_ID } from '../../../shared/graph/catalog/text';
import { logSoftmax } from './categorical';
import type { Distribution } from './distribution';

/** How a sequence distribution draws whole sentences: through its decoder, token by token. */
export interface SequenceDecoder {
  /** Sentences `[rows, T]` (float32 ids, 0 after the end token): drawn (seeded), or the most probable token at each step. */
  decode(rows: number, how: { readonly greedy: boolean; readonly seed: number }): tf.Tensor;
}

/**
 * A sentence x_1 … x_T over a vocabulary of V words, each token a Categorical given the ones
 * before: with the logits of every position `[B, T·V]` (a GRU decoder under teacher forcing),
 *
 *   log p(x | z) = Σ_{t ≤ L+1} log softmax(logits_t)[x_t],
 *
 * L the sentence's length and x_{L+1} its end token (id 0, which is also the padding): positions
 * up to and including the first 0 count, the rest are masked. The length is read from the value
 * itself (no word has id 0), so the end token is scored, as a sentence model's perplexity needs.
 *
 * Drawing needs the decoder (`SequenceDecoder`): a sentence is generated token by token, feeding
 * each draw back in, so `sample` is ancestral sampling and `mean` stands for the sentence of the
 * most probable token at each step (greedy decoding; a sequence has no mean).
 */
export class CategoricalSequence implements Distribution {
  readonly family = 'categorical-sequence' as const;
  readonly hasRsample = false;
  readonly support = 'index' as const;
  readonly paramConstraints = { logits: 'real' } as const;
  /** One sentence per row. */
  readonly components = 1;
  readonly eventSize: number;
  readonly batchSize: number;

  constructor(readonly logits: tf.Tensor | null, readonly positions: number, readonly vocabulary: number, private readonly decoder: SequenceDecoder | null, rows: number) {
    if (logits && (logits.rank !== 2 || logits.shape[1] !== positions * vocabulary)) {
      throw new Error(`sequence logits must be [B, ${positions}·${vocabulary}], got [${logits.shape.join(', ')}]`);
    }
    this.eventSize = positions;
    this.batchSize = logits ? logits.shape[0]! : rows;
  }

  /** 1 at the positions a sentence's log-probability counts (up to and including its first 0), 0 after; `[B, T]` of ids `[B, T]`. */
  static scoredPositions(value: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const isEnd = tf.cast(tf.equal(tf.round(value), EOS_ID), 'float32');
      // The ends strictly before t: 0 while t has not passed the first end.
      const before = tf.sub(tf.cumsum(isEnd, 1), isEnd);
      return tf.cast(tf.equal(before, 0), 'float32') as tf.Tensor2D;
    });
  }

  /** log p of each row's sentence, `[B]`; `value` holds ids `[B, T]` (float32 or int32). */
  logProb(value: tf.Tensor): tf.Tensor {
    if (!this.logits) throw new Error('this sentence distribution was made for generation (no logits): it cannot score a sentence');
    const logits = this.logits;
    const B = logits.shape[0]!;
    if (value.rank !== 2 || value.shape[1] !== this.positions || value.shape[0] !== B) {
      throw new Error(`a sentence of ${this.positions} positions per row is [${B}, ${this.positions}], got [${value.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const logp = logSoftmax(tf.reshape(logits, [B, this.positions, this.vocabulary]));
      const ids = tf.cast(tf.round(value), 'int32');
      const picked = tf.sum(tf.mul(tf.oneHot(ids, this.vocabulary).toFloat(), logp), -1);
      return tf.sum(tf.mul(picked, CategoricalSequence.scoredPositions(value)), -1);
    });
  }

  logProbPerDim(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProb(value).expandDims(1));
  }

  entropy(): tf.Tensor {
    throw new Error('the entropy of a sentence distribution is a sum over every sentence: it has no closed form');
  }

  sample(seed: number, batchSize?: number): tf.Tensor {
    return this.decoded(false, seed, batchSize);
  }

  rsample(): tf.Tensor {
    throw new Error('a sentence distribution has no reparameterised sample (hasRsample is false)');
  }

  /** The greedy sentence (the most probable token at each step), `[B, T]`: a sequence's stand-in for a mean. */
  mean(): tf.Tensor {
    return this.decoded(true, 0);
  }

  private decoded(greedy: boolean, seed: number, rows = this.batchSize): tf.Tensor {
    if (!this.decoder) throw new Error('this sentence distribution was made for scoring (teacher forcing): drawing needs its decoder run on its own draws');
    return this.decoder.decode(rows, { greedy, seed });
  }
}
