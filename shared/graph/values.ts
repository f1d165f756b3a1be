/**
 * What flows along an edge, and how the validator describes it.
 *
 * - `data`: a per-example column of the data set (pixels, labels).
 * - `tensor`: a deterministic value (a network head, a constant, a learnable parameter).
 * - `sample`: a draw of a latent variable (z ~ q while training, z ~ p when generating).
 * - `distribution`: an approximate posterior handed to the latent it belongs to.
 */
export type Flow = 'data' | 'tensor' | 'sample' | 'distribution';

/** The set a value lives in; decides which distributions may observe it and which links are needed. */
export type Domain = 'binary' | 'unit' | 'real' | 'positive' | 'count' | 'index' | 'onehot' | 'simplex';

/** The distribution families a random-variable node can be (the engine's names for them). */
export type Family =
  | 'normal'
  | 'bernoulli'
  | 'categorical'
  | 'beta'
  | 'kumaraswamy'
  | 'gamma'
  | 'weibull'
  | 'lognormal'
  | 'laplace'
  | 'poisson'
  | 'relaxed-bernoulli'
  | 'relaxed-onehot-categorical'
  /** A normalising flow's density over observed data (the Flow density node; not a parametric family). */
  | 'flow';

/**
 * The type of a value on a port: its flow, its event size (the batch axis is implicit) and its domain.
 * `size` is null when it cannot be known without reading a file (a CSV's label classes).
 */
export interface ValueType {
  readonly flow: Flow;
  readonly size: number | null;
  readonly domain: Domain;
  /** For `index` and `onehot` values: the number of classes (null when unknown before loading). */
  readonly categories?: number | null;
  /** Whether the value differs per example (lives in the data plate) or is shared across the batch. */
  readonly perExample: boolean;
  /** For `distribution` values: the family of the distribution. */
  readonly family?: Family;
  /**
   * A sequence of vectors, one per position (an Embedding's vectors, a GRU decoder's logits):
   * `positions` steps of `size` values each, carried as one row of positions × size values.
   */
  readonly positions?: number;
  /**
   * For a data column: some rows have no value (a semi-supervised label column, −1 where the label
   * was withheld). Only a latent that is observed where the value is known may read it.
   */
  readonly partial?: boolean;
}

/** The width a value takes as a network input: an index is one-hot encoded over its classes (a row of several ids, one-hot per position, side by side). */
export function featureWidth(t: ValueType): number | null {
  if (t.positions !== undefined) return t.size === null ? null : t.size * t.positions;
  if (t.domain !== 'index') return t.size;
  if (t.categories == null || t.size === null) return null;
  return t.size * t.categories;
}

/** A short human description of a domain, for messages. */
export function describeDomain(d: Domain, categories?: number | null): string {
  switch (d) {
    case 'binary': return 'binary values {0, 1}';
    case 'unit': return 'values in [0, 1]';
    case 'real': return 'real values';
    case 'positive': return 'positive values';
    case 'count': return 'counts 0, 1, 2, …';
    case 'index': return categories ? `class indices 0…${categories - 1}` : 'class indices';
    case 'onehot': return 'one-hot vectors';
    case 'simplex': return 'probability vectors (non-negative, summing to 1)';
  }
}

/** The shape of a value as shown on an edge: `[784]`, `[20]`, `class of 10`, `[30] ids of 2000` (a text's tokens). */
export function describeShape(t: ValueType): string {
  if (t.positions !== undefined) return `[${t.positions} × ${t.size ?? '?'}]`;
  if (t.domain === 'index' && t.size !== null && t.size > 1) return t.categories ? `[${t.size}] ids of ${t.categories}` : `[${t.size}] ids`;
  if (t.domain === 'index') return t.categories ? `class of ${t.categories}` : 'class';
  return t.size === null ? '[?]' : `[${t.size}]`;
}
