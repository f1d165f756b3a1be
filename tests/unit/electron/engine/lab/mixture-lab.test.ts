import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { LabError, runEstimatorLab, type LabReport, type LabSubject } from '../../../../../electron/engine/lab/lab';
import { row, subjectOf } from './helpers';

// The mixture template: c ∈ {1…4} with q(c | x) from a 2-32-4 encoder, so the exact gradient is
// one enumeration pass and every estimate costs a few milliseconds.
let subject: LabSubject;
let report: LabReport;
beforeAll(async () => {
  await initBackend('wasm');
  subject = subjectOf('mixture-enumeration');
  report = runEstimatorLab(subject, { samples: 200, seed: 0, temperatures: [0.1, 2] });
});
afterAll(() => subject.model.dispose());

describe('the estimator lab on the mixture template (exact reference)', () => {
  it('names the inference network and an exact reference by enumeration', () => {
    expect(report.parameters.nodes).toEqual(['encoder']);
    expect(report.parameters.names).toEqual(['encoder/dense_0/kernel', 'encoder/dense_0/bias', 'encoder/heads/kernel', 'encoder/heads/bias']);
    expect(report.parameters.size).toBe(2 * 32 + 32 + 32 * 4 + 4);
    expect(report.reference.kind).toBe('exact-enumeration');
    expect(report.reference.description).toBe('exact: enumeration over the 4 configurations of c');
    expect(report.results.map((r) => r.label)).toEqual([
      'score-function (none)', 'score-function (moving-average)', 'relaxed τ = 0.1', 'relaxed τ = 2',
      'straight-through τ = 0.1', 'straight-through τ = 2', 'enumeration',
    ]);
    // Leave-one-out needs 2 samples per example, a learned baseline a wired network: the analysis says so.
    expect(report.skipped.map((s) => s.label)).toEqual(['score-function (standardised)', 'score-function (leave-one-out)', 'score-function (learned)']);
    expect(report.skipped[1]!.reason).toMatch(/samples to 2 or more/);
  });

  it('gives the enumeration row zero variance and the exact direction', () => {
    const e = row(report, 'enumeration');
    expect(e.variance).toBe(0);
    expect(e.cosine).toBeCloseTo(1, 6);
  });

  it('measures Gumbel-softmax at τ = 0.1 with a larger variance and a smaller bias than at τ = 2 (not the other way round)', () => {
    // Measured here (R = 200, seed 0): variance 1.3e-3 at τ = 0.1 against 3.6e-6 at τ = 2 (about
    // 360×); 1 − cosine to the exact gradient 5e-4 at τ = 0.1 against 0.22 at τ = 2. A low
    // temperature is nearly the discrete draw (little bias) with steep gradients (much variance),
    // as Jang et al. (2017) and Maddison et al. (2017) describe; issue 11 states the reverse.
    const cold = row(report, 'relaxed τ = 0.1');
    const hot = row(report, 'relaxed τ = 2');
    expect(cold.variance / hot.variance, `variance ratio τ=0.1 / τ=2 = ${(cold.variance / hot.variance).toFixed(0)}`).toBeGreaterThan(50);
    const biasCold = 1 - cold.cosine;
    const biasHot = 1 - hot.cosine;
    expect(biasHot / biasCold, `bias 1 − cos: τ=0.1 ${biasCold.toFixed(4)}, τ=2 ${biasHot.toFixed(4)}`).toBeGreaterThan(10);
    expect(biasHot).toBeGreaterThan(0.1);
  });

  it('lowers the score function variance by subtracting the batch-mean baseline (moving average at step 0)', () => {
    // At step 0 the moving average has no history, so the engine subtracts the batch mean of the
    // learning signal (its first update sets the average to it). Measured: 8.9e-3 → 8.5e-4, a factor ≈ 10.6.
    const none = row(report, 'score-function (none)');
    const ma = row(report, 'score-function (moving-average)');
    expect(none.variance / ma.variance, `factor ${(none.variance / ma.variance).toFixed(1)}`).toBeGreaterThan(5);
  });

  it('converges to the exact gradient with the unbiased score function: cosine > 0.999 after 1,000 estimates', () => {
    // The mean of R unbiased estimates tends to the exact gradient; the relaxed estimate at τ = 2
    // does not (its bias above stays ≈ 0.22). The tolerance: 1 − cos < 1e-3 at R = 1,000 (measured 8e-5)
    // and the norm within 3% (measured 0.992 of the exact one).
    const r = runEstimatorLab(subject, { samples: 1000, seed: 1, estimators: ['score-function'] });
    const ma = row(r, 'score-function (moving-average)');
    expect(1 - ma.cosine).toBeLessThan(1e-3);
    expect(ma.meanNorm / r.reference.norm).toBeGreaterThan(0.97);
    expect(ma.meanNorm / r.reference.norm).toBeLessThan(1.03);
  });

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    runEstimatorLab(subject, { samples: 3, seed: 2, temperatures: [1] });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a model without latents, naming why', () => {
    const classifier = subjectOf('classifier-mnist', (_doc, node) => {
      node('mnist').params.limit = 100;
    });
    expect(() => runEstimatorLab(classifier, { samples: 2, seed: 0 })).toThrow(LabError);
    expect(() => runEstimatorLab(classifier, { samples: 2, seed: 0 })).toThrow(/no latent variable/);
    classifier.model.dispose();
  });
});
