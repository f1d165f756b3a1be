import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLoadHandler } from '../../../../../electron/engine/export/node-file-io';
import { cli, jsonLines } from '../../../../helpers/cli';
import { examplePath } from '../../../../helpers/examples';

describe('the MNIST examples, trained by the CLI', () => {
  it('vae-mnist passes a training ELBO of −100 nats within 2,000 steps (seeded, wasm) and exports its networks', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ls-vae-'));
    const r = cli(['train', examplePath('vae-mnist.json'), '--steps', '2000', '--seed', '0', '--backend', 'wasm', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    const metrics = lines.filter((l) => l.type === 'metrics');
    expect(metrics[0]).toEqual({ type: 'metrics', step: 50, elbo: expect.any(Number), reconstruction: expect.any(Number), kl: { z: expect.any(Number) }, learningRate: 0.001, stepsPerSec: expect.any(Number) });
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ type: 'done', steps: 2000, backend: 'wasm' });
    expect(done.elbo).toBeGreaterThan(-100);
    expect(done.valElbo).toBeGreaterThan(-105);
    for (const net of ['encoder', 'decoder']) expect(existsSync(join(out, net, 'model.json'))).toBe(true);
    const decoder = await tf.loadLayersModel(fileLoadHandler(join(out, 'decoder', 'model.json')));
    // Outputs: the logits head, then the mean of x it parameterises (sigmoid), pixel probabilities.
    expect(decoder.outputNames).toEqual(['logits', 'x_mean']);
    const [logits, mean] = decoder.predict(tf.randomNormal([3, 20])) as tf.Tensor[];
    expect(logits!.shape).toEqual([3, 784]);
    expect(mean!.shape).toEqual([3, 784]);
    const p = mean!.dataSync();
    expect(Math.min(...p)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...p)).toBeLessThanOrEqual(1);
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8').split('\n')[0]).toBe('step,elbo,reconstruction,kl_z,val_elbo');
  }, 900_000);

  it('classifier-mnist reaches at least 96% test accuracy after one epoch', () => {
    const r = cli(['train', examplePath('classifier-mnist.json'), '--epochs', '1', '--backend', 'wasm', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const done = jsonLines(r.stdout).at(-1)!;
    expect(done.type).toBe('done');
    expect(done.valAccuracy.label).toBeGreaterThanOrEqual(0.96);
  }, 900_000);
});
