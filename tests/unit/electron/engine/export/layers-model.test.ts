/**
 * Export of a compiled MLP as a TensorFlow.js LayersModel: the built model computes the same
 * function as MlpModule.forward, survives a round trip through model.json + weights.bin on disk,
 * and neither building nor exporting leaks tensors.
 */
import { mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { MlpModule } from '../../../../../electron/engine/compile/mlp-module';
import { buildLayersModel, exportNetwork, saveLayersModel } from '../../../../../electron/engine/export/layers-model';
import { fileLoadHandler } from '../../../../../electron/engine/export/node-file-io';
import { ACTIVATIONS, type Activation } from '../../../../../shared/graph/catalog/activations';
import type { Head, MlpParams } from '../../../../../shared/graph/index';

let root: string;
let counter = 0;
/** A fresh folder per export, so cases never read each other's files. */
const freshDir = () => join(root, `m${counter++}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'latent-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to initialise`);
  await tf.ready();
}

/**
 * A module whose biases are non-zero (they start at zero, which would hide a wrongly split
 * head bias) and whose weights are scaled up so saturating activations are exercised.
 */
function makeModule(params: MlpParams, inputWidth = 5, name = 'decoder', seed = 123): MlpModule {
  const m = new MlpModule(name, params, inputWidth, seed);
  m.variables.forEach((v, i) => {
    tf.tidy(() => v.assign(tf.randomNormal(v.shape, 0, 1.5, 'float32', seed + i)));
  });
  return m;
}

function asList(out: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(out) ? out : [out];
}

/** Max |model(x) − module.forward(x)| over every head, in headSpecs order. */
function maxDiff(model: tf.LayersModel, module: MlpModule, x: tf.Tensor2D): number {
  return tf.tidy(() => {
    const got = asList(model.predict(x) as tf.Tensor | tf.Tensor[]);
    const want = module.forward(x);
    expect(got).toHaveLength(module.headSpecs.length);
    let worst = 0;
    module.headSpecs.forEach((h, i) => {
      expect(got[i]!.shape).toEqual([x.shape[0], h.size]);
      worst = Math.max(worst, tf.max(tf.abs(tf.sub(got[i]!, want[h.name]!))).dataSync()[0]!);
    });
    return worst;
  });
}

/** Export, reload from disk, compare on random inputs, clean up. */
async function roundTrip(module: MlpModule): Promise<{ built: number; loaded: number; dir: string }> {
  const dir = freshDir();
  const x = tf.randomUniform([9, module.inputWidth], -3, 3, 'float32', 7) as tf.Tensor2D;
  const built = buildLayersModel(module);
  const builtDiff = maxDiff(built, module, x);
  built.dispose();
  await exportNetwork(module, dir);
  const loaded = await tf.loadLayersModel(fileLoadHandler(join(dir, 'model.json')));
  const loadedDiff = maxDiff(loaded, module, x);
  loaded.dispose();
  x.dispose();
  return { built: builtDiff, loaded: loadedDiff, dir };
}

const heads = (...hs: Array<[string, number, Activation]>): Head[] =>
  hs.map(([name, size, activation]) => ({ name, size, activation }));

