import * as tf from '@tensorflow/tfjs';

import { asFloat, asMatrix, assertFloat32, broadcastSize, broadcastToShape, matrixShape, sampleRows, valueBatch } from './batch';
import { gumbelNoise } from './categorical';
import type { Distribution } from './distribution';
import { withoutGradient } from './no-grad';

/** Default cap on the number of configurations an exact enumeration may list. */
export const DEFAULT_ENUMERATION_LIMIT = 1024;

/**
 * Split an event of `width` entries into `groups` groups of equal size K = width / groups; the
 * number of categories K. Throws when `groups` is not a positive integer or does not divide the width.
 */
export function groupSize(width: number, groups: number, what: string): number {
  if (!Number.isInteger(groups) || groups < 1) {
    throw new Error(`${what}: groups must be a positive integer, got ${groups}`);
  }
  if (width % groups !== 0) {
    throw new Error(`${what}: logits width ${width} is not divisible by groups ${groups} (K = width / groups categories per group)`);
  }
  return width / groups;
}

/**
 * Class indices `[rows, G]` (int32, or float32 rounded) to the one-hot layout `[rows, G·K]`
 * float32: group g occupies columns g·K … g·K + K − 1, with a 1 at g·K + index. An index
 * outside [0, K) gives an all-zero group (not checked: that would need a data read).
 */
export function indicesToOneHot(indices: tf.Tensor, categories: number): tf.Tensor {
  if (indices.rank !== 2) {
    throw new Error(`indicesToOneHot: indices must have shape [rows, G], got [${indices.shape.join(', ')}]`);
  }
  const [rows, groups] = indices.shape as [number, number];
  return tf.tidy(() => {
    const index = indices.dtype === 'int32' ? indices : indices.round().cast('int32');
    // OneHot on a flat [rows·G] index vector (the kernel's simplest layout on every backend),
    // then back to one row of G·K per draw.
    return tf.oneHot(index.reshape([rows * groups]) as tf.Tensor1D, categories).cast('float32').reshape([rows, groups * categories]);
  });
}

/**
 * Every configuration of G independent one-hot groups of K categories, float32 `[K^G, G·K]`,
 * for exact enumeration (summing a log-likelihood over all latent values instead of sampling).
 * Row r is the configuration whose class indices are the base-K digits of r, group 0 the most
 * significant: row 0 is every group in class 0, row 1 changes the last group to class 1, etc.
 *
 * @param limit the largest K^G allowed (default 1024): the table grows exponentially in G, and a
 *   model that enumerates it evaluates its likelihood once per row.
 */
export function enumerateOneHot(groups: number, categories: number, limit = DEFAULT_ENUMERATION_LIMIT): tf.Tensor {
  if (!Number.isInteger(groups) || groups < 1 || !Number.isInteger(categories) || categories < 1) {
    throw new Error(`enumerateOneHot: groups and categories must be positive integers, got ${groups} and ${categories}`);
  }
  const count = categories ** groups;
  if (count > limit) {
    throw new Error(
      `enumerateOneHot: ${categories}^${groups} = ${count} configurations exceed the enumeration limit ${limit}`,
    );
  }
  const width = groups * categories;
  const data = new Float32Array(count * width);
  for (let r = 0; r < count; r++) {
    let rest = r;
    for (let g = groups - 1; g >= 0; g--) {
      data[r * width + g * categories + (rest % categories)] = 1;
      rest = Math.floor(rest / categories);
    }
  }
  return tf.tensor2d(data, [count, width], 'float32');
}

/**
 * G independent categorical variables of K categories each, observed as one-hot vectors: the
 * event is `[G·K]`, group g being columns g·K … g·K + K − 1. Parameterised by float32 logits
 * `[B, G·K]`, `[1, G·K]` or `[G·K]` (probabilities softmax over each group's K logits).
 *
 * Why a one-hot family next to `Categorical`: a latent code of G discrete choices (a discrete VAE)
 * is fed to a decoder as a vector, and its relaxation (`RelaxedOneHotCategorical`) lives in the
 * same layout, so the exact and the relaxed model are interchangeable node for node.
 *
 * Internally the logits are viewed as `[B, G, K]`, and the per-group softmaxes run on a
 * `[B·G, K]` matrix (every op here has a kernel on the cpu and wasm backends).
 *
 * Logits must be finite: mask a category with −1e9, not −∞ (0 · −∞ is NaN in the entropy).
 */
export class OneHotCategorical implements Distribution {
  readonly family = 'onehot-categorical' as const;
  readonly hasRsample = false;
  readonly support = 'onehot' as const;
  readonly paramConstraints = { logits: 'real' } as const;
  readonly eventSize: number;
  readonly batchSize: number;
  /** The number of categories K of each group. */
  readonly categories: number;

