import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../../shared/graph/index';
import { initBackend } from '../../../../../electron/engine/backend';
import { CompiledModel } from '../../../../../electron/engine/compile/model';
import { encodeLatents, firstRows, reconstruct, sampleFromPrior } from '../../../../../electron/engine/inspect/index';
import { prepareTraining, train, type Prepared } from '../../../../../electron/engine/train/trainer';
import { loadExample } from '../../../../helpers/examples';
import { tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

/**
 * Runs `fn` and checks that it leaves no tensor behind. Called once first: a model caches the
 * constants of unconnected ports (a prior's N(0, I)) as tensors of its own on first use.
 */
function noLeak<T>(fn: () => T): T {
  try {
    fn();
  } catch {
    // The second call is the one checked, and it throws too.
  }
  const before = tf.memory().numTensors;
  let out: T;
  try {
    out = fn();
  } finally {
    expect(tf.memory().numTensors).toBe(before);
  }
  return out;
}

function meanAndStd(values: Float32Array, size: number): { mean: number[]; std: number[] } {
  const n = values.length / size;
  const mean = Array.from({ length: size }, (_, j) => values.filter((_, k) => k % size === j).reduce((s, x) => s + x, 0) / n);
  const std = mean.map((m, j) => Math.sqrt(values.filter((_, k) => k % size === j).reduce((s, x) => s + (x - m) ** 2, 0) / n));
  return { mean, std };
}

describe('sampleFromPrior', () => {
  it('generates n rows per observed variable, deterministically for a seed, without any data', () => {
    // Compiled straight from the graph: no data set is loaded, so none can be read.
    const model = new CompiledModel(analyzeGraph(tinyVae().graph), tinyVae().training);
    const a = noLeak(() => sampleFromPrior(model, { n: 50, seed: 7 }));
    expect(Object.keys(a)).toEqual(['x']);
    expect(a.x!.size).toBe(2);
    expect(a.x!.mean.length).toBe(100);
    expect(a.x!.mean.every(Number.isFinite)).toBe(true);
    expect(sampleFromPrior(model, { n: 50, seed: 7 })).toEqual(a);
    expect(sampleFromPrior(model, { n: 50, seed: 8 }).x!.mean).not.toEqual(a.x!.mean);
    model.dispose();
  });

  it('refuses a prior that depends on the data', () => {
    const doc = tinyVae();
    doc.graph.nodes.push({ id: 'pn', kind: 'network.mlp', name: 'prior_net', params: { hidden: [4], activation: 'tanh', heads: [{ name: 'loc', size: 2 }] } } as (typeof doc.graph.nodes)[number]);
    doc.graph.edges.push(
      { id: 'e9', source: { node: 'd', port: 'x' }, target: { node: 'pn', port: 'in' } },
      { id: 'e10', source: { node: 'pn', port: 'loc' }, target: { node: 'z', port: 'loc' } },
    );
    const model = new CompiledModel(analyzeGraph(doc.graph), doc.training);
    expect(() => noLeak(() => sampleFromPrior(model, { n: 4, seed: 1 }))).toThrow(/prior of latent z depends on the data/);
    model.dispose();
  });

  it('after brief training on two moons, gives points with the data\'s mean and spread', async () => {
    const p = prepareTraining(tinyVae({ duration: { steps: 1500 }, batchSize: 64, optimizer: { kind: 'adam', learningRate: 0.01 } }, [32]), '.');
    await train(p, { reportEvery: 500 });
    const generated = noLeak(() => sampleFromPrior(p.model, { n: 2000, seed: 11 })).x!;
    const g = meanAndStd(generated.mean, 2);
    const d = meanAndStd(p.data.train.columns.x!.values, 2);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(g.mean[j]! - d.mean[j]!)).toBeLessThan(0.25);
      // The decoder's mean leaves out the observation noise, so its spread is at most a bit under the data's.
      expect(g.std[j]! / d.std[j]!).toBeGreaterThan(0.6);
      expect(g.std[j]! / d.std[j]!).toBeLessThan(1.3);
    }
    p.model.dispose();
  }, 30_000);
});

