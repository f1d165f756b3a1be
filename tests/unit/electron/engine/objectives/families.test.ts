import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining, train, type MetricsEvent } from '../../../../../electron/engine/train/trainer';
import { tinyFamilies } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

const positive = (...names: string[]) => names.map((name) => ({ name, positive: true }));
const locScale = [{ name: 'loc', positive: false }, { name: 'scale', positive: true }];
const logits = [{ name: 'logits', positive: false }];

/** Latent and posterior families the catalog pairs, each with the estimator it trains by. */
const PAIRS = [
  { latent: 'dist.beta', posterior: 'dist.kumaraswamy', ports: positive('concentration1', 'concentration0'), prior: { concentration1: 1, concentration0: 5 } },
  { latent: 'dist.beta', posterior: 'dist.beta', ports: positive('concentration1', 'concentration0'), estimator: 'score-function' },
  { latent: 'dist.gamma', posterior: 'dist.weibull', ports: positive('scale', 'concentration') },
  { latent: 'dist.gamma', posterior: 'dist.logNormal', ports: locScale },
  { latent: 'dist.laplace', posterior: 'dist.laplace', ports: locScale },
  { latent: 'dist.normal', posterior: 'dist.laplace', ports: locScale },
  { latent: 'dist.relaxedBernoulli', posterior: 'dist.relaxedBernoulli', ports: logits, prior: { temperature: 0.5 } },
  { latent: 'dist.concrete', posterior: 'dist.concrete', ports: logits, prior: { temperature: 0.5 }, size: 4 },
  { latent: 'dist.poisson', posterior: 'dist.poisson', ports: positive('rate'), estimator: 'score-function' },
];

describe('latents of every family', () => {
  it.each(PAIRS)('$latent with a $posterior posterior trains: finite, rising ELBO', async (pair) => {
    const p = prepareTraining(tinyFamilies(pair, { duration: { steps: 100 } }), '.');
    const elbos: number[] = [];
    await train(p, { steps: 100, reportEvery: 20, onEvent: (e) => e.type === 'metrics' && elbos.push((e as MetricsEvent).elbo) });
    p.model.dispose();
    expect(elbos.every(Number.isFinite)).toBe(true);
    // The mean of the last two reports against the first: two moons are fitted far better than at initialisation.
    const last = (elbos.at(-1)! + elbos.at(-2)!) / 2;
    expect(last).toBeGreaterThan(elbos[0]! + 0.5);
  });
});
