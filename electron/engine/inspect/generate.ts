import * as tf from '@tensorflow/tfjs';
import type { Batch, CompiledModel } from '../compile/model';
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
export function sampleFromPrior(model: CompiledModel, options: { readonly n: number; readonly seed: number; readonly given?: () => Batch }): Record<string, GeneratedSamples> {
  if (model.latents.length === 0) throw new Error('the model has no latent variable to sample from a prior');
  return disposingScope(() => {
    const given = options.given?.();
    const { observed } = model.forward({ latents: 'prior', outputs: 'observed', seed: options.seed, rows: options.n, ...(given ? { given } : {}) });
    return Object.fromEntries(Object.entries(observed).map(([name, m]) => [name, { mean: readFloats(m), size: m.shape[1]! }]));
  });
}

/** Samples of one observed variable generated for each class of a label it reads: class-major rows. */
export interface SamplesByClass extends GeneratedSamples {
  /** The data column given (e.g. 'label'). */
  readonly column: string;
  readonly classes: number;
  /** Draws per class: rows k·perClass … (k + 1)·perClass − 1 are for class k. */
  readonly perClass: number;
}

/**
 * For an observed variable whose parameters read, besides the latents, exactly one class-index
 * column of the data (a conditional decoder x | z, y): `perClass` draws z ~ p(z) for each class y
 * of that column, decoded with y given; its means, class-major. Null when the variable reads no
 * data, or other columns (which cannot be chosen without data), or a column without a known
 * number of classes. No tensor outlives the call.
 */
export function sampleForEachClass(model: CompiledModel, observed: string, options: { readonly perClass: number; readonly seed: number }): SamplesByClass | null {
  const columns = model.generationColumns(observed);
  if (columns.length !== 1) return null;
  const column = columns[0]!;
  const type = model.dataNode.outputs[column];
  const classes = type?.domain === 'index' ? type.categories : null;
  if (!classes) return null;
  const { perClass, seed } = options;
  const labels = Float32Array.from({ length: classes * perClass }, (_, i) => Math.floor(i / perClass));
  const g = sampleFromPrior(model, { n: labels.length, seed, given: () => ({ [column]: tf.tensor1d(labels) }) })[observed];
  if (!g) throw new Error(`internal: ${observed} was not generated with ${column} given`);
  return { ...g, column, classes, perClass };
}
