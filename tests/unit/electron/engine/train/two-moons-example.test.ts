import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining, train } from '../../../../../electron/engine/train/trainer';
import { loadExample } from '../../../../helpers/examples';
import { gaussianLogLikelihood } from '../../../../helpers/best-gaussian';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the two-moons VAE example', () => {
  it('beats the best single Gaussian on held-out data within 1,500 steps (a lower bound above a likelihood)', async () => {
    const p = prepareTraining(loadExample('vae-two-moons'), '.');
    const gaussian = gaussianLogLikelihood(p.data.train.columns.x!.values, p.data.heldOut.columns.x!.values);
    // Two moons of radius 1, noise 0.08: the best Gaussian scores −1.93 nats (seeded data).
    expect(gaussian).toBeLessThan(-1.8);
    const r = await train(p, { steps: 1500 });
    p.model.dispose();
    // The ELBO is a lower bound on the log-likelihood: above the Gaussian's likelihood means the
    // model's likelihood is above it too.
    expect(r.valElbo).toBeGreaterThan(gaussian + 0.2);
  }, 120_000);
});
