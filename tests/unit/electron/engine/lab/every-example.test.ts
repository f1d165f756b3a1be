import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { LabError, runEstimatorLab } from '../../../../../electron/engine/lab/lab';
import type { ExampleName } from '../../../../helpers/examples';
import { subjectOf } from './helpers';

// The lab on every shipped template at initialisation, made cheap (R = 2 on 16 examples, a small
// reference): each gives a row for every estimator its latents allow, finite statistics, and the
// reference the issue asks for (exact where the support is small); the classifier, which has no
// latent, is refused with the reason.
const EXPECTED: Record<ExampleName, { estimators: string[]; reference: string } | 'no latent'> = {
  'vae-mnist': { estimators: ['reparameterisation', 'score-function'], reference: 'reparameterised-mean' },
  'vae-two-moons': { estimators: ['reparameterisation', 'score-function'], reference: 'reparameterised-mean' },
  'kumaraswamy-beta-mnist': { estimators: ['reparameterisation', 'score-function'], reference: 'reparameterised-mean' },
  'gumbel-vae-mnist': { estimators: ['score-function', 'relaxed', 'straight-through'], reference: 'score-function-mean' },
  'factors-mnist': { estimators: ['score-function', 'relaxed', 'straight-through'], reference: 'score-function-mean' },
  'mixture-enumeration': { estimators: ['score-function', 'relaxed', 'straight-through', 'enumeration'], reference: 'exact-enumeration' },
  'classifier-mnist': 'no latent',
  'regressor-sine': 'no latent',
  'maf-two-moons': 'no latent',
  'bow-vae-text': { estimators: ['reparameterisation', 'score-function'], reference: 'reparameterised-mean' },
  'cvae-mnist': { estimators: ['reparameterisation', 'score-function'], reference: 'reparameterised-mean' },
  // A global latent is trained by reparameterisation only: the score-function variant is refused.
  'advi-weibull-poisson': { estimators: ['reparameterisation'], reference: 'reparameterised-mean' },
  // An IAF posterior's log q is known along its own draws only: the score-function variant is refused.
  'iaf-vae-mnist': { estimators: ['reparameterisation'], reference: 'reparameterised-mean' },
  'sentence-vae-text': { estimators: ['reparameterisation', 'score-function'], reference: 'reparameterised-mean' },
  // y is observed where its label is known, by enumeration only; z beside an enumerated y is not scored.
  'm2-mnist': { estimators: ['enumeration', 'reparameterisation'], reference: 'reparameterised-mean' },
};

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the estimator lab on every shipped example', () => {
  it('covers every file of assets/examples', () => {
    const files = readdirSync(fileURLToPath(new URL('../../../../../assets/examples', import.meta.url))).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED) as Array<[ExampleName, (typeof EXPECTED)[ExampleName]]>) {
    it(expected === 'no latent' ? `${name}: refused, with the reason` : `${name}: ${expected.estimators.join(', ')} against a ${expected.reference} reference`, () => {
      const subject = subjectOf(name);
      try {
        const run = () => runEstimatorLab(subject, { samples: 2, seed: 0, batchSize: 16, referenceDraws: 16, temperatures: [0.5] });
        if (expected === 'no latent') {
          expect(run).toThrow(LabError);
          expect(run).toThrow(/no latent variable/);
          return;
        }
        const report = run();
        expect(report.reference.kind).toBe(expected.reference);
        expect([...new Set(report.results.map((r) => r.variant.estimator))]).toEqual(expected.estimators);
        if (name === 'sentence-vae-text') {
          // q is computed by the Embedding and the GRU encoder: the gradient is taken with respect to both, not the decoder.
          expect([...report.parameters.nodes].sort()).toEqual(['embedding', 'encoder']);
        }
        if (name === 'iaf-vae-mnist') {
          // The flow's MADEs belong to q: the gradient is taken with respect to them and the encoder.
          expect([...report.parameters.nodes].sort()).toEqual(['encoder', 'made1', 'made2']);
          expect(report.skipped.some((k) => k.reason.includes('has a Flow posterior (IAF)'))).toBe(true);
        }
        for (const r of report.results) {
          expect(r.variance, r.label).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(r.variance), r.label).toBe(true);
          expect(Math.abs(r.cosine), r.label).toBeLessThanOrEqual(1 + 1e-9);
          expect(r.msPerEstimate, r.label).toBeGreaterThan(0);
        }
      } finally {
        subject.model.dispose();
      }
    });
  }
});
