import type * as tf from '@tensorflow/tfjs';

/** The distribution families the engine knows. */
export type Family =
  | 'normal'
  | 'bernoulli'
  | 'categorical'
  | 'categorical-counts'
  | 'categorical-sequence'
  | 'onehot-categorical'
  | 'beta'
  | 'kumaraswamy'
  | 'gamma'
  | 'weibull'
  | 'lognormal'
  | 'laplace'
  | 'poisson'
  | 'relaxed-bernoulli'
  | 'relaxed-onehot-categorical'
  | 'flow';

/**
 * The set a draw lives in (per component). `onehot`: each group of K entries is one-hot;
 * `simplex`: each group of K entries is positive and sums to 1; `index`: a class index per row.
 */
export type Support =
  | 'real'
  | 'positive'
  | 'unit-interval'
  | 'binary'
  | 'nonnegative-integer'
  | 'index'
  | 'onehot'
  | 'simplex';

/** What a parameter must satisfy (checked by the graph validator, relied on by the formulas). */
export type Constraint = 'real' | 'positive' | 'unit-interval';

/**
 * A batch of independent distributions over an event vector, on tfjs tensors.
 *
 * Shapes. Parameters are `[B, n]`, or `[1, n]` / `[n]` to share one set of parameters over
 * the whole batch (a prior N(0, I), say). Parameters of one distribution broadcast against
 * each other row-wise (each of `B` and `n` is either equal or 1). The *batch size* is the
 * broadcast `B` of the parameters; it is 1 for unbatched parameters.
 *
 * - `logProb`, `entropy` and KLs are summed over the event axis and return shape `[B]`;
 *   an unbatched distribution (parameters `[n]` or `[1, n]`) returns shape `[1]`, never a
 *   scalar, so callers can always `mean()`/`sum()` over axis 0.
 * - `logProb(value)` broadcasts `value` against the parameters on the batch axis: value
 *   `[B, n]` against parameters `[1, n]` gives `[B]`.
 *
 * Memory. Constructing a distribution creates no tensors; every method returns one new
 * tensor and disposes its intermediates, so it may be called inside or outside `tf.tidy`.
 * The distribution does not own its parameter tensors: the caller disposes them.
 *
 * Gradients. `logProb`, `entropy`, `rsample`, `mean` and the closed-form KLs are
 * differentiable with respect to the parameters (tf.grad / tf.variableGrads); `sample` is
 * not (its gradient with respect to the parameters is zero).
 */
export interface Distribution {
  readonly family: Family;
  /** Size of the event (last) axis: Normal/Bernoulli = number of independent dims; Categorical = number of categories K. */
  readonly eventSize: number;
  /** Broadcast batch size of the parameters (1 when they are shared over the batch). */
  readonly batchSize: number;
  /** Whether rsample (reparameterised, differentiable sample) exists. */
  readonly hasRsample: boolean;
  /** Where a draw lives. */
  readonly support: Support;
  /** The constraint of each parameter, by the names `makeDistribution` takes. */
  readonly paramConstraints: Readonly<Record<string, Constraint>>;
  /**
   * The number D of independent components the event is made of: n for factorised families
   * (Normal, Bernoulli, Beta, …), the number of groups for one-hot and relaxed categoricals, 1 for
   * an index Categorical. `logProbPerDim` and per-dimension KLs have this many columns.
   */
  readonly components: number;
  /**
   * Log density (or mass) of `value`, summed over the event axis: shape `[B]`.
   * Normal/Bernoulli: `value` is `[B, n]` (or `[n]`, read as `[1, n]`).
   * Categorical: `value` holds class indices as float32 or int32, shape `[B]` or `[B, 1]`.
   */
  logProb(value: tf.Tensor): tf.Tensor;
  /** The log density of each component, `[B, D]` (`logProb` is its sum over the last axis). */
  logProbPerDim(value: tf.Tensor): tf.Tensor;
  /** Entropy summed over the event axis, shape `[batchSize]`. */
  entropy(): tf.Tensor;
  /**
   * A draw with no gradient. Normal/Bernoulli: float32 `[B, n]`; Categorical: int32 class
   * indices `[B]`. The same integer `seed` gives the same sample.
   *
   * @param batchSize rows to draw; defaults to the parameters' batch size. It may differ
   *   from it only when the parameters are shared (batch size 1), e.g. sampling a prior.
   */
  sample(seed: number, batchSize?: number): tf.Tensor;
  /**
   * Reparameterised, differentiable draw `[B, n]` (Normal only: `loc + scale * eps`,
   * eps from `tf.randomNormal` with `seed`). Throws when `hasRsample` is false.
   */
  rsample(seed: number, batchSize?: number): tf.Tensor;
  /** Mean, `[batchSize, n]` (Bernoulli: the probabilities; Categorical: probabilities `[B, K]`). */
  mean(): tf.Tensor;
}
