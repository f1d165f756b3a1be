import * as tf from '@tensorflow/tfjs';
import type { Batch, CompiledModel } from '../compile/model';
import type { BaselineStates } from '../estimators/baseline-state';
import type { Objective } from '../objectives/index';
import { disposingScope } from '../scope';

/** What one gradient estimate needs besides its seed. */
export interface EstimateSetup {
  readonly model: CompiledModel;
  /** The variables differentiated, in the order the estimate lists them. */
  readonly variables: readonly tf.Variable[];
  readonly objective: Objective;
  readonly batch: Batch;
  /** The running baselines (empty at initialisation: a moving average then uses the batch mean). */
  readonly baselines: BaselineStates;
  /** The training step the weights are at (anneals nothing here: the lab holds temperatures fixed). */
  readonly step: number;
  /** Draws per example in the trace (the objective's samples; more for a large-sample reference). */
  readonly particles: number;
}

/**
 * One estimate of the ELBO's gradient with respect to `variables`, flattened: the engine's own
 * training surrogate (trace → objective.step → loss) differentiated, negated, so that it is the
 * ascent direction of the bound. A training pass ('train' mode), as the trainer differentiates it:
 * relaxed latents pass their relaxed draws on. Every tensor made is disposed.
 */
export function gradientEstimate(s: EstimateSetup, seed: number): Float32Array {
  return disposingScope(() => {
    const { grads } = tf.variableGrads(() => {
      const trace = s.model.trace(s.batch, seed, { particles: s.particles, mode: 'train', step: s.step });
      return s.objective.step(trace, { step: s.step, baselines: s.baselines }).loss;
    }, s.variables as tf.Variable[]);
    // A variable the surrogate does not reach has no entry: its gradient is zero.
    const flat = s.variables.map((v) => (grads[v.name] ?? tf.zeros(v.shape)).reshape([-1]));
    // A copy: a backend may hand out a view of memory that the scope's end frees.
    return (tf.neg(tf.concat(flat)).dataSync() as Float32Array).slice();
  });
}
