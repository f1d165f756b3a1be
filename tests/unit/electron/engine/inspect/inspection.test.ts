import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeGraphFile, type GraphFile } from '../../../../../shared/graph/index';
import { inspectionSchema, type ImageSet, type Inspection } from '../../../../../shared/protocol/runs';
import { initBackend } from '../../../../../electron/engine/backend';
import type { Dataset } from '../../../../../electron/engine/data/dataset';
import { buildInspection, encodeLatents, firstRows, reconstruct, toImageSet } from '../../../../../electron/engine/inspect/index';
import { prepareTraining, train, type Prepared } from '../../../../../electron/engine/train/trainer';
import { deriveSeed } from '../../../../../electron/engine/random/prng';
import { loadExample } from '../../../../helpers/examples';
import { tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Builds an inspection twice (the first call caches a model's constants) and checks the second leaves the tensor count flat. */
function inspectNoLeak(p: Pick<Prepared, 'model' | 'data'>, seed = 1, options: Parameters<typeof buildInspection>[3] = {}): Inspection {
  buildInspection(p, 0, seed, options);
  const before = tf.memory().numTensors;
  const inspection = buildInspection(p, 7, seed, options);
  expect(tf.memory().numTensors).toBe(before);
  return inspection;
}

function decode(images: ImageSet): Uint8Array {
  return new Uint8Array(Buffer.from(images.pixels, 'base64'));
}

function stats(values: ArrayLike<number>, dim: number, of: number): { mean: number; std: number } {
  const xs = Array.from({ length: values.length / of }, (_, i) => values[i * of + dim]!);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) };
}

/** A held-out split whose images are all replaced by `value` (labels kept). */
function withHeldOutImages(p: Prepared, value: number): Pick<Prepared, 'model' | 'data'> {
  const h = p.data.heldOut;
  const x = h.columns.x!;
  const heldOut: Dataset = { ...h, columns: { ...h.columns, x: { ...x, values: new Float32Array(x.values.length).fill(value) } } };
  return { model: p.model, data: { train: p.data.train, heldOut } };
}

describe('toImageSet', () => {
  it('clamps to [0, 1], scales to bytes with rounding, NaN as black, base64', () => {
    const set = toImageSet([-0.5, 0, 0.5, 1, 1.7, Number.NaN, 0.2, 0.999], 2, 2, 2);
    expect(set).toMatchObject({ width: 2, height: 2, count: 2 });
    expect(Array.from(decode(set))).toEqual([0, 0, 128, 255, 255, 0, 51, 255]);
    expect(() => toImageSet([0, 1, 0], 1, 2, 2)).toThrow(/1 images of 2 × 2 \(4 values\), got 3/);
  });
});

