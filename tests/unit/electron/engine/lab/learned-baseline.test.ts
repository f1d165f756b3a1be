import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BaselineStates } from '../../../../../electron/engine/estimators/baseline-state';
import { runEstimatorLab, type LabReport } from '../../../../../electron/engine/lab/lab';
import { prepareTraining, train, type Prepared } from '../../../../../electron/engine/train/trainer';
import { tinyFactors } from '../../../../helpers/tiny-graphs';
import { row } from './helpers';

// Three binary factors on two moons with a learned baseline b(x) (a 2-8-1 network wired into z's
// baseline port): 8 configurations, so the reference is exact. No shipped template wires a learned
// baseline, so this graph stands in for the factor template here.
let p: Prepared;
let atInit: LabReport;
let trained: LabReport;
const lab = (step: number): LabReport => runEstimatorLab({ doc: p.doc, data: p.data, model: p.model, step, baselines: new BaselineStates() }, { samples: 200, seed: 0, temperatures: [1] });
beforeAll(async () => {
  await initBackend('wasm');
  p = prepareTraining(tinyFactors({ estimator: 'score-function', baseline: 'learned' }), process.cwd());
  atInit = lab(0);
  await train(p, { steps: 300 });
  trained = lab(300);
});
afterAll(() => p.model.dispose());

const ratio = (r: LabReport): number => row(r, 'score-function (none)').variance / row(r, 'score-function (learned)').variance;

describe('the estimator lab on binary factors with a learned baseline b(x)', () => {
  it('leaves the baseline network out of the inference network, and still tries the other estimators', () => {
    expect(atInit.parameters.nodes).toEqual(['encoder']);
    expect(atInit.reference.kind).toBe('exact-enumeration');
    expect(atInit.results.map((r) => r.label)).toEqual([
      'score-function (none)', 'score-function (moving-average)', 'score-function (learned)', 'relaxed τ = 1', 'straight-through τ = 1', 'enumeration',
    ]);
  });

  it('finds an untrained learned baseline no better than none at initialisation (variance ratio none / learned measured 0.89)', () => {
    // b(x) starts as a random network near 0, so it subtracts almost nothing from the learning signal.
    expect(ratio(atInit), `none / learned = ${ratio(atInit).toFixed(2)}`).toBeLessThan(1.5);
  });

  it('lowers the score function variance by a factor above 3 once b(x) has been fitted for 300 steps (measured 4.7)', () => {
    expect(ratio(trained), `none / learned = ${ratio(trained).toFixed(2)}`).toBeGreaterThan(3);
    // And the mean of the baselined estimates points closer to the exact gradient than without one (measured 0.90 against 0.58).
    expect(row(trained, 'score-function (learned)').cosine).toBeGreaterThan(row(trained, 'score-function (none)').cosine);
  });
});
