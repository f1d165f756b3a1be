import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { Bernoulli, logSigmoid } from '../../../../../electron/engine/distributions';
import {
  BACKENDS,
  column,
  disposeAll,
  expectClose,
  expectFinite,
  meanOf,
  paramTensors,
  read,
  tensorFrom,
  torchReference,
  useBackend,
  values,
  expectOneTensorEachNoLeaks,
  expectMatchesTorch,
} from './support';

/** log(1 + e^x) in float64, stable for large |x|. */
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

describe.each(BACKENDS)('Bernoulli on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(torchReference.bernoulli)('matches torch.distributions log_prob, entropy and mean: $name', (c) => {
    const params = paramTensors(c.params);
    const value = tensorFrom(c.value);
    const d = new Bernoulli(params.logits as tf.Tensor);
    expectMatchesTorch(d, value, c, 1e-6, 1e-7);
    disposeAll(params);
    value.dispose();
  });

  it('gives log p = −softplus(−ℓ) for x = 1 and log(1 − p) = −softplus(ℓ) for x = 0, summed over the event', () => {
    const l = [-3, -0.5, 0, 1.2, 4];
    const x = [1, 0, 1, 0, 1];
    const expected = l.reduce((s, li, i) => s - (x[i] === 1 ? softplus(-li) : softplus(li)), 0);
    tf.tidy(() => {
      const d = new Bernoulli(tf.tensor1d(l));
      expectClose(values(d.logProb(tf.tensor1d(x))), [expected]);
    });
  });

  it('gives x·ℓ − softplus(ℓ) for soft targets in [0, 1]', () => {
    const l = [2, -1, 0.5];
    const x = [0.2, 0.9, 0.5];
    const expected = l.reduce((s, li, i) => s + (x[i] as number) * li - softplus(li), 0);
    tf.tidy(() => {
      expectClose(values(new Bernoulli(tf.tensor2d([l])).logProb(tf.tensor2d([x]))), [expected]);
    });
  });

  it('gives the entropy of a fair coin as log 2 per dimension', () => {
    tf.tidy(() => {
      expectClose(values(new Bernoulli(tf.zeros([2, 3])).entropy()), [3 * Math.log(2), 3 * Math.log(2)]);
    });
  });

  it('returns [B] from logProb for a [B, n] value against shared [n] logits, and [1] from entropy', () => {
    tf.tidy(() => {
      const d = new Bernoulli(tf.tensor1d([0.1, -0.3, 2]));
      expect(d.eventSize).toBe(3);
      expect(d.batchSize).toBe(1);
      expect(d.logProb(tf.ones([7, 3])).shape).toEqual([7]);
      expect(d.entropy().shape).toEqual([1]);
      expect(d.mean().shape).toEqual([1, 3]);
    });
  });

  it('accepts int32 and boolean-valued observations', () => {
    tf.tidy(() => {
      const d = new Bernoulli(tf.tensor2d([[0.3, -1.1]]));
      const asFloat = values(d.logProb(tf.tensor2d([[1, 0]])));
      expect(values(d.logProb(tf.tensor2d([[1, 0]], undefined, 'int32')))).toEqual(asFloat);
      expect(values(d.logProb(tf.tensor2d([[true, false]] as unknown as number[][], undefined, 'bool')))).toEqual(
        asFloat,
      );
    });
  });

  it('stays finite and exact for logits ±80 in logProb, entropy and their gradients', () => {
    const logits = tf.tensor2d([[80, -80, 20, -20]]);
    const value = tf.tensor2d([
      [1, 0, 1, 0],
      [0, 1, 0, 1],
    ]);
    const d = new Bernoulli(logits);
    // The likely outcomes cost ≈ 0 nats, the unlikely ones ≈ 80 + 80 + 20 + 20.
    expectClose(values(d.logProb(value)), [-2 * softplus(-20), -200], 1e-6, 1e-6);
    expectClose(values(d.entropy()), [2 * (sigmoid(20) * softplus(-20) + sigmoid(-20) * softplus(20))], 1e-3, 1e-12);
    const gLogProb = tf.grad((l: tf.Tensor) => new Bernoulli(l).logProb(value).sum())(logits);
    expectFinite(values(gLogProb));
    const gEntropy = tf.grad((l: tf.Tensor) => new Bernoulli(l).entropy().sum())(logits);
    expectFinite(values(gEntropy));
    tf.dispose([logits, value]);
  });

  it('differentiates logProb w.r.t. the logits as x − σ(ℓ)', () => {
    const l = [-2, 0.3, 1.5, 4];
    const x = [1, 0, 0.25, 1];
    const logits = tf.tensor2d([l]);
    const value = tf.tensor2d([x]);
    const g = tf.grad((t: tf.Tensor) => new Bernoulli(t).logProb(value).sum())(logits);
    expectClose(values(g), x.map((xi, i) => xi - sigmoid(l[i] as number)));
    tf.dispose([logits, value]);
  });

  it('differentiates the entropy w.r.t. the logits as −ℓ·σ(ℓ)σ(−ℓ)', () => {
    const l = [-2, 0.3, 1.5, 4];
    const logits = tf.tensor1d(l);
    const g = tf.grad((t: tf.Tensor) => new Bernoulli(t).entropy().sum())(logits);
    expectClose(values(g), l.map((li) => -li * sigmoid(li) * sigmoid(-li)));
    logits.dispose();
  });

  it('draws 0/1 samples whose mean is σ(ℓ) over 4000 draws', () => {
    const l = [-1.5, 0, 2];
    const logits = tf.tensor2d([l]);
    const draws = read(new Bernoulli(logits).sample(17, 4000));
    expect(draws.shape).toEqual([4000, 3]);
    expect(new Set(draws.values)).toEqual(new Set([0, 1]));
    l.forEach((li, j) => {
      const p = sigmoid(li);
      expect(Math.abs(meanOf(column(draws.values, 3, j)) - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 4000));
    });
    logits.dispose();
  });

  it('draws float32 samples, the same for the same seed and different for another seed', () => {
    tf.tidy(() => {
      const d = new Bernoulli(tf.zeros([50, 4]));
      const s = d.sample(3);
      expect(s.dtype).toBe('float32');
      const a = values(s);
      expect(values(d.sample(3))).toEqual(a);
      expect(values(d.sample(4))).not.toEqual(a);
    });
  });

  it('passes zero gradient through sample and has no rsample', () => {
    const logits = tf.tensor2d([[0.5, -0.5]]);
    const g = tf.grad((t: tf.Tensor) => new Bernoulli(t).sample(1, 8).sum())(logits);
    expect(values(g)).toEqual([0, 0]);
    const d = new Bernoulli(logits);
    expect(d.hasRsample).toBe(false);
    expect(() => d.rsample()).toThrow(/no reparameterised sample/);
    logits.dispose();
  });

  it('computes log σ(ℓ) without underflow for large negative logits', () => {
    tf.tidy(() => {
      expectClose(values(logSigmoid(tf.tensor1d([-100, 0, 100]))), [-100, -Math.log(2), 0], 1e-6, 1e-7);
    });
  });

  it('leaks no tensors: each method returns exactly one tensor, and a tidy around all of them returns to the start', () => {
    const logits = tf.tensor2d([[0.1, 80, -80]]);
    const value = tf.ones([4, 3]);
    const d = new Bernoulli(logits);
    const calls: (() => tf.Tensor)[] = [
      () => d.logProb(value),
      () => d.entropy(),
      () => d.sample(1, 4),
      () => d.mean(),
      () => tf.grad((l: tf.Tensor) => new Bernoulli(l).logProb(value).sum())(logits),
    ];
    expectOneTensorEachNoLeaks(calls);
    tf.dispose([logits, value]);
  });

  it('rejects observations with the wrong event size', () => {
    tf.tidy(() => {
      expect(() => new Bernoulli(tf.zeros([2, 3])).logProb(tf.zeros([2, 2]))).toThrow(/event size 3/);
    });
  });
});
