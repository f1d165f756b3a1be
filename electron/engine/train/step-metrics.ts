import * as tf from '@tensorflow/tfjs';
import type { EstimatorParams } from '../../../shared/graph/index';
import type { CompiledModel } from '../compile/model';
import { temperatureAt } from '../estimators/temperature';
import type { Objective, Report, StepOutput } from '../objectives/index';

/**
 * The order in which a step's numbers are read back from the backend in one transfer: the ELBO,
 * the reconstruction, each KL, the objective's further bounds, then the learning signal's batch
 * mean and mean square of each score-function latent (for the running baselines).
 */
export class StepMetrics {
  readonly klNames: readonly string[];
  readonly extraNames: readonly string[];
  /** Score-function latents, whose learning signals are read back. */
  readonly scored: ReadonlyArray<{ readonly name: string; readonly decay: number; readonly running: boolean }>;
  /** Relaxed and straight-through latents, whose temperature is reported. */
  readonly relaxed: readonly string[];
  private readonly temperatures = new Map<string, EstimatorParams>();

  constructor(model: CompiledModel, objective: Objective) {
    this.klNames = model.klNames;
    this.extraNames = objective.bounds;
    this.scored = model.latents
      .filter((l) => model.estimators.get(l.node.id) === 'score-function')
      .map((l) => ({ name: l.node.name, decay: l.params.baselineDecay as number, running: l.params.baseline === 'moving-average' || l.params.baseline === 'standardised' }));
    const relaxed = model.latents.filter((l) => ['relaxed', 'straight-through'].includes(model.estimators.get(l.node.id)!));
    this.relaxed = relaxed.map((l) => l.node.name);
    for (const l of relaxed) this.temperatures.set(l.node.name, l.params as EstimatorParams);
  }

  /** The temperature of a relaxed latent at a step. */
  temperatureOf(latent: string, step: number): number {
    return temperatureAt(this.temperatures.get(latent)!, step);
  }

  /** The report's numbers as one vector, in this layout. */
  reportVector(r: Report): tf.Tensor1D {
    const zero = tf.scalar(0);
    return tf.stack([r.elbo, r.reconstruction, ...this.klNames.map((n) => r.kl[n] ?? zero), ...this.extraNames.map((n) => r.extra[n] ?? zero)]) as tf.Tensor1D;
  }

  /** The learning signals' statistics as one vector (empty when no latent is score-function). */
  signalVector(out: StepOutput): tf.Tensor1D {
    const parts = this.scored.flatMap(({ name }) => {
      const s = out.signals.get(name);
      return s ? [s.mean, s.meanSquare] : [tf.scalar(0), tf.scalar(0)];
    });
    return (parts.length ? tf.stack(parts) : tf.zeros([0])) as tf.Tensor1D;
  }

  get reportLength(): number {
    return 2 + this.klNames.length + this.extraNames.length;
  }
}
