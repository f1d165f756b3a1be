import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { prepareTraining } from '../../../../../electron/engine/train/trainer';
import { tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('ELBO gradients', () => {
  it('match central finite differences on a tiny VAE (reparameterised latent, closed-form KL, learnable scale)', () => {
    const p = prepareTraining(tinyVae({}, [3]), '.');
    const batch = new BatchMaker(p.data.train, p.columns).make(Int32Array.from({ length: 16 }, (_, i) => i * 3));
    const seed = 12345;
    const loss = () => tf.neg(tf.mean(p.model.run(batch, seed).elbo)) as tf.Scalar;
    const named = p.model.namedVariables;
    const { grads } = tf.variableGrads(loss, named.map(([, v]) => v));
    const eps = 1e-2;
    let checked = 0;
    for (const [name, v] of named) {
      const analytic = grads[v.name]!.dataSync();
      const values = v.dataSync().slice();
      // A few entries of every variable: first, middle, last.
      for (const i of new Set([0, Math.floor(values.length / 2), values.length - 1])) {
        const at = (delta: number) => {
          const copy = values.slice();
          copy[i] = values[i]! + delta;
          v.assign(tf.tensor(copy, v.shape));
          return tf.tidy(() => loss().dataSync()[0]!);
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        v.assign(tf.tensor(values, v.shape));
        expect(Math.abs(analytic[i]! - numeric), `${name}[${i}]: analytic ${analytic[i]}, numeric ${numeric}`).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // The gradient is not trivially zero.
    expect(Object.values(grads).some((g) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]!) > 1e-3)).toBe(true);
    p.model.dispose();
  });
});
