import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { prepareTraining, train } from '../../../../../electron/engine/train/trainer';
import { tinyMixture } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

/** The mixture's parameters as plain numbers: prior log-probabilities, and each component's mean and scale. */
function mixtureParameters(p: ReturnType<typeof prepareTraining>, K: number) {
  return tf.tidy(() => {
    const prior = tf.logSoftmax(p.model.learnables.get('pi')!.raw.reshape([K])).arraySync() as number[];
    const heads = p.model.networks.get('dec')!.forward(tf.eye(K) as tf.Tensor2D);
    return { logPrior: prior, loc: heads.loc!.arraySync() as number[][], scale: heads.scale!.arraySync() as number[][] };
  });
}

function logNormal(x: number[], loc: number[], scale: number[]): number {
  return x.reduce((s, xi, i) => s - 0.5 * ((xi - loc[i]!) / scale[i]!) ** 2 - Math.log(scale[i]!) - 0.5 * Math.log(2 * Math.PI), 0);
}

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

describe('exact enumeration of a discrete latent', () => {
  it('without a posterior, the ELBO is the exact log-likelihood of the mixture, log Σ_k π_k N(x; μ_k, σ_k²)', async () => {
    const K = 3;
    const p = prepareTraining(tinyMixture({ estimator: 'enumeration', posterior: false }), '.');
    await train(p, { steps: 30 }); // away from the symmetric start
    const idx = Int32Array.from({ length: 12 }, (_, i) => i * 7);
    const batch = new BatchMaker(p.data.train, p.columns).make(idx);
    const xs = batch.x!.arraySync() as number[][];
    const { logPrior, loc, scale } = mixtureParameters(p, K);
    const expected = xs.map((x) => logSumExp(logPrior.map((lp, k) => lp + logNormal(x, loc[k]!, scale[k]!))));
    const elbo = tf.tidy(() => p.model.run(batch, 1).elbo.arraySync() as number[]);
    elbo.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    // The reconstruction and KL are under the exact posterior: they add up to the same number.
    const parts = tf.tidy(() => {
      const t = p.model.run(batch, 1);
      return { rec: t.reconstruction.arraySync() as number[], kl: t.kl.c!.arraySync() as number[] };
    });
    parts.rec.forEach((r, i) => expect(r - parts.kl[i]!).toBeCloseTo(expected[i]!, 4));
    parts.kl.forEach((k) => expect(k).toBeGreaterThanOrEqual(-1e-5));
    p.model.dispose();
  });

  it('with a posterior, the ELBO is the exact expectation Σ_k q_k [log p(x | k) + log π_k − log q_k], and its gradient reaches q', () => {
    const K = 3;
    const p = prepareTraining(tinyMixture({ estimator: 'enumeration' }), '.');
    const idx = Int32Array.from({ length: 10 }, (_, i) => i * 11);
    const batch = new BatchMaker(p.data.train, p.columns).make(idx);
    const xs = batch.x!.arraySync() as number[][];
    const { logPrior, loc, scale } = mixtureParameters(p, K);
    const logQ = tf.tidy(() => tf.logSoftmax(p.model.networks.get('enc')!.forward(batch.x as tf.Tensor2D).logits!).arraySync() as number[][]);
    const expected = xs.map((x, b) => logPrior.reduce((s, lp, k) => s + Math.exp(logQ[b]![k]!) * (logNormal(x, loc[k]!, scale[k]!) + lp - logQ[b]![k]!), 0));
    // Exact, so any seed gives the same number.
    for (const seed of [1, 2]) {
      const elbo = tf.tidy(() => p.model.run(batch, seed).elbo.arraySync() as number[]);
      elbo.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    }
    const encoder = p.model.networks.get('enc')!.namedVariables.map(([, v]) => v);
    const grads = tf.tidy(() => {
      const { grads: g } = tf.variableGrads(() => tf.neg(tf.mean(p.model.run(batch, 1).elbo)) as tf.Scalar, encoder);
      return encoder.map((v) => tf.sum(tf.abs(g[v.name]!)).dataSync()[0]!);
    });
    expect(Math.max(...grads)).toBeGreaterThan(1e-4);
    p.model.dispose();
  });
});