describe('buildInspection on an MNIST VAE', () => {
  let p: Prepared;
  beforeAll(async () => {
    // The example, made small so the test is quick: 500 training digits, 32 hidden units, a 3-D latent.
    const doc = loadExample('vae-mnist');
    const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
    node('mnist').params.limit = 500;
    node('encoder').params = { ...node('encoder').params, hidden: [32], heads: [{ name: 'loc', size: 3, activation: 'linear' }, { name: 'scale', size: 3, activation: 'softplus' }] };
    node('decoder').params = { ...node('decoder').params, hidden: [32] };
    node('z').params = { ...node('z').params, size: 3 };
    p = prepareTraining(doc, '.');
    await train(p, { steps: 30, reportEvery: 10 });
  }, 60_000);

  it('has prior samples, reconstructions and a latent map, valid for the protocol, without leaking tensors', () => {
    const inspection = inspectNoLeak(p);
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
    expect(inspection.step).toBe(7);
    expect(Object.keys(inspection).sort()).toEqual(['latentMaps', 'priorSamples', 'reconstructions', 'step']);
    const prior = inspection.priorSamples!;
    expect(prior.observed).toBe('x');
    expect(prior.images).toMatchObject({ width: 28, height: 28, count: 64 });
    const pixels = decode(prior.images);
    expect(pixels.length).toBe(64 * 784);
    // Bernoulli means are probabilities: grey levels, not only black and white, and the images differ.
    expect(pixels.some((v) => v > 0 && v < 255)).toBe(true);
    expect(pixels.subarray(0, 784)).not.toEqual(pixels.subarray(784, 2 * 784));
  });

  it('shows the first held-out digits beside their reconstructions from the posterior mean', () => {
    const { reconstructions } = inspectNoLeak(p);
    expect(reconstructions!.observed).toBe('x');
    expect(reconstructions!.inputs).toMatchObject({ width: 28, height: 28, count: 16 });
    expect(reconstructions!.outputs).toMatchObject({ width: 28, height: 28, count: 16 });
    // Inputs: the binarized test digits themselves, 0 or 255.
    const truth = p.data.heldOut.columns.x!.values.subarray(0, 16 * 784);
    expect(Array.from(decode(reconstructions!.inputs))).toEqual(Array.from(truth, (v) => v * 255));
    // Outputs: the decoder's probabilities given the posterior mean, which no seed changes.
    const batch = firstRows(p.model, p.data.heldOut, 16);
    const means = reconstruct(p.model, batch, { seed: 12345, useMean: true }).x!.reconstruction;
    tf.dispose(Object.values(batch));
    expect(Array.from(decode(reconstructions!.outputs))).toEqual(Array.from(means, (v) => Math.round(v * 255)));
  });

  it('maps the 3-D latent of 1000 held-out digits by PCA, with their labels', () => {
    const [map] = inspectNoLeak(p).latentMaps!;
    expect(map).toMatchObject({ latent: 'z', method: 'pca' });
    expect(map!.points).toHaveLength(2000);
    expect(map!.labels).toEqual(Array.from(p.data.heldOut.columns.label!.values.subarray(0, 1000)));
    expect(map!.points).toEqual(Array.from(encodeLatents(p.model, p.data.heldOut, { n: 1000, seed: 0 })[0]!.points));
  });

  it('generates prior samples without reading the data, while reconstructions do read it', () => {
    const a = buildInspection(p, 1, 9);
    const blank = buildInspection(withHeldOutImages(p, 0), 1, 9);
    expect(blank.priorSamples).toEqual(a.priorSamples);
    expect(blank.reconstructions!.inputs.pixels).not.toEqual(a.reconstructions!.inputs.pixels);
    expect(decode(blank.reconstructions!.inputs).every((v) => v === 0)).toBe(true);
  });

  it('is the same for the same seed, and other prior draws for another', () => {
    const a = buildInspection(p, 1, 9);
    expect(buildInspection(p, 1, 9)).toEqual(a);
    const b = buildInspection(p, 1, 10);
    expect(b.priorSamples!.images.pixels).not.toEqual(a.priorSamples!.images.pixels);
    // The posterior mean takes no noise: reconstructions do not depend on the seed.
    expect(b.reconstructions).toEqual(a.reconstructions);
  });

  it('takes its sizes from the options', () => {
    const i = buildInspection(p, 1, 1, { priorSamples: 9, reconstructions: 4, mapPoints: 50 });
    expect(i.priorSamples!.images.count).toBe(9);
    expect(decode(i.priorSamples!.images).length).toBe(9 * 784);
    expect([i.reconstructions!.inputs.count, i.reconstructions!.outputs.count]).toEqual([4, 4]);
    expect(i.latentMaps![0]!.points).toHaveLength(100);
  });
});

