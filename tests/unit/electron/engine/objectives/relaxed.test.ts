import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { prepareTraining, train, type MetricsEvent } from '../../../../../electron/engine/train/trainer';
import { tinyFactors, tinyMixture } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

function samplesOf(estimator: string, mode: 'train' | 'honest', latent: Record<string, unknown> = {}) {
  const p = prepareTraining(tinyMixture({ estimator, latent }), '.');
  const batch = new BatchMaker(p.data.train, p.columns).make(Int32Array.from({ length: 64 }, (_, i) => i));
  const values = tf.tidy(() => p.model.trace(batch, 11, { mode }).latents[0]!.value.arraySync() as number[][]);
  p.model.dispose();
  return values;
}

const isOneHot = (row: number[]) => row.filter((v) => v === 1).length === 1 && row.every((v) => v === 0 || v === 1);

describe('relaxed and straight-through estimators', () => {
  it('pass relaxed points of the simplex while training, and the discrete draw of the same noise when reporting', () => {
    const soft = samplesOf('relaxed', 'train');
    const hard = samplesOf('relaxed', 'honest');
    expect(soft.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5 && row.every((v) => v > 0 && v < 1))).toBe(true);
    expect(hard.every(isOneHot)).toBe(true);
    // The discrete draw is the argmax of the relaxed one.
    soft.forEach((row, i) => expect(hard[i]![row.indexOf(Math.max(...row))]).toBe(1));
  });

  it('move toward the vertices as the temperature falls', () => {
    const spread = (tau: number) => {
      const soft = samplesOf('relaxed', 'train', { temperature: tau, temperatureMin: tau });
      return soft.reduce((s, row) => s + Math.max(...row), 0) / soft.length;
    };
    expect(spread(0.1)).toBeGreaterThan(spread(1));
    expect(spread(0.1)).toBeGreaterThan(0.95);
  });

  it('straight-through passes one-hot values forward whatever the mode', () => {
    expect(samplesOf('straight-through', 'train').every(isOneHot)).toBe(true);
  });

  it('anneal the temperature and report it', async () => {
    const doc = tinyFactors({ estimator: 'relaxed', latent: { temperature: 2, temperatureMin: 0.5, temperatureDecay: 0.05 } });
    const p = prepareTraining(doc, '.');
    const metrics: MetricsEvent[] = [];
    await train(p, { steps: 60, reportEvery: 20, onEvent: (e) => e.type === 'metrics' && metrics.push(e) });
    p.model.dispose();
    const tau = (t: number) => Math.max(0.5, 2 * Math.exp(-0.05 * t));
    const windowMean = (from: number) => Array.from({ length: 20 }, (_, i) => tau(from + i)).reduce((a, b) => a + b, 0) / 20;
    metrics.forEach((m, i) => expect(m.scalars['temperature/z']).toBeCloseTo(windowMean(20 * i), 6));
  });

  it('train a model of binary factors: the ELBO rises with each of relaxed, straight-through and the score function', async () => {
    for (const estimator of ['relaxed', 'straight-through', 'score-function']) {
      const p = prepareTraining(tinyFactors({ estimator }, { duration: { steps: 200 } }), '.');
      const metrics: MetricsEvent[] = [];
      await train(p, { reportEvery: 50, onEvent: (e) => e.type === 'metrics' && metrics.push(e) });
      p.model.dispose();
      expect(metrics.at(-1)!.elbo, estimator).toBeGreaterThan(metrics[0]!.elbo + 0.1);
    }
  });
});
