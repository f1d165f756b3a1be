import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/model';
import { disposingScope } from '../scope';
import { sampleForEachClass } from './generate';
import { readFloats } from './rows';

/** How often a classifier names a conditional model's draws by the class they were generated for. */
export interface ClassAgreement {
  /** The share of all draws classified as their class. */
  readonly rate: number;
  /** The share per class, by class index. */
  readonly perClass: readonly number[];
  /** Draws per class. */
  readonly draws: number;
}

/**
 * Draws `perClass` images for each class from a conditional decoder (z ~ p(z), the class given;
 * the decoder's means, as the Samples tab shows them), classifies each with `classifier` (a model
 * with no latent whose one observed Categorical reads the image column `x` of its data) and counts
 * how often the most probable class is the one the image was generated for. No tensor outlives
 * the call.
 *
 * @param observed the conditional model's image variable (e.g. 'x')
 * @throws Error when the model's variable does not read exactly one class column, or the
 *   classifier is not one (names what is missing)
 */
export function classAgreement(model: CompiledModel, observed: string, classifier: CompiledModel, options: { readonly perClass: number; readonly seed: number }): ClassAgreement {
  const label = classifier.observed.find((o) => o.node.kind === 'dist.categorical');
  if (classifier.latents.length > 0 || !label) throw new Error('the classifier must be a model with no latent and an observed Categorical');
  const reads = Object.entries(classifier.dataNode.consumers).filter(([, l]) => l.length > 0).map(([port]) => port).sort();
  if (!reads.includes('x')) throw new Error(`the classifier ${label.node.name} must read the image column 'x' of its data`);
  const g = sampleForEachClass(model, observed, options);
  if (!g) throw new Error(`${observed} does not read exactly one class column of the data besides the latents`);
  const rows = g.classes * g.perClass;
  const predicted = disposingScope(() => {
    const batch = { x: tf.tensor2d(g.mean, [rows, g.size]) };
    const p = classifier.forward({ latents: 'posterior', outputs: 'observed', seed: options.seed, batch }).observed[label.node.name];
    if (!p) throw new Error(`internal: the classifier gave no ${label.node.name}`);
    return readFloats(tf.argMax(p, 1).cast('float32'));
  });
  const hits = new Array<number>(g.classes).fill(0);
  for (let i = 0; i < rows; i++) {
    const k = Math.floor(i / g.perClass);
    if (predicted[i] === k) hits[k]! += 1;
  }
  const total = hits.reduce((a, b) => a + b, 0);
  return { rate: total / rows, perClass: hits.map((h) => h / g.perClass), draws: g.perClass };
}
