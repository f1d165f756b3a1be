/**
 * CompiledModel.forward with `outputs: 'observed-samples'`: draws x ~ p(x | z), z ~ p(z), that is
 * the decoder's mean for each z plus the observation's own noise.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../../shared/graph/index';
import { initBackend } from '../../../../../electron/engine/backend';
import { CompiledModel, PriorDependsOnDataError } from '../../../../../electron/engine/compile/model';
import { loadExample } from '../../../../helpers/examples';
import { tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

function compile(doc = tinyVae()): CompiledModel {
  return new CompiledModel(analyzeGraph(doc.graph), doc.training);
}

/** Runs forward from the prior and returns the observed variable `x` as plain numbers, leaving no tensor behind. */
function drawX(model: CompiledModel, outputs: 'observed' | 'observed-samples', seed: number, rows: number): Float32Array {
  return tf.tidy(() => model.forward({ latents: 'prior', outputs, seed, rows }).observed.x!.dataSync() as Float32Array).slice();
}

describe("forward with outputs: 'observed-samples'", () => {
  it('draws around the decoder mean of the same z with the learnt noise scale, per dimension', () => {
    const doc = tinyVae();
    // Unequal scales per dimension, so a draw that used one scale for both would show.
    doc.graph.nodes.find((n) => n.id === 's')!.params = { size: 2, init: 0.7, constraint: 'positive' };
    const model = compile(doc);
    model.learnables.get('s')!.raw.assign(tf.tensor2d([[Math.log(Math.expm1(0.3)), Math.log(Math.expm1(1.5))]]));
    const n = 4000;
    // Latents take the same seeds in both calls, so each draw and mean share their z.
    const draws = drawX(model, 'observed-samples', 5, n);
    const means = drawX(model, 'observed', 5, n);
    expect(draws.length).toBe(2 * n);
    const scale = [0.3, 1.5];
    for (let j = 0; j < 2; j++) {
      const r = Array.from({ length: n }, (_, i) => draws[2 * i + j]! - means[2 * i + j]!);
      const mean = r.reduce((a, b) => a + b, 0) / n;
      const std = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      // Standard errors: s/√n for the mean (4.7e-3 · s), s/√(2n) for the std (1.1%).
      expect(Math.abs(mean)).toBeLessThan((4 * scale[j]!) / Math.sqrt(n));
      expect(std / scale[j]!).toBeGreaterThan(0.95);
      expect(std / scale[j]!).toBeLessThan(1.05);
    }
    model.dispose();
  });

  it('is seeded, reads no data and leaves no tensor behind', () => {
    const model = compile();
    drawX(model, 'observed-samples', 1, 10); // the prior's constants are cached on first use
    const before = tf.memory().numTensors;
    const a = drawX(model, 'observed-samples', 1, 50);
    expect(drawX(model, 'observed-samples', 1, 50)).toEqual(a);
    expect(drawX(model, 'observed-samples', 2, 50)).not.toEqual(a);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('draws binary pixels from a Bernoulli decoder, as often 1 as its mean says', () => {
    const doc = loadExample('vae-mnist');
    const model = compile(doc);
    const n = 400;
    const x = tf.tidy(() => model.forward({ latents: 'prior', outputs: 'observed-samples', seed: 3, rows: n }).observed.x!.dataSync() as Float32Array).slice();
    const p = tf.tidy(() => model.forward({ latents: 'prior', outputs: 'observed', seed: 3, rows: n }).observed.x!.dataSync() as Float32Array).slice();
    expect(x.length).toBe(n * 784);
    expect(x.every((v) => v === 0 || v === 1)).toBe(true);
    const ones = x.reduce((a, b) => a + b, 0);
    const expected = p.reduce((a, b) => a + b, 0);
    const variance = p.reduce((a, q) => a + q * (1 - q), 0);
    expect(Math.abs(ones - expected)).toBeLessThan(5 * Math.sqrt(variance));
    model.dispose();
  });

  it('refuses to generate when a prior reads the data, with an error of its own class', () => {
    const doc = tinyVae();
    doc.graph.nodes.push({ id: 'pn', kind: 'network.mlp', name: 'prior_net', params: { hidden: [4], activation: 'tanh', heads: [{ name: 'loc', size: 2 }] } } as (typeof doc.graph.nodes)[number]);
    doc.graph.edges.push(
      { id: 'e9', source: { node: 'd', port: 'x' }, target: { node: 'pn', port: 'in' } },
      { id: 'e10', source: { node: 'pn', port: 'loc' }, target: { node: 'z', port: 'loc' } },
    );
    const model = compile(doc);
    expect(() => model.forward({ latents: 'prior', outputs: 'observed-samples', seed: 1, rows: 4 })).toThrow(PriorDependsOnDataError);
    model.dispose();
  });
});