describe('LayersModel export (cpu)', () => {
  beforeEach(async () => {
    await useBackend('cpu');
  });

  describe.each(ACTIVATIONS)('activation %s', (act) => {
    it('single head: built and reloaded models match forward', async () => {
      const m = makeModule({ hidden: [16, 8], activation: act, heads: heads(['out', 4, act]) });
      const r = await roundTrip(m);
      expect(r.built).toBeLessThan(1e-5);
      expect(r.loaded).toBeLessThan(1e-5);
      m.dispose();
    });

    it('multi-head, same activation (the module fuses it into the head matmul)', async () => {
      const m = makeModule({ hidden: [16, 8], activation: act, heads: heads(['a', 3, act], ['b', 2, act]) });
      const r = await roundTrip(m);
      expect(r.loaded).toBeLessThan(1e-5);
      m.dispose();
    });

    it('multi-head, mixed activations (the module activates each split part)', async () => {
      const other: Activation = act === 'softplus' ? 'tanh' : 'softplus';
      const m = makeModule({ hidden: [16, 8], activation: 'relu', heads: heads(['loc', 3, act], ['scale', 3, other], ['p', 1, 'sigmoid']) });
      const r = await roundTrip(m);
      expect(r.loaded).toBeLessThan(1e-5);
      m.dispose();
    });
  });

  it("adds the observed variables' means after the heads: sigmoid and softmax of the logits, by name", async () => {
    const m = makeModule({ hidden: [8], activation: 'relu', heads: heads(['logits', 6, 'linear'], ['class', 4, 'linear']) });
    const dir = freshDir();
    await exportNetwork(m, dir, [
      { head: 'logits', name: 'x_mean', activation: 'sigmoid' },
      { head: 'class', name: 'y_probs', activation: 'softmax' },
    ]);
    const loaded = await tf.loadLayersModel(fileLoadHandler(join(dir, 'model.json')));
    expect(loaded.outputNames).toEqual(['logits', 'class', 'x_mean', 'y_probs']);
    const x = tf.randomUniform([5, m.inputWidth], -3, 3, 'float32', 3) as tf.Tensor2D;
    const [logits, cls, mean, probs] = loaded.predict(x) as tf.Tensor[];
    const want = m.forward(x);
    const close = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    expect(close(logits!, want.logits!)).toBeLessThan(1e-5);
    // Independent of tfjs's activations: the logistic and softmax functions written out.
    const l = want.logits!.arraySync() as number[][];
    expect(close(mean!, tf.tensor(l.map((r) => r.map((v) => 1 / (1 + Math.exp(-v))))))).toBeLessThan(1e-5);
    const c = want.class!.arraySync() as number[][];
    const softmax = c.map((r) => {
      const e = r.map((v) => Math.exp(v - Math.max(...r)));
      return e.map((v) => v / e.reduce((a, b) => a + b, 0));
    });
    expect(close(probs!, tf.tensor(softmax))).toBeLessThan(1e-5);
    expect(close(cls!, want.class!)).toBeLessThan(1e-5);
    tf.dispose([x, logits!, cls!, mean!, probs!, ...Object.values(want)]);
    loaded.dispose();
    expect(() => buildLayersModel(m, [{ head: 'nope', name: 'x_mean', activation: 'sigmoid' }])).toThrow("network 'decoder' has no head 'nope' to compute x_mean from");
    m.dispose();
  });

  it('handles a network with no hidden layer', async () => {
    const m = makeModule({ hidden: [], activation: 'relu', heads: heads(['loc', 2, 'linear'], ['scale', 2, 'softplus']) });
    expect((await roundTrip(m)).loaded).toBeLessThan(1e-5);
    m.dispose();
  });

  it('writes a standard model.json: layers-model, weights.bin manifest, named layers and outputs', async () => {
    const m = makeModule({ hidden: [16, 8], activation: 'relu', heads: heads(['loc', 3, 'linear'], ['scale', 3, 'softplus']) });
    const dir = freshDir();
    await exportNetwork(m, dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']); // no temp files left
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toMatch(/TensorFlow\.js/);
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const config = json.modelTopology.config;
    expect(config.name).toBe('decoder');
    expect(config.layers.map((l: { name: string }) => l.name)).toEqual(['input', 'dense_0', 'dense_1', 'loc', 'scale']);
    expect(config.output_layers.map((o: unknown[]) => o[0])).toEqual(['loc', 'scale']);
    const weightBytes = (await readFile(join(dir, 'weights.bin'))).byteLength;
    expect(weightBytes).toBe(4 * (5 * 16 + 16 + 16 * 8 + 8 + 8 * 6 + 6));

    const loaded = await tf.loadLayersModel(fileLoadHandler(join(dir, 'model.json')));
    expect(loaded.name).toBe('decoder');
    expect(loaded.outputNames).toEqual(['loc', 'scale']);
    loaded.dispose();
    m.dispose();
  });

  it('renames layers tfjs would reject: a head starting with _ and a head clashing with dense_0', async () => {
    const m = makeModule({ hidden: [4], activation: 'tanh', heads: heads(['_loc', 2, 'linear'], ['dense_0', 2, 'elu']) }, 3, 'my encoder');
    const model = buildLayersModel(m);
    expect(model.name).toBe('my encoder');
    expect(model.outputNames).toEqual(['head_loc', 'dense_0']);
    expect(model.layers.map((l) => l.name)).toEqual(['input', 'dense_0_1', 'head_loc', 'dense_0']);
    model.dispose();
    expect((await roundTrip(m)).loaded).toBeLessThan(1e-5);
    m.dispose();
  });

  it('copies the weights: the model is unaffected by later training or disposal of the module', async () => {
    const m = makeModule({ hidden: [6], activation: 'elu', heads: heads(['out', 2, 'linear']) }, 3);
    const x = tf.randomUniform([4, 3], -1, 1, 'float32', 1) as tf.Tensor2D;
    const model = buildLayersModel(m);
    const before = (model.predict(x) as tf.Tensor).arraySync();
    m.variables.forEach((v) => tf.tidy(() => v.assign(tf.add(v, 1))));
    m.dispose();
    const after = model.predict(x) as tf.Tensor;
    expect(after.arraySync()).toEqual(before);
    after.dispose();
    model.dispose();
    x.dispose();
  });

  it('overwrites an earlier export in the same folder', async () => {
    const dir = freshDir();
    const a = makeModule({ hidden: [4], activation: 'relu', heads: heads(['out', 2, 'linear']) }, 3, 'net', 1);
    const b = makeModule({ hidden: [4], activation: 'relu', heads: heads(['out', 2, 'linear']) }, 3, 'net', 2);
    await exportNetwork(a, dir);
    await exportNetwork(b, dir);
    const loaded = await tf.loadLayersModel(fileLoadHandler(join(dir, 'model.json')));
    const x = tf.ones([2, 3]) as tf.Tensor2D;
    expect(maxDiff(loaded, b, x)).toBeLessThan(1e-5);
    expect(maxDiff(loaded, a, x)).toBeGreaterThan(1e-3);
    loaded.dispose();
    x.dispose();
    a.dispose();
    b.dispose();
  });

  it('leaks no tensors: build + dispose, export, and save of a built model', async () => {
    const m = makeModule({ hidden: [16, 8], activation: 'softplus', heads: heads(['loc', 3, 'linear'], ['scale', 3, 'softplus']) });
    const start = tf.memory().numTensors;
    buildLayersModel(m).dispose();
    expect(tf.memory().numTensors).toBe(start);
    await exportNetwork(m, freshDir());
    expect(tf.memory().numTensors).toBe(start);
    const model = buildLayersModel(m);
    await saveLayersModel(model, freshDir());
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
    m.dispose();
  });

  describe('fileLoadHandler errors name the file', () => {
    async function exported(): Promise<string> {
      const m = makeModule({ hidden: [4], activation: 'relu', heads: heads(['out', 2, 'linear']) }, 3);
      const dir = freshDir();
      await exportNetwork(m, dir);
      m.dispose();
      return dir;
    }
    const load = (path: string) => tf.loadLayersModel(fileLoadHandler(path));

    it('missing model.json', async () => {
      const path = join(root, 'nowhere', 'model.json');
      await expect(load(path)).rejects.toThrow(`model file not found: ${path}`);
    });

    it('corrupt model.json', async () => {
      const dir = await exported();
      await writeFile(join(dir, 'model.json'), '{"modelTopology": {');
      await expect(load(join(dir, 'model.json'))).rejects.toThrow(/model file .*model\.json is not valid JSON/);
    });

    it('JSON that is not a model', async () => {
      const dir = await exported();
      await writeFile(join(dir, 'model.json'), '[1, 2]');
      await expect(load(join(dir, 'model.json'))).rejects.toThrow(/no modelTopology/);
    });

    it('missing weights.bin', async () => {
      const dir = await exported();
      await unlink(join(dir, 'weights.bin'));
      await expect(load(join(dir, 'model.json'))).rejects.toThrow(`weights file not found: ${join(dir, 'weights.bin')}`);
    });

    it('truncated weights.bin', async () => {
      const dir = await exported();
      await truncate(join(dir, 'weights.bin'), 10);
      await expect(load(join(dir, 'model.json'))).rejects.toThrow(/weights\.bin has 10 bytes; .* expects 104/);
    });

    it('a weights path outside the folder', async () => {
      const dir = await exported();
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
      json.weightsManifest[0].paths = ['../secret.bin'];
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      await expect(load(join(dir, 'model.json'))).rejects.toThrow(/points outside its folder/);
    });
  });
});

describe('LayersModel export (wasm)', () => {
  it('round-trips a multi-head network with mixed activations', async () => {
    await useBackend('wasm');
    const m = makeModule({ hidden: [16, 8], activation: 'tanh', heads: heads(['loc', 3, 'linear'], ['scale', 3, 'softplus'], ['z', 2, 'elu']) });
    const start = tf.memory().numTensors;
    const r = await roundTrip(m);
    expect(r.built).toBeLessThan(1e-5);
    expect(r.loaded).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(start);
    m.dispose();
  });
});
