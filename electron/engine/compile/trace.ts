import type * as tf from '@tensorflow/tfjs';
import type { Estimator, EstimatorParams } from '../../../shared/graph/index';
import type { Distribution } from '../distributions/index';

/**
 * The rows of a traced pass. The batch of B examples is repeated for every particle (S draws of
 * the sampled latents per example) and every configuration of the enumerated latents (E of them):
 * row r = (e·S + s)·B + b. Every per-row quantity of a trace is `[R]` with R = E·S·B, and the
 * objectives reshape it to `[E, S, B]`.
 */
export interface Rows {
  readonly batch: number;
  readonly particles: number;
  readonly configurations: number;
}

export function rowCount(r: Rows): number {
  return r.batch * r.particles * r.configurations;
}

/**
 * A value computed at most once, on first use: the objectives ask only for what they need, so
 * the plain VAE's step evaluates exactly the closed-form KL and the likelihood, nothing more.
 */
export type Lazy<T> = () => T;

export function lazy<T>(compute: () => T): Lazy<T> {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** An observed variable of the model: contributes log p(x | …). */
export interface ObservedSite {
  readonly role: 'observed';
  readonly name: string;
  readonly nodeId: string;
  readonly p: Distribution;
  readonly value: tf.Tensor;
  /** log p(x | …), `[R]`. */
  readonly logP: tf.Tensor;
}

/** A latent variable: its prior, its approximate posterior, the value drawn and how. */
export interface LatentSite {
  readonly role: 'latent';
  readonly name: string;
  readonly nodeId: string;
  readonly estimator: Estimator;
  readonly settings: EstimatorParams;
  /** The prior p(z | …). */
  readonly p: Distribution;
  /** The approximate posterior q(z | x, …); null for an enumerated latent that is summed out exactly. */
  readonly q: Distribution | null;
  /** What flows downstream, `[R, n]`: a draw from q (a relaxed one while training with 'relaxed'), or the configuration of an enumerated latent. */
  readonly value: tf.Tensor;
  /** Whether gradients flow through `value` to q's parameters (reparameterised, relaxed, straight-through). */
  readonly reparameterised: boolean;
  readonly enumerated: boolean;
  /** The temperature of a relaxed or straight-through draw at this step. */
  readonly temperature: number | null;
  /** A learned baseline b(x), `[R]`, when one is wired in. */
  readonly baseline: tf.Tensor | null;
  /**
   * A latent observed where its label is known (semi-supervised): the label per row, `[R]` float32
   * (−1 where unknown), and α, the weight of log q(y | x) on the labelled rows; null otherwise.
   */
  readonly known: { readonly labels: tf.Tensor; readonly weight: number } | null;
  /** log p(z) of the value, `[R]` (relaxed latents: of the hard value under the discrete prior). */
  readonly logP: Lazy<tf.Tensor>;
  /** log q(z | x) of the value, `[R]`; differentiable in q's parameters (not through a non-reparameterised value). */
  readonly logQ: Lazy<tf.Tensor>;
  /** KL(q ‖ p) in closed form, `[R]`, where the pair has one and the estimator may use it; else null. */
  readonly klClosed: Lazy<tf.Tensor | null>;
  /** Per component, `[R, D]`: the closed-form KL, or log q − log p of the value. For free bits per dimension. */
  readonly klPerDim: Lazy<tf.Tensor>;
}

export type Site = ObservedSite | LatentSite;

/** One pass over the graph: every random variable in graph order, and which sites each latent influences. */
export interface Trace {
  readonly rows: Rows;
  readonly observed: readonly ObservedSite[];
  readonly latents: readonly LatentSite[];
  /**
   * For each latent, by name: the names of the sites (latent or observed) whose distribution depends
   * on its value, directly or through networks. Its score-function learning signal sums their terms.
   */
  readonly downstream: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per observed Categorical, and per latent observed where known (of q on its labelled rows), its accuracy on the batch (when asked for). */
  readonly accuracy: Readonly<Record<string, tf.Scalar>>;
}
