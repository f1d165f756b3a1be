import type * as tf from '@tensorflow/tfjs';
import type { Trace } from '../compile/trace';
import type { BaselineStates } from '../estimators/baseline-state';

/** Means over the batch of the honest estimates of the bound and its parts. */
export interface Report {
  readonly elbo: tf.Scalar;
  readonly reconstruction: tf.Scalar;
  readonly kl: Readonly<Record<string, tf.Scalar>>;
  /** Further bounds an objective computes, by metric name (e.g. 'iwae'). */
  readonly extra: Readonly<Record<string, tf.Scalar>>;
}

/** What a training step needs beyond the trace. */
export interface StepContext {
  readonly step: number;
  readonly baselines: BaselineStates;
}

export interface StepOutput {
  /** The surrogate to minimise: its gradient is the estimator's gradient of the objective (negated). */
  readonly loss: tf.Scalar;
  /** The honest numbers of this trace (for a relaxed pass the trainer reports an honest pass instead). */
  readonly report: Report;
  /** Per score-function latent with a running baseline: the batch mean of its learning signal and of its square. */
  readonly signals: ReadonlyMap<string, { readonly mean: tf.Scalar; readonly meanSquare: tf.Scalar }>;
}

/**
 * An objective turns traces into a surrogate to differentiate and honest numbers to report,
 * apart from the walk over the graph (as Pyro separates its ELBO classes from the model).
 */
export interface Objective {
  /** Draws of the sampled latents per example. */
  readonly particles: number;
  /** The names of the further bounds its reports carry in `extra` (e.g. 'iwae'). */
  readonly bounds: readonly string[];
  step(trace: Trace, ctx: StepContext): StepOutput;
  report(trace: Trace): Report;
  /** Settings that vary during training, reported beside the metrics (β during warm-up). */
  scalars(step: number): Readonly<Record<string, number>>;
}
