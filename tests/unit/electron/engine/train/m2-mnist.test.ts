import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { subset } from '../../../../../electron/engine/data/dataset';
import { prepareTraining, train, type Prepared } from '../../../../../electron/engine/train/trainer';
import type { GraphFile } from '../../../../../shared/graph/index';
import { loadExample } from '../../../../helpers/examples';

// The semi-supervised VAE template made small for CI: hidden layers cut to HIDDEN units, the first
// LIMIT training digits of which LABELLED keep their label (10 of each digit), LABELLED_PER_BATCH
// of them in each batch of BATCH, STEPS steps from seed 0, evaluated on the first HELD_OUT test
// digits. Beside it, the classifier template on the same labelled digits alone (unlabelled: drop),
// for the same steps. The full-size comparison (1,000 labels, 60,000 digits) is
// `npx tsx bench/m2-mnist.ts`.
const HIDDEN = 128;
const LIMIT = 10_000;
const LABELLED = 100;
const LABELLED_PER_BATCH = 16;
const BATCH = 64;
const STEPS = 250;
const HELD_OUT = 1000;

function small(doc: GraphFile, labels: Record<string, unknown>): Prepared {
  const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
  node('mnist').params = { ...node('mnist').params, limit: LIMIT, labelled: LABELLED, labelSeed: 0, ...labels };
  for (const n of doc.graph.nodes) if (n.kind === 'network.mlp') n.params = { ...n.params, hidden: [HIDDEN] };
  doc.training = { ...doc.training, batchSize: BATCH };
  const p = prepareTraining(doc, '.', 0);
  return { ...p, data: { ...p.data, heldOut: subset(p.data.heldOut, Array.from({ length: HELD_OUT }, (_, i) => i)) } };
}

let m2: { accuracy: number; valElbo: number; initialElbo: number; seconds: number };
let classifier: { accuracy: number; seconds: number };

beforeAll(async () => {
  await initBackend('wasm');
  let t = performance.now();
  const c = small(loadExample('classifier-mnist'), { unlabelled: 'drop' });
  const rc = await train(c, { steps: STEPS });
  classifier = { accuracy: rc.valAccuracy.label!, seconds: (performance.now() - t) / 1000 };
  c.model.dispose();
  t = performance.now();
  const p = small(loadExample('m2-mnist'), { labelledPerBatch: LABELLED_PER_BATCH });
  let initialElbo = Number.NaN;
  const r = await train(p, { steps: STEPS, onEvent: (e) => { if (e.type === 'metrics' && Number.isNaN(initialElbo)) initialElbo = e.elbo; } , reportEvery: 10 });
  m2 = { accuracy: r.valAccuracy.y!, valElbo: r.valElbo, initialElbo, seconds: (performance.now() - t) / 1000 };
  p.model.dispose();
  console.info(`M2 (${LABELLED} labels): held-out accuracy ${(100 * m2.accuracy).toFixed(2)}%, held-out ELBO ${m2.valElbo.toFixed(2)} (first steps ${initialElbo.toFixed(2)}), ${m2.seconds.toFixed(1)} s; classifier on the ${LABELLED} labels alone: ${(100 * classifier.accuracy).toFixed(2)}%, ${classifier.seconds.toFixed(1)} s`);
}, 180_000);

// Measured (seed 0, wasm, 2026-12-03, another training job on the 2 cores): M2 76.10% held-out
// accuracy, held-out ELBO −145.70 against −412.55 over the first 10 steps, 32 s (the whole file
// 36 s); the classifier on the 100 labels alone 71.20% in 2 s.
describe('the semi-supervised VAE (M2) on MNIST, small', () => {
  it('learns to classify from 100 labels: q(y | x) is right on most held-out digits', () => {
    // Chance is 10%; 65% leaves room for seeds and backends below the measured 76.10%.
    expect(m2.accuracy).toBeGreaterThan(0.65);
  });

  it('beats the classifier trained on the same labelled digits alone', () => {
    // Measured 76.10% against 71.20%. On 1,000 held-out digits the standard error of the
    // difference is about 2 points, so this margin is not overwhelming: the run is deterministic (seed 0),
    // and a change that loses the unlabelled digits' help shows here first; the bench measures it in full.
    expect(m2.accuracy).toBeGreaterThan(classifier.accuracy);
  });

  it('learns the digits: the held-out bound rises far above where it starts', () => {
    // Measured: a rise of 266.85 nats.
    expect(m2.valElbo - m2.initialElbo).toBeGreaterThan(100);
  });
});
