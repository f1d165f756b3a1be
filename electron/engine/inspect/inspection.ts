import type { AnalyzedNode } from '../../../shared/graph/index';
import type { Inspection, LatentMapData } from '../../../shared/protocol/runs';
import { NoPosteriorError, PriorDependsOnDataError, type CompiledModel } from '../compile/model';
import type { DataSplits } from '../data/dataset';
import { deriveSeed } from '../random/prng';
import { disposingScope } from '../scope';
import type { Prepared } from '../train/trainer';
import { bagOfWordsSection } from './bag-of-words';
import { sentencesSection } from './sentences';
import { sampleForEachClass, sampleFromPrior } from './generate';
import { imageShapeOf, type ImageShape } from './image-shape';
import { encodeLatents } from './latent-map';
import { toImageSet } from './pixels';
import { reconstruct } from './reconstruct';
import { firstRows, readFloats } from './rows';

/** How much each section shows; the defaults are what the panels are laid out for. */
export interface InspectionOptions {
  /** Images generated from the prior (default 64, an 8 × 8 grid). */
  readonly priorSamples?: number;
  /**
   * A conditional decoder of a class label: images generated per class (default 16: the Samples tab
   * shows the first 8 of each in a row per class, or all 16 of the class chosen; 10 × 16 digits cost
   * about 3 ms more than 10 × 8 and add ~84 KB to the inspection).
   */
  readonly samplesPerClass?: number;
  /** Held-out images shown beside their reconstructions (default 16). */
  readonly reconstructions?: number;
  /** Held-out examples encoded for each latent map (default 1000). */
  readonly mapPoints?: number;
  /** 2-D data: held-out points shown, and draws from the model (default 1000 each). */
  readonly points2d?: number;
  /** Bag-of-words and sentence models: draws from the prior and held-out documents shown (default 8 each), and the words listed for each (default 10). */
  readonly documents?: number;
  readonly words?: number;
}

/** Seed tags of the sections, so that each draws its own noise from the one inspection seed. */
const SECTION = { prior: 1, reconstructions: 2, maps: 3, samples2d: 4, bagOfWords: 5, sentences: 6 } as const;

/**
 * What the model has learnt, as the panels show it: samples from the prior and reconstructions
 * (image data), a 2-D map of each latent, draws beside the data (2-D data), and the most probable
 * words of draws and of held-out documents (a bag-of-words model). A section is
 * present only when it applies to the model (a classifier has none), and only when its numbers
 * are finite: a diverging model must not produce a record the protocol rejects.
 *
 * Everything is seeded by `seed` and reads the first held-out rows, so with a fixed seed
 * successive inspections show the same examples and the same prior draws as training moves on.
 * No tensor outlives the call.
 *
 * @param step the training step the model's weights are at (recorded, not used)
 */
export function buildInspection(prepared: Pick<Prepared, 'model' | 'data'>, step: number, seed: number, options: InspectionOptions = {}): Inspection {
  const { model, data } = prepared;
  const out: Inspection = { step };
  const hasLatents = model.latents.length > 0;
  const image = hasLatents ? imageObserved(model) : null;
  if (image) {
    const priorSamples = generateImages(model, image, options.priorSamples ?? 64, options.samplesPerClass ?? 16, deriveSeed(seed, SECTION.prior));
    if ('why' in priorSamples) out.notes = { priorSamples: priorSamples.why };
    else out.priorSamples = priorSamples;
    const reconstructions = data.heldOut.length > 0 ? reconstructImages(model, data, image, options.reconstructions ?? 16, deriveSeed(seed, SECTION.reconstructions)) : null;
    if (reconstructions) out.reconstructions = reconstructions;
  }
  if (hasLatents && data.heldOut.length > 0) {
    const maps = latentMaps(model, data, options.mapPoints ?? 1000, deriveSeed(seed, SECTION.maps));
    if (maps.length > 0) out.latentMaps = maps;
  }
  const samples2d = drawsBesideData(model, data, options.points2d ?? 1000, deriveSeed(seed, SECTION.samples2d));
  if (samples2d) out.samples2d = samples2d;
  const words = bagOfWordsSection(model, data, { n: options.documents ?? 8, words: options.words ?? 10, priorSeed: deriveSeed(seed, SECTION.bagOfWords, 1), reconstructionSeed: deriveSeed(seed, SECTION.bagOfWords, 2) }, withoutPosteriorAsNull);
  if (words) out.bagOfWords = words;
  const sentences = sentencesSection(model, data, { n: options.documents ?? 8, priorSeed: deriveSeed(seed, SECTION.sentences, 1), reconstructionSeed: deriveSeed(seed, SECTION.sentences, 2) }, withoutPosteriorAsNull);
  if (sentences) out.sentences = sentences;
  return out;
}

/** An observed variable shown as images: its node, and the image shape of the data column it is bound to. */
interface ImageObserved {
  readonly name: string;
  readonly shape: ImageShape;
}

/**
 * The first observed Bernoulli or Normal bound to the data set's image column, with one value per
 * pixel. (A Categorical's mean is class probabilities, not a picture.)
 */
