import type { CompiledModel } from '../compile/model';
import { disposingScope } from '../scope';
import { readFloats } from './rows';

/** One observed variable's means for n draws: `n × size` values, row-major. */
export interface GeneratedSamples {
  /** Bernoulli: probabilities in [0, 1]; Normal: loc; Categorical: class probabilities (size = K). */
  readonly mean: Float32Array;
  readonly size: number;
}

/**
 * Generates from the model: every latent drawn from its prior (shared prior parameters broadcast to
 * `n` rows), then the nodes downstream of the latents; returns each observed variable's mean, by
 * name. No data is read and the encoder is not run. Observed variables whose parameters read the
 * data (a classifier's label) are left out. No tensor outlives the call.
 *
 * The mean rather than a draw: a Bernoulli draw of an image is salt-and-pepper noise, and for a
 * Normal with learnt noise the mean is what the decoder has learnt.
 *
 * @throws Error when the model has no latent, or a latent's prior depends on the data
 */
export function sampleFromPrior(model: CompiledModel, options: { readonly n: number; readonly seed: number }): Record<string, GeneratedSamples> {
  if (model.latents.length === 0) throw new Error('the model has no latent variable to sample from a prior');
  return disposingScope(() => {
    const { observed } = model.forward({ latents: 'prior', outputs: 'observed', seed: options.seed, rows: options.n });
    return Object.fromEntries(Object.entries(observed).map(([name, m]) => [name, { mean: readFloats(m), size: m.shape[1]! }]));
  });
}
