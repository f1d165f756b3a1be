import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BaselineStates } from '../../../../../electron/engine/estimators/baseline-state';
import { betaAt, createObjective } from '../../../../../electron/engine/objectives/index';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { loadCheckpoint } from '../../../../../electron/engine/train/checkpoint';
import { prepareTraining, train, type MetricsEvent } from '../../../../../electron/engine/train/trainer';
import type { GraphFile } from '../../../../../shared/graph/index';
import { tinyFactors, tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

async function run(doc: GraphFile, options: Parameters<typeof train>[1] = {}) {
  const p = prepareTraining(doc, '.');
  const metrics: MetricsEvent[] = [];
  const result = await train(p, { reportEvery: 10, ...options, onEvent: (e) => e.type === 'metrics' && metrics.push(e) });
  const weights = p.model.variables.map((v) => Array.from(v.dataSync()));
  p.model.dispose();
  return { result, metrics, weights };
}

/** The gradient of the surrogate with respect to the encoder, flattened, on one batch of the tiny VAE. */
function encoderGradient(doc: GraphFile): number[] {
  const p = prepareTraining(doc, '.');
  const batch = new BatchMaker(p.data.train, p.columns).make(Int32Array.from({ length: 16 }, (_, i) => i));
  const objective = createObjective(doc.training.objective);
  const encoder = p.model.networks.get('enc')!.namedVariables.map(([, v]) => v);
  const out = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => objective.step(p.model.trace(batch, 3), { step: 0, baselines: new BaselineStates() }).loss, encoder);
    return Array.from(tf.concat(encoder.map((v) => tf.reshape(grads[v.name]!, [-1]))).dataSync());
  });
  p.model.dispose();
  return out;
}

describe('ELBO options', () => {
  it('warms β up linearly from 0 and reports it', async () => {
    expect([0, 50, 100, 200].map((s) => betaAt({ beta: 1, warmupSteps: 100 }, s))).toEqual([0, 0.5, 1, 1]);
    expect(betaAt({ beta: 0.5, warmupSteps: 0 }, 7)).toBe(0.5);
    const { metrics } = await run(tinyVae({ objective: { kind: 'elbo', warmupSteps: 40 } }), { steps: 40 });
    // The mean of β over each window of 10 steps: (0 + … + 9)/10/40, then 10 steps later.
    expect(metrics.map((m) => m.scalars.beta)).toEqual([0.1125, 0.3625, 0.6125, 0.8625]);
    // The reported ELBO is the plain bound, whatever β: it is the same number the trainer would report at β = 1.
    expect(metrics.every((m) => Math.abs(m.elbo - (m.reconstruction - Object.values(m.kl).reduce((a, b) => a + b, 0))) < 1e-5)).toBe(true);
  });

  it('free bits per dimension stop the KL pulling the posterior when it is below the floor', () => {
    // With a floor far above the KL, only the reconstruction pulls the encoder: the same gradient as β = 0.
    const floor = encoderGradient(tinyVae({ objective: { kind: 'elbo', freeBits: 50, freeBitsPer: 'dimension' } }));
    const noKl = encoderGradient(tinyVae({ objective: { kind: 'elbo', beta: 0 } }));
    const plain = encoderGradient(tinyVae());
    floor.forEach((g, i) => expect(g).toBeCloseTo(noKl[i]!, 6));
    expect(plain.some((g, i) => Math.abs(g - noKl[i]!) > 1e-4)).toBe(true);
    // Per example too.
    const perExample = encoderGradient(tinyVae({ objective: { kind: 'elbo', freeBits: 50, freeBitsPer: 'example' } }));
    perExample.forEach((g, i) => expect(g).toBeCloseTo(noKl[i]!, 6));
    // A floor of zero is no floor.
    const zero = encoderGradient(tinyVae({ objective: { kind: 'elbo', freeBits: 1e-9, freeBitsPer: 'dimension' } }));
    zero.forEach((g, i) => expect(g).toBeCloseTo(plain[i]!, 5));
  });

  it('trains with the importance-weighted bound and reports it above the ELBO', async () => {
    const { metrics } = await run(tinyVae({ objective: { kind: 'iwae', samples: 8 }, duration: { steps: 200 }, optimizer: { kind: 'adam', learningRate: 0.01 } }), { reportEvery: 50 });
    expect(metrics.at(-1)!.elbo).toBeGreaterThan(metrics[0]!.elbo + 0.2);
    for (const m of metrics) expect(m.scalars.iwae).toBeGreaterThan(m.elbo);
  });

  it('resumes a score-function run exactly, its running baseline kept in the checkpoint', async () => {
    const doc = tinyFactors({ estimator: 'score-function', baseline: 'moving-average' });
    const whole = await run(doc, { steps: 60 });
    expect(whole.metrics[0]!.scalars['baseline/z']).toEqual(expect.any(Number));
    const out = mkdtempSync(join(tmpdir(), 'ls-sf-resume-'));
    await run(doc, { steps: 30, out, checkpointEvery: 30 });
    expect(loadCheckpoint(out).baselines?.z?.updates).toBe(30);
    const resumed = await run(doc, { steps: 60, resume: out, out });
    expect(resumed.weights).toEqual(whole.weights);
    expect(resumed.metrics.map((m) => [m.elbo, m.scalars['baseline/z']])).toEqual(whole.metrics.slice(3).map((m) => [m.elbo, m.scalars['baseline/z']]));
  });
});
