import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BaselineStates } from '../../../../../electron/engine/estimators/baseline-state';
import { createObjective } from '../../../../../electron/engine/objectives/index';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { prepareTraining } from '../../../../../electron/engine/train/trainer';
import { tinyFactors } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

/** The gradient of the objective's surrogate with respect to the encoder's weights, flattened, with S draws per example. */
function encoderGradient(estimator: string, baseline: string | undefined, particles: number, seed: number): number[] {
  const doc = tinyFactors({ estimator, ...(baseline ? { baseline } : {}) }, { objective: { kind: 'elbo', samples: particles } });
  const p = prepareTraining(doc, '.');
  const batch = new BatchMaker(p.data.train, p.columns).make(Int32Array.from({ length: 8 }, (_, i) => i * 13));
  const objective = createObjective(doc.training.objective);
  const encoder = p.model.networks.get('enc')!.namedVariables.map(([, v]) => v);
  const flat = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => objective.step(p.model.trace(batch, seed, { particles: objective.particles }), { step: 0, baselines: new BaselineStates() }).loss, encoder);
    return Array.from(tf.concat(encoder.map((v) => tf.reshape(grads[v.name]!, [-1]))).dataSync());
  });
  p.model.dispose();
  return flat;
}

const norm = (a: number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (norm(a) * norm(b));

describe('the score-function estimator', () => {
  // The exact gradient of the ELBO: three binary latents have 8 configurations, summed exactly.
  const exact = () => encoderGradient('enumeration', undefined, 1, 1);

  it.each(['none', 'moving-average', 'leave-one-out'])('is unbiased with baseline %s: 1,000 draws per example average to the exact gradient', (baseline) => {
    const reference = exact();
    const estimate = encoderGradient('score-function', baseline, 1000, 99);
    // Measured (seed 99): cosine 0.990 / 0.986 / 0.998 and norm error 5.9 % / 0.7 % / 0.1 % for
    // none / moving-average / leave-one-out; the bounds leave room for Monte Carlo noise only.
    expect(cosine(estimate, reference)).toBeGreaterThan(0.97);
    expect(Math.abs(norm(estimate) - norm(reference)) / norm(reference)).toBeLessThan(0.12);
  });

  it('has a lower variance with the leave-one-out baseline than with none (20 single-draw estimates each)', () => {
    const spread = (baseline: string) => {
      const draws = Array.from({ length: 20 }, (_, i) => encoderGradient('score-function', baseline, 2, 1000 + i));
      const mean = draws[0]!.map((_, j) => draws.reduce((s, d) => s + d[j]!, 0) / draws.length);
      return draws.reduce((s, d) => s + d.reduce((t, x, j) => t + (x - mean[j]!) ** 2, 0), 0) / draws.length;
    };
    expect(spread('leave-one-out')).toBeLessThan(spread('none'));
  });
});