describe('reconstruct and encodeLatents', () => {
  it('on a 2-D latent: shapes, the inputs beside them, identity map, determinism, no leaks', () => {
    const p = prepareTraining(tinyVae(), '.');
    const batch = firstRows(p.model, p.data.heldOut, 10);
    const r = noLeak(() => reconstruct(p.model, batch, { seed: 3 }));
    expect(Object.keys(r)).toEqual(['x']);
    expect(r.x!.input).toEqual(batch.x!.dataSync());
    expect([r.x!.inputSize, r.x!.size, r.x!.reconstruction.length]).toEqual([2, 2, 20]);
    expect(reconstruct(p.model, batch, { seed: 3 })).toEqual(r);
    const m1 = noLeak(() => reconstruct(p.model, batch, { seed: 3, useMean: true }));
    expect(reconstruct(p.model, batch, { seed: 4, useMean: true })).toEqual(m1);
    expect(m1.x!.reconstruction).not.toEqual(r.x!.reconstruction);
    tf.dispose(Object.values(batch));

    const maps = noLeak(() => encodeLatents(p.model, p.data.heldOut, { n: 30, seed: 1 }));
    expect(maps).toHaveLength(1);
    expect(maps[0]).toMatchObject({ latent: 'z', method: 'identity' });
    expect(maps[0]!.points.length).toBe(60);
    expect(maps[0]!.explained).toBeUndefined();
    expect(encodeLatents(p.model, p.data.heldOut, { n: 30, seed: 2 })).toEqual(maps);
    p.model.dispose();
  });

  describe('an MNIST VAE trained for 200 steps', () => {
    let p: Prepared;
    beforeAll(async () => {
      const doc = loadExample('vae-mnist');
      doc.graph.nodes.find((n) => n.id === 'mnist')!.params.limit = 2000;
      p = prepareTraining(doc, '.');
      await train(p, { steps: 200, reportEvery: 100 });
    }, 60_000);

    it('reconstructs held-out digits better than prior samples match them', () => {
      const n = 100;
      const batch = firstRows(p.model, p.data.heldOut, n);
      const r = noLeak(() => reconstruct(p.model, batch, { seed: 5, useMean: true })).x!;
      tf.dispose(Object.values(batch));
      const g = noLeak(() => sampleFromPrior(p.model, { n, seed: 5 })).x!;
      expect(r.size).toBe(784);
      expect(g.size).toBe(784);
      expect(g.mean.length).toBe(n * 784);
      for (const v of [r.reconstruction, g.mean]) expect(v.every((x) => x >= 0 && x <= 1)).toBe(true);
      const mse = (a: Float32Array): number => a.reduce((s, x, k) => s + (x - r.input[k]!) ** 2, 0) / a.length;
      expect(mse(r.reconstruction)).toBeLessThan(0.8 * mse(g.mean));
    });

    it('maps the 20-D latent by PCA, with the digits\' labels', () => {
      const [map] = noLeak(() => encodeLatents(p.model, p.data.heldOut, { n: 500, seed: 0 }));
      expect(map!.method).toBe('pca');
      expect(map!.points.length).toBe(1000);
      expect(map!.points.every(Number.isFinite)).toBe(true);
      expect(map!.labels!.length).toBe(500);
      expect(Array.from(map!.labels!.subarray(0, 5))).toEqual(Array.from(p.data.heldOut.columns.label!.values.subarray(0, 5)));
      const [a, b] = map!.explained!;
      expect(a).toBeGreaterThanOrEqual(b);
      expect(a + b).toBeLessThanOrEqual(1 + 1e-9);
      expect(b).toBeGreaterThan(0);
    });
  });
});
