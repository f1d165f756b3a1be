import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { loadCheckpoint } from '../../../../../electron/engine/train/checkpoint';
import { prepareTraining, restoreWeights, train, type MetricsEvent } from '../../../../../electron/engine/train/trainer';
import { NonFiniteError } from '../../../../../electron/engine/train/errors';
import { tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

async function run(doc = tinyVae(), options: Parameters<typeof train>[1] = {}) {
  const p = prepareTraining(doc, '.');
  const metrics: MetricsEvent[] = [];
  const result = await train(p, { reportEvery: 10, ...options, onEvent: (e) => e.type === 'metrics' && metrics.push(e) });
  const weights = p.model.variables.map((v) => Array.from(v.dataSync()));
  p.model.dispose();
  return { result, metrics, weights };
}

describe('training', () => {
  it('raises the ELBO of a small VAE', async () => {
    const { metrics } = await run(tinyVae({ duration: { steps: 300 }, optimizer: { kind: 'adam', learningRate: 0.01 } }), { reportEvery: 50 });
    // Means over 50 steps: about −2.2 at the start, −1.85 once fitted (a 2-D Gaussian noise model).
    expect(metrics.at(-1)!.elbo).toBeGreaterThan(metrics[0]!.elbo + 0.2);
    // Every report carries the optimiser's learning rate (constant: nothing schedules it yet).
    expect(metrics.map((m) => m.learningRate)).toEqual(metrics.map(() => 0.01));
  });

  it('keeps the number of live tensors flat across steps', async () => {
    const counts: number[] = [];
    const p = prepareTraining(tinyVae(), '.');
    await train(p, { steps: 60, reportEvery: 10, onEvent: (e) => e.type === 'metrics' && counts.push(tf.memory().numTensors) });
    p.model.dispose();
    expect(counts.length).toBe(6);
    expect(new Set(counts.slice(1)).size).toBe(1);
  });

  it('gives identical metrics for the same graph, seed and backend', async () => {
    const a = await run();
    const b = await run();
    expect(b.metrics).toEqual(a.metrics.map((m) => ({ ...m, stepsPerSec: expect.any(Number) })));
    expect(b.weights).toEqual(a.weights);
    const c = await run(tinyVae({ seed: 4 }));
    expect(c.metrics.at(-1)!.elbo).not.toBe(a.metrics.at(-1)!.elbo);
  });

  it('continues from a checkpoint exactly as an uninterrupted run', async () => {
    const whole = await run(tinyVae(), { steps: 60 });
    const out = mkdtempSync(join(tmpdir(), 'ls-resume-'));
    await run(tinyVae(), { steps: 30, out, checkpointEvery: 30 });
    expect(existsSync(join(out, 'checkpoint', 'checkpoint.json'))).toBe(true);
    const resumed = await run(tinyVae(), { steps: 60, resume: out, out });
    expect(resumed.weights).toEqual(whole.weights);
    expect(resumed.metrics.map((m) => m.elbo)).toEqual(whole.metrics.slice(3).map((m) => m.elbo));
    const csv = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('step,elbo,reconstruction,kl_z,val_elbo');
    expect(csv.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('trains with SGD with momentum and with RMSProp', async () => {
    for (const optimizer of [{ kind: 'sgd' as const, learningRate: 0.01, momentum: 0.9 }, { kind: 'rmsprop' as const, learningRate: 0.003, decay: 0.9, momentum: 0, epsilon: 1e-7 }]) {
      const { metrics } = await run(tinyVae({ duration: { steps: 200 }, optimizer }));
      expect(metrics.at(-1)!.elbo).toBeGreaterThan(metrics[0]!.elbo);
    }
  });

  it('stops on a non-finite objective and names where it appeared', async () => {
    const doc = tinyVae();
    const noise = doc.graph.nodes.find((n) => n.id === 's')!;
    noise.params = { size: 2, init: 1e-30, constraint: 'positive' };
    const out = mkdtempSync(join(tmpdir(), 'ls-nan-'));
    const error = await run(doc, { out }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteError);
    const e = error as NonFiniteError;
    expect(e.step).toBe(1);
    expect(e.where?.nodeName).toBe('x');
    expect(e.where?.quantity).toBe('log-likelihood of observed x');
    expect(e.message).toMatch(/first appeared in log-likelihood of observed x/);
  });

  it('stops after an absurd learning rate, keeping the last good checkpoint', async () => {
    const doc = tinyVae({ optimizer: { kind: 'sgd', learningRate: 10, momentum: 0.9 }, duration: { steps: 400 } });
    const out = mkdtempSync(join(tmpdir(), 'ls-lr-'));
    const error = await run(doc, { out, checkpointEvery: 1 }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteError);
    const e = error as NonFiniteError;
    expect(e.where).not.toBeNull();
    if (e.lastCheckpointStep !== null) {
      const cp = JSON.parse(readFileSync(join(out, 'checkpoint', 'checkpoint.json'), 'utf8'));
      expect(cp.step).toBe(e.lastCheckpointStep);
      expect(cp.step).toBeLessThan(e.step);
    }
  });
});

describe('restoreWeights', () => {
  it("puts a checkpoint's weights into a fresh model, and refuses another graph's without touching the model", async () => {
    const out = mkdtempSync(join(tmpdir(), 'ls-restore-'));
    const trained = await run(tinyVae(), { steps: 20, out, checkpointEvery: 20 });
    const cp = loadCheckpoint(out);
    const fresh = prepareTraining(tinyVae(), '.');
    const before = fresh.model.variables.map((v) => Array.from(v.dataSync()));
    expect(before).not.toEqual(trained.weights);
    const tensors = tf.memory().numTensors;
    restoreWeights(fresh.model, cp, out);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(fresh.model.variables.map((v) => Array.from(v.dataSync()))).toEqual(trained.weights);

    // Same variables as far as the encoder goes, a narrower decoder: nothing may be half restored.
    const narrowDecoder = tinyVae();
    narrowDecoder.graph.nodes.find((n) => n.id === 'dec')!.params.hidden = [8];
    const narrow = prepareTraining(narrowDecoder, '.');
    const narrowBefore = narrow.model.variables.map((v) => Array.from(v.dataSync()));
    expect(() => restoreWeights(narrow.model, cp, out)).toThrow(/belongs to another graph/);
    expect(narrow.model.variables.map((v) => Array.from(v.dataSync()))).toEqual(narrowBefore);
    const otherSeed = prepareTraining(tinyVae({ seed: 4 }), '.');
    expect(() => restoreWeights(otherSeed.model, cp, out)).toThrow(/trained with seed 3, not 4/);
    for (const p of [fresh, narrow, otherSeed]) p.model.dispose();
  });
});

describe('training on other data', () => {
  it('trains a classifier on a CSV file whose classes it learns from the data', async () => {
    const { writeFileSync } = await import('node:fs');
    const { makeGraphFile } = await import('../../../../../shared/graph/index');
    const dir = mkdtempSync(join(tmpdir(), 'ls-csv-'));
    const rows = ['a,b,kind'];
    for (let i = 0; i < 300; i++) {
      const k = i % 3;
      rows.push(`${(k * 2 + Math.sin(i)).toFixed(3)},${(k - 1 + Math.cos(i) * 0.5).toFixed(3)},${['red', 'green', 'blue'][k]}`);
    }
    writeFileSync(join(dir, 'table.csv'), rows.join('\n'));
    const doc = makeGraphFile({
      graph: {
        nodes: [
          { id: 'd', kind: 'data.csv', name: 'table', params: { path: 'table.csv', columns: ['a', 'b'], labelColumn: 'kind' } },
          { id: 'n', kind: 'network.mlp', name: 'net', params: { hidden: [16], heads: [{ name: 'logits', size: 3 }] } },
          { id: 'y', kind: 'dist.categorical', name: 'kind', params: { role: 'observed' } },
        ],
        edges: [
          { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'n', port: 'in' } },
          { id: 'e2', source: { node: 'n', port: 'logits' }, target: { node: 'y', port: 'logits' } },
          { id: 'e3', source: { node: 'd', port: 'label' }, target: { node: 'y', port: 'value' } },
        ],
      },
      training: { batchSize: 32, duration: { steps: 300 }, optimizer: { kind: 'adam', learningRate: 0.01 } },
    });
    const p = prepareTraining(doc, dir);
    const result = await train(p);
    p.model.dispose();
    expect(result.valAccuracy.kind).toBeGreaterThan(0.8);
    const wrong = structuredClone(doc);
    (wrong.graph.nodes[1]!.params.heads as Array<{ size: number }>)[0]!.size = 4;
    expect(() => prepareTraining(wrong, dir)).toThrow(/Categorical kind needs logits of size 3; head 'logits' of net gives 4/);
  });

  it('averages several samples per example', async () => {
    const one = await run(tinyVae({ objective: { kind: 'elbo', samples: 1 } }), { steps: 20 });
    const four = await run(tinyVae({ objective: { kind: 'elbo', samples: 4 } }), { steps: 20 });
    expect(four.metrics.at(-1)!.elbo).not.toBe(one.metrics.at(-1)!.elbo);
    expect(Math.abs(four.metrics.at(-1)!.elbo - one.metrics.at(-1)!.elbo)).toBeLessThan(5);
  });
});
