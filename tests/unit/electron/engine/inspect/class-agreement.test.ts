import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { subset } from '../../../../../electron/engine/data/dataset';
import { classAgreement } from '../../../../../electron/engine/inspect/index';
import { prepareTraining, train, type Prepared } from '../../../../../electron/engine/train/trainer';
import { loadExample } from '../../../../helpers/examples';

// The check of the conditional VAE, made small for CI: the shipped classifier template
// (one epoch) and the shipped CVAE template (its 2-D latent, the label into both networks), both
// on the first 5,000 training digits, the CVAE's hidden layers cut to 64 units and 600 steps.
// Digits drawn for label k (z ~ N(0, I), the decoder's means) must be classified as k far above
// chance (10%). Measured (seed 0, wasm): classifier accuracy 89.4% on the 10,000 held-out digits,
// agreement 65.4% of 500 draws; the threshold, 40%, leaves 25 points of margin and is 4× chance.
// A decoder that ignored the label would sit near 10%. About 17 s in all (load average 7). The
// full run (60,000 digits, both templates as shipped; 97.8%, in the README) is
// `npx tsx bench/cvae-label-accuracy.ts`.
const LIMIT = 5000;
let classifier: Prepared;
let cvae: Prepared;
let classifierAccuracy = 0;

/** Training evaluates on the held-out split; its first 1,000 digits are enough here (and cheaper than 10,000). */
function withSmallHeldOut(p: Prepared): Prepared {
  return { ...p, data: { ...p.data, heldOut: subset(p.data.heldOut, Array.from({ length: 1000 }, (_, i) => i)) } };
}

beforeAll(async () => {
  await initBackend('wasm');
  const c = loadExample('classifier-mnist');
  c.graph.nodes.find((n) => n.id === 'mnist')!.params.limit = LIMIT;
  classifier = withSmallHeldOut(prepareTraining(c, '.', 0));
  classifierAccuracy = (await train(classifier, { epochs: 1 })).valAccuracy.label!;
  const v = loadExample('cvae-mnist');
  const node = (id: string) => v.graph.nodes.find((n) => n.id === id)!;
  node('mnist').params.limit = LIMIT;
  node('encoder').params = { ...node('encoder').params, hidden: [64] };
  node('decoder').params = { ...node('decoder').params, hidden: [64] };
  cvae = withSmallHeldOut(prepareTraining(v, '.', 0));
  await train(cvae, { steps: 600 });
}, 600_000);

afterAll(() => {
  classifier?.model.dispose();
  cvae?.model.dispose();
});

describe('the conditional VAE draws the digit it is asked for', () => {
  it('digits drawn for label k are classified as k by the classifier template, well above chance', () => {
    expect(classifierAccuracy).toBeGreaterThan(0.85);
    const before = tf.memory().numTensors;
    const a = classAgreement(cvae.model, 'x', classifier.model, { perClass: 50, seed: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.draws).toBe(50);
    expect(a.perClass).toHaveLength(10);
    expect(a.rate).toBeCloseTo(a.perClass.reduce((x, y) => x + y, 0) / 10, 12);
    expect(a.rate).toBeGreaterThan(0.4);
  });

  it('refuses a model whose variable reads no class column, and a classifier with a latent', () => {
    expect(() => classAgreement(cvae.model, 'x', cvae.model, { perClass: 1, seed: 0 })).toThrow(/the classifier must be a model with no latent/);
    expect(() => classAgreement(cvae.model, 'nope', classifier.model, { perClass: 1, seed: 0 })).toThrow(/no observed variable nope/);
  });
});