function imageObserved(model: CompiledModel): ImageObserved | null {
  const shape = imageShapeOf(model.dataNode);
  if (!shape) return null;
  const a = model.observed.find((o) => pictureFamily(o) && valueColumn(o) === shape.column && o.inputs.value?.[0]?.type.size === shape.width * shape.height);
  return a ? { name: a.node.name, shape } : null;
}

function pictureFamily(a: AnalyzedNode): boolean {
  return a.node.kind === 'dist.bernoulli' || a.node.kind === 'dist.normal';
}

/** The data column an observed variable's value is bound to (the validator requires one). */
function valueColumn(a: AnalyzedNode): string | undefined {
  return a.inputs.value?.[0]?.sourcePort;
}

/**
 * The observed variable's means for `n` draws from the prior, or, when the model reads one class
 * label y on the way (a decoder x | z, y or a prior z | y), `perClass` draws for each class; or
 * why there are none: a prior or an observed variable that reads other data (the pixels) cannot be
 * drawn from without data.
 */
function generateImages(model: CompiledModel, image: ImageObserved, n: number, perClass: number, seed: number): NonNullable<Inspection['priorSamples']> | { why: string } {
  const { width, height } = image.shape;
  let why = `No samples from the prior: the parameters of ${image.name} also read the data set (a conditional decoder), so ${image.name} cannot be drawn from the prior alone.`;
  try {
    const g = sampleFromPrior(model, { n, seed })[image.name];
    if (g) return { observed: image.name, images: toImageSet(g.mean, n, width, height) };
  } catch (e) {
    if (!(e instanceof PriorDependsOnDataError)) throw e;
    why = `No samples from the prior: the prior of ${e.latent} reads the data set, so it cannot be drawn from without data.`;
  }
  try {
    const c = sampleForEachClass(model, image.name, { perClass, seed });
    if (!c) return { why };
    return {
      observed: image.name,
      images: toImageSet(c.mean, c.classes * c.perClass, width, height),
      byClass: { column: c.column, classes: c.classes, perClass: c.perClass },
    };
  } catch (e) {
    if (e instanceof PriorDependsOnDataError) return { why };
    throw e;
  }
}

/** The first `n` held-out images beside their reconstructions from the posterior mean (stable from one inspection to the next). */
function reconstructImages(model: CompiledModel, data: DataSplits, image: ImageObserved, n: number, seed: number): Inspection['reconstructions'] | null {
  const { width, height } = image.shape;
  const r = withoutPosteriorAsNull(() => disposingScope(() => reconstruct(model, firstRows(model, data.heldOut, n), { seed, useMean: true })[image.name]));
  if (!r) return null;
  const count = r.input.length / (width * height);
  return { observed: image.name, inputs: toImageSet(r.input, count, width, height), outputs: toImageSet(r.reconstruction, count, width, height) };
}

/** One map per latent, as protocol records; a map with a non-finite point is left out. */
function latentMaps(model: CompiledModel, data: DataSplits, n: number, seed: number): LatentMapData[] {
  return (withoutPosteriorAsNull(() => encodeLatents(model, data.heldOut, { n, seed })) ?? [])
    .filter((m) => allFinite(m.points))
    .map((m) => ({
      latent: m.latent,
      method: m.method,
      ...(m.explained ? { explained: m.explained } : {}),
      points: Array.from(m.points),
      ...(m.labels ? { labels: Array.from(m.labels) } : {}),
    }));
}

/**
 * For the first observed Normal, Bernoulli or Flow density of size 2: up to `n` held-out rows of its data column,
 * and `n` draws x ~ p(x | z), z ~ p(z). Draws rather than means, so a Normal's learnt noise shows
 * as spread around what the decoder has learnt, as in the data. Without latents the observed
 * variable's own parameters are drawn from (a density fitted by maximum likelihood); when its
 * parameters read the data (a regression) there is nothing to draw from and the section is left out.
 */
function drawsBesideData(model: CompiledModel, data: DataSplits, n: number, seed: number): Inspection['samples2d'] | null {
  const a = model.observed.find((o) => (pictureFamily(o) || o.node.kind === 'dist.flow') && o.inputs.value?.[0]?.type.size === 2);
  const column = a && valueColumn(a);
  const values = column === undefined ? undefined : data.heldOut.columns[column];
  if (!a || !values || values.size !== 2) return null;
  const rows = Math.min(n, data.heldOut.length);
  const held = Array.from(values.values.subarray(0, 2 * rows));
  let draws: Float32Array | undefined;
  try {
    draws = disposingScope(() => {
      const x = model.forward({ latents: 'prior', outputs: 'observed-samples', seed, rows: n }).observed[a.node.name];
      return x ? readFloats(x) : undefined;
    });
  } catch (e) {
    if (e instanceof PriorDependsOnDataError) return null;
    throw e;
  }
  if (!draws || !allFinite(draws) || !allFinite(held)) return null;
  return { observed: a.node.name, data: held, samples: Array.from(draws) };
}

/** Encoding and reconstructing need every latent's posterior; a latent summed out by enumeration has none, and the section is left out. */
function withoutPosteriorAsNull<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NoPosteriorError) return null;
    throw e;
  }
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}
