import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../electron/engine/backend';
import { loadExample } from '../../helpers/examples';
import { trainBriefly, variant } from '../../helpers/example-training';
import { learntMixture, meanExactElbo, points, posteriorLogProbs } from './mixture-reference';

beforeAll(async () => {
  await initBackend('wasm');
});

/** The exact held-out ELBO (computed here from the learnt weights) after `steps` steps with c's estimator set to `estimator`. */
async function heldOutElboAfter(estimator: 'enumeration' | 'score-function', seed: number, steps: number): Promise<number> {
  const doc = variant(loadExample('mixture-enumeration'), { params: { c: { estimator } }, training: { duration: { steps }, evalEvery: steps, seed } });
  const { prepared } = await trainBriefly(doc);
  const xs = points(prepared.data.heldOut);
  const elbo = meanExactElbo(learntMixture(prepared, 4), xs, posteriorLogProbs(prepared, xs));
  prepared.model.dispose();
  return elbo;
}

describe('mixture-enumeration: exact enumeration against the score function', () => {
  it('reaches a better held-out ELBO in the same 500 steps (seeds 0, 1, 2)', async () => {
    // Both leave the symmetric start (ELBO ≈ −3.57) after 300–500 steps; enumeration, whose
    // gradient has no sampling noise, then reaches the optimum (≈ −1.85) first. The score function
    // keeps the example's moving-average baseline. Measured at 500 steps (exact held-out ELBO):
    //   seed 0: enumeration −1.849, score function −1.954 (margin 0.105)
    //   seed 1: −1.853, −3.546 (1.69);  seed 2: −1.888, −2.856 (0.97)
    // (Not every seed: at seed 4 both are still leaving the start, −2.698 and −2.717; by 1,000
    // steps the two are level at about −1.85.)
    const margins: number[] = [];
    for (const seed of [0, 1, 2]) margins.push((await heldOutElboAfter('enumeration', seed, 500)) - (await heldOutElboAfter('score-function', seed, 500)));
    for (const m of margins) expect(m).toBeGreaterThan(0.05);
    expect(margins.reduce((a, b) => a + b) / margins.length).toBeGreaterThan(0.3);
  }, 120_000);
});