describe('buildInspection on 2-D data', () => {
  it('a VAE on two moons: an identity latent map and draws beside the held-out points, no images', async () => {
    const p = prepareTraining(tinyVae({ duration: { steps: 100 }, optimizer: { kind: 'adam', learningRate: 0.01 } }), '.');
    await train(p, { reportEvery: 50 });
    const inspection = inspectNoLeak(p);
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
    expect(Object.keys(inspection).sort()).toEqual(['latentMaps', 'samples2d', 'step']);
    const rows = p.data.heldOut.length;
    expect(rows).toBeLessThan(1000);
    expect(inspection.latentMaps![0]).toMatchObject({ latent: 'z', method: 'identity' });
    expect(inspection.latentMaps![0]!.points).toHaveLength(2 * rows);
    expect(inspection.latentMaps![0]!.labels).toEqual(Array.from(p.data.heldOut.columns.label!.values));
    const s = inspection.samples2d!;
    expect(s.observed).toBe('x');
    expect(s.data).toEqual(Array.from(p.data.heldOut.columns.x!.values));
    expect(s.samples).toHaveLength(2000);
    p.model.dispose();
  }, 30_000);

  it('draws with the spread of the learnt noise: a 2-D Gaussian fitted by maximum likelihood', async () => {
    // x ~ N(loc, scale²) with both learnt and no latent: the draws are loc + scale · ε, so their
    // mean and spread must be the learnt parameters (and, once fitted, the data's).
    const doc: GraphFile = makeGraphFile({
      graph: {
        nodes: [
          { id: 'd', kind: 'data.twoMoons', name: 'moons', params: { n: 2000, noise: 0.1, seed: 2 } },
          { id: 'loc', kind: 'param.learnable', name: 'loc', params: { size: 2, init: 0 } },
          { id: 'scale', kind: 'param.learnable', name: 'scale', params: { size: 2, init: 1, constraint: 'positive' } },
          { id: 'x', kind: 'dist.normal', name: 'x', params: { role: 'observed' } },
        ],
        edges: [
          { id: 'e1', source: { node: 'loc', port: 'out' }, target: { node: 'x', port: 'loc' } },
          { id: 'e2', source: { node: 'scale', port: 'out' }, target: { node: 'x', port: 'scale' } },
          { id: 'e3', source: { node: 'd', port: 'x' }, target: { node: 'x', port: 'value' } },
        ],
      },
      training: { batchSize: 100, duration: { steps: 600 }, seed: 1, optimizer: { kind: 'adam', learningRate: 0.05 } },
    });
    const p = prepareTraining(doc, '.');
    await train(p, { reportEvery: 100 });
    const learnt = (id: string) => Array.from(tf.tidy(() => (id === 'scale' ? tf.softplus(p.model.learnables.get(id)!.raw) : p.model.learnables.get(id)!.raw).dataSync()));
    const [loc, scale] = [learnt('loc'), learnt('scale')];
    const inspection = inspectNoLeak(p);
    expect(inspection.latentMaps).toBeUndefined();
    const { samples, data } = inspection.samples2d!;
    expect(samples).toHaveLength(2000);
    for (let j = 0; j < 2; j++) {
      const draw = stats(samples, j, 2);
      expect(Math.abs(draw.mean - loc[j]!)).toBeLessThan((4 * scale[j]!) / Math.sqrt(1000));
      // The std of 1000 normal draws has a standard error of 2.2%.
      expect(draw.std / scale[j]!).toBeGreaterThan(0.9);
      expect(draw.std / scale[j]!).toBeLessThan(1.1);
      // Fitted: the learnt scale is the data's spread.
      expect(scale[j]! / stats(data, j, 2).std).toBeGreaterThan(0.85);
      expect(scale[j]! / stats(data, j, 2).std).toBeLessThan(1.15);
    }
    p.model.dispose();
  }, 30_000);

  /** A small vae-mnist whose decoder also reads the data column `column` beside z. */
  function conditionalVae(column: 'label' | 'x'): Prepared {
    const doc = loadExample('vae-mnist');
    const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
    node('mnist').params.limit = 200;
    node('encoder').params = { ...node('encoder').params, hidden: [8], heads: [{ name: 'loc', size: 2, activation: 'linear' }, { name: 'scale', size: 2, activation: 'softplus' }] };
    node('decoder').params = { ...node('decoder').params, hidden: [8] };
    node('z').params = { ...node('z').params, size: 2 };
    doc.graph.edges.push({ id: 'e-side', source: { node: 'mnist', port: column }, target: { node: 'decoder', port: 'in' } });
    return prepareTraining(doc, '.');
  }

  it('draws a row of samples per label for a decoder that also reads the label (x | z, label), and still reconstructs', () => {
    const p = conditionalVae('label');
    const inspection = inspectNoLeak(p, 1, { samplesPerClass: 3 });
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
    expect(inspection.notes).toBeUndefined();
    const prior = inspection.priorSamples!;
    expect(prior.byClass).toEqual({ column: 'label', classes: 10, perClass: 3 });
    // The protocol holds the grid to a row per class: 10 × 3 images, not fewer.
    const short = { ...inspection, priorSamples: { ...prior, byClass: { column: 'label', classes: 10, perClass: 4 } } };
    expect(inspectionSchema.safeParse(short).error?.issues[0]?.message).toBe('a row per class: classes × perClass images');
    expect(prior.images).toMatchObject({ width: 28, height: 28, count: 30 });
    // Row k is the decoder's mean at (z_i, label k) for three prior draws z_i: the model's forward
    // pass with those labels given, at the inspection's seed for its prior section (tag 1).
    const pixels = decode(prior.images);
    const labels = tf.tensor1d(Array.from({ length: 30 }, (_, i) => Math.floor(i / 3)));
    const { observed } = p.model.forward({ latents: 'prior', outputs: 'observed', seed: deriveSeed(1, 1), given: { label: labels } });
    expect(observed.x!.shape).toEqual([30, 784]);
    const mean = observed.x!.dataSync();
    tf.dispose([labels, observed.x!]);
    expect(Array.from(pixels)).toEqual(Array.from(mean, (v) => Math.round(v * 255)));
    // The label reaches the decoder: the same z decoded for label 0 and label 1 differ.
    expect(mean.subarray(0, 784)).not.toEqual(mean.subarray(3 * 784, 4 * 784));
    // Without the label given, x is left out (not failed); asked for other rows than given, refused.
    const without = p.model.forward({ latents: 'prior', outputs: 'observed', seed: 0, rows: 2 });
    expect(Object.keys(without.observed)).toEqual([]);
    tf.dispose(Object.values(without.latents));
    const two = tf.tensor1d([3, 4]);
    expect(() => p.model.forward({ latents: 'prior', outputs: 'observed', seed: 0, rows: 5, given: { label: two } })).toThrow('asked for 5 rows with given columns of 2 rows');
    two.dispose();
    expect(p.model.generationColumns('x')).toEqual(['label']);
    expect(inspection.reconstructions?.outputs.count).toBe(16);
    // By default 16 draws per label: the Samples tab shows 8 a row, or the 16 of the label chosen.
    expect(inspectNoLeak(p, 1).priorSamples?.byClass).toEqual({ column: 'label', classes: 10, perClass: 16 });
    p.model.dispose();
  }, 30_000);

  it('draws a row per label for a prior conditioned on the label, p(z | label), with a decoder of z alone', () => {
    const doc = loadExample('vae-mnist');
    const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
    node('mnist').params.limit = 200;
    node('encoder').params = { ...node('encoder').params, hidden: [8], heads: [{ name: 'loc', size: 2, activation: 'linear' }, { name: 'scale', size: 2, activation: 'softplus' }] };
    node('decoder').params = { ...node('decoder').params, hidden: [8] };
    node('z').params = { ...node('z').params, size: 2 };
    doc.graph.nodes.push({ id: 'prior_net', kind: 'network.mlp', name: 'prior_net', params: { hidden: [8], activation: 'relu', heads: [{ name: 'loc', size: 2, activation: 'linear' }] } });
    doc.graph.edges.push(
      { id: 'e-pl', source: { node: 'mnist', port: 'label' }, target: { node: 'prior_net', port: 'in' } },
      { id: 'e-pz', source: { node: 'prior_net', port: 'loc' }, target: { node: 'z', port: 'loc' } },
    );
    const p = prepareTraining(doc, '.');
    expect(p.model.generationColumns('x')).toEqual(['label']);
    const inspection = inspectNoLeak(p, 1, { samplesPerClass: 2 });
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
    expect(inspection.notes).toBeUndefined();
    expect(inspection.priorSamples?.byClass).toEqual({ column: 'label', classes: 10, perClass: 2 });
    p.model.dispose();
  }, 30_000);

  it('says why a decoder that also reads the pixels has no samples from the prior, and still reconstructs', () => {
    const p = conditionalVae('x');
    const inspection = inspectNoLeak(p);
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
    expect(inspection.priorSamples).toBeUndefined();
    expect(inspection.notes?.priorSamples).toBe(
      'No samples from the prior: the parameters of x also read the data set (a conditional decoder), so x cannot be drawn from the prior alone.',
    );
    expect(inspection.reconstructions?.outputs.count).toBe(16);
    p.model.dispose();
  }, 30_000);

  it('a classifier gets nothing but its step', () => {
    const doc = makeGraphFile({
      graph: {
        nodes: [
          { id: 'd', kind: 'data.twoMoons', name: 'moons', params: { n: 200, seed: 1 } },
          { id: 'n', kind: 'network.mlp', name: 'net', params: { hidden: [8], heads: [{ name: 'logits', size: 2 }] } },
          { id: 'y', kind: 'dist.categorical', name: 'moon', params: { role: 'observed' } },
        ],
        edges: [
          { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'n', port: 'in' } },
          { id: 'e2', source: { node: 'n', port: 'logits' }, target: { node: 'y', port: 'logits' } },
          { id: 'e3', source: { node: 'd', port: 'label' }, target: { node: 'y', port: 'value' } },
        ],
      },
    });
    const p = prepareTraining(doc, '.');
    expect(inspectNoLeak(p)).toEqual({ step: 7 });
    p.model.dispose();
  });
});