  constructor(
    readonly logits: tf.Tensor,
    /** The number G of independent groups the event splits into. */
    readonly groups = 1,
  ) {
    assertFloat32(logits, 'OneHotCategorical logits');
    const [b, width] = matrixShape(logits, 'OneHotCategorical logits');
    this.categories = groupSize(width, groups, 'OneHotCategorical');
    this.batchSize = b;
    this.eventSize = width;
  }

  /** One component per group. */
  get components(): number {
    return this.groups;
  }

  /** Σ_g Σ_k x_{g,k} log softmax(ℓ_g)_k, shape `[B]`. */
  logProb(value: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.logProbPerDim(value).sum(-1));
  }

  /**
   * Σ_k x_{g,k} log softmax(ℓ_g)_k per group, `[B, G]`. `value` is one-hot `[B, G·K]` (float32
   * or int32; `[G·K]` reads as one row) and broadcasts against the logits' batch. A soft value
   * (probabilities) gives the negative cross-entropy, as for Bernoulli.
   */
  logProbPerDim(value: tf.Tensor): tf.Tensor {
    const valueRows = valueBatch(value, this.eventSize, 'OneHotCategorical');
    const rows = broadcastSize(valueRows, this.batchSize, 'OneHotCategorical logProb');
    return tf.tidy(() => {
      const x = asFloat(asMatrix(value)).reshape([valueRows, this.groups, this.categories]);
      const perGroup = x.mul(this.groupLogSoftmax(this.logits)).sum(-1);
      return broadcastToShape(perGroup, [rows, this.groups]);
    });
  }

  /** −Σ_g Σ_k p_{g,k} log p_{g,k}, shape `[batchSize]`. */
  entropy(): tf.Tensor {
    return tf.tidy(() => {
      const logP = this.groupLogSoftmax(this.logits);
      return logP.exp().mul(logP).sum([1, 2]).neg();
    });
  }

  /**
   * Class indices int32 `[rows, G]` by Gumbel-max per group, seeded. No gradient. The noise is
   * `gumbelNoise([rows, G·K], seed)`, so with G = 1 this is `Categorical.sample(seed)` and it is
   * the argmax of `RelaxedOneHotCategorical.rsample(seed)` for the same logits.
   */
  sampleIndices(seed: number, batchSize?: number): tf.Tensor {
    const rows = sampleRows(this.batchSize, batchSize);
    return withoutGradient([this.logits], (logits) =>
      tf.tidy(() => {
        const noise = gumbelNoise([rows, this.eventSize], seed).reshape([rows, this.groups, this.categories]);
        return this.grouped(logits).add(noise).argMax(-1);
      }),
    );
  }

  /** Indices `[rows, G]` in this distribution's one-hot layout, float32 `[rows, G·K]`. */
  toOneHot(indices: tf.Tensor): tf.Tensor {
    if (indices.rank !== 2 || indices.shape[1] !== this.groups) {
      throw new Error(`OneHotCategorical indices must have shape [rows, ${this.groups}], got [${indices.shape.join(', ')}]`);
    }
    return indicesToOneHot(indices, this.categories);
  }

  /** A float32 one-hot draw `[rows, G·K]` (`sampleIndices(seed)` in the one-hot layout). No gradient. */
  sample(seed: number, batchSize?: number): tf.Tensor {
    return tf.tidy(() => this.toOneHot(this.sampleIndices(seed, batchSize)));
  }

  /** No reparameterised sample; use a score-function estimator or `RelaxedOneHotCategorical`. */
  rsample(): tf.Tensor {
    throw new Error('OneHotCategorical has no reparameterised sample (hasRsample is false)');
  }

  /** The probabilities softmax(ℓ_g) of each group, `[batchSize, G·K]`. */
  mean(): tf.Tensor {
    return tf.tidy(() =>
      tf.softmax(asMatrix(this.logits).reshape([this.batchSize * this.groups, this.categories]), -1).reshape([
        this.batchSize,
        this.eventSize,
      ]),
    );
  }

  /** Every configuration of the event, float32 `[K^G, G·K]` (see `enumerateOneHot`). */
  enumerateSupport(limit = DEFAULT_ENUMERATION_LIMIT): tf.Tensor {
    return enumerateOneHot(this.groups, this.categories, limit);
  }

  /** The logits (or a stand-in for them inside a custom gradient) as `[b, G, K]`. */
  private grouped(logits: tf.Tensor): tf.Tensor {
    const [b] = matrixShape(logits, 'OneHotCategorical logits');
    return asMatrix(logits).reshape([b, this.groups, this.categories]);
  }

  /** log softmax of each group, `[b, G, K]`, computed on a `[b·G, K]` matrix. */
  private groupLogSoftmax(logits: tf.Tensor): tf.Tensor {
    const [b] = matrixShape(logits, 'OneHotCategorical logits');
    const flat = asMatrix(logits).reshape([b * this.groups, this.categories]);
    return tf.logSoftmax(flat, -1).reshape([b, this.groups, this.categories]);
  }
}
