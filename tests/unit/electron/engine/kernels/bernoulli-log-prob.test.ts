/**
 * The fused Bernoulli log-likelihood kernels (wasm SIMD) against closed forms computed here in
 * float64 — value x·ℓ − softplus(ℓ), ∂/∂ℓ = x − σ(ℓ), ∂/∂x = ℓ — and against tf's unfused
 * formula, for ℓ across ±50 and x ∈ {0, 0.3, 1}; and that Bernoulli.logProb takes the fused path
 * on wasm only where it can.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BERNOULLI_LOG_PROB, BERNOULLI_LOG_PROB_GRAD, bernoulliLogProbFused, hasBernoulliLogProb } from '../../../../../electron/engine/kernels/bernoulli-log-prob';
import { Bernoulli } from '../../../../../electron/engine/distributions';

const U = 2 ** -24; // float32 unit roundoff
const TINY = 2e-38; // terms in exp(−|ℓ|) are dropped beyond |ℓ| = 87; also the subnormal range

/**
 * Closed forms in float64, and the scale each float32 result's error is relative to. The value is
 * evaluated as (x − h)·ℓ − log1p(e^−|ℓ|), h = [ℓ ≥ 0] (x·ℓ − softplus(ℓ) rearranged exactly; x − h
 * is exact): the literal x·ℓ − (max(ℓ, 0) + log1p(e^−|ℓ|)) cancels even in float64, by ulp(ℓ) ≈
 * 4e-15 at ℓ = 24, which is 1e-4 of log σ(24).
 */
function closedForm(x: number, l: number) {
  const h = l >= 0 ? 1 : 0;
  const e = Math.exp(-Math.abs(l));
  const sigma = l >= 0 ? 1 / (1 + e) : e / (1 + e);
  const q = e / (1 + e); // σ(−|ℓ|)
  return {
    value: (x - h) * l - Math.log1p(e),
    dl: l >= 0 ? x - 1 + q : x - sigma, // x − σ(ℓ) without rounding σ to 1
    valueScale: Math.abs((x - h) * l) + Math.log1p(e),
    dlScale: Math.abs(x - h) + q,
  };
}

/** ℓ over [−50, 50] (dense near 0, both signs, exact ±50 and 0) paired with each x. */
function grid(): { x: Float32Array; l: Float32Array } {
  const ls: number[] = [0, -0, 50, -50, 1e-30, -1e-30, 1e-6, -1e-6, 17, -17, 88, -88, 100, -100];
  for (let i = 0; i <= 2000; i++) ls.push(Math.fround(-50 + (100 * i) / 2000));
  for (let i = 1; i <= 200; i++) ls.push(Math.fround(Math.sinh(i / 40) / 10), -Math.fround(Math.sinh(i / 40) / 10));
  const x: number[] = [];
  const l: number[] = [];
  for (const xi of [0, 0.3, 1]) for (const li of ls) {
    x.push(xi);
    l.push(li);
  }
  // 3·n elements: n is odd here, so the vectors' scalar tail is exercised too
  return { x: Float32Array.from(x), l: Float32Array.from(l) };
}

function fusedWithGrads(x: Float32Array, l: Float32Array, dyScale = 1) {
  return tf.tidy(() => {
    const xs = tf.tensor1d(x);
    const ls = tf.tensor1d(l);
    const value = bernoulliLogProbFused(xs, ls);
    const [dx, dl] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mul(bernoulliLogProbFused(a, b), dyScale).sum())([xs, ls]);
    return { value: value.dataSync() as Float32Array, dx: dx!.dataSync() as Float32Array, dl: dl!.dataSync() as Float32Array };
  });
}

function unfusedWithGrads(x: Float32Array, l: Float32Array) {
  return tf.tidy(() => {
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sub(tf.mul(a, b), tf.softplus(b));
    const xs = tf.tensor1d(x);
    const ls = tf.tensor1d(l);
    const [dx, dl] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b).sum())([xs, ls]);
    return { value: f(xs, ls).dataSync() as Float32Array, dx: dx!.dataSync() as Float32Array, dl: dl!.dataSync() as Float32Array };
  });
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('fused Bernoulli log-likelihood on wasm', () => {
  it('is registered for wasm only', async () => {
    expect(hasBernoulliLogProb()).toBe(true);
    expect(tf.getKernel(BERNOULLI_LOG_PROB, 'cpu')).toBeUndefined();
    await tf.setBackend('cpu');
    expect(hasBernoulliLogProb()).toBe(false);
    await tf.setBackend('wasm');
  });

  it('gives x·ℓ − softplus(ℓ) and both gradients within 4 float32 ulps of the closed forms (ℓ in ±50 and beyond, x ∈ {0, 0.3, 1})', () => {
    const { x, l } = grid();
    const dy = 0.75; // a non-unit upstream gradient, exact in float32
    const got = fusedWithGrads(x, l, dy);
    let worst = { value: 0, dl: 0, dx: 0 };
    for (let i = 0; i < x.length; i++) {
      const c = closedForm(x[i]!, l[i]!);
      worst = {
        value: Math.max(worst.value, Math.abs(got.value[i]! - c.value) / (4 * U * c.valueScale + TINY)),
        dl: Math.max(worst.dl, Math.abs(got.dl[i]! - dy * c.dl) / (4 * U * dy * c.dlScale + TINY)),
        dx: Math.max(worst.dx, Math.abs(got.dx[i]! - dy * l[i]!) / (U * Math.abs(dy * l[i]!) + TINY)),
      };
    }
    expect(worst.value).toBeLessThanOrEqual(1);
    expect(worst.dl).toBeLessThanOrEqual(1);
    expect(worst.dx).toBeLessThanOrEqual(1);
  });

  it('keeps the saturated cases exact where the unfused formula cancels', () => {
    const got = fusedWithGrads(Float32Array.from([1, 0, 1, 0]), Float32Array.from([50, -50, 20, -20]));
    // log σ(50) = −softplus(−50) ≈ −e^−50: tiny but not 0 (x·ℓ − softplus(ℓ) = 50 − 50 = 0 unfused)
    expect(got.value[0]! / -Math.exp(-50)).toBeCloseTo(1, 5);
    expect(got.value[1]! / -Math.exp(-50)).toBeCloseTo(1, 5);
    // 1 − σ(20) = σ(−20) ≈ 2.06e-9, not 0
    expect(got.dl[2]! / (1 / (1 + Math.exp(20)))).toBeCloseTo(1, 5);
    expect(got.dl[3]! / (-1 / (1 + Math.exp(20)))).toBeCloseTo(1, 5);
  });

  it('agrees with tf\'s unfused formula within that formula\'s own rounding (absolute, about ulp(|ℓ|))', () => {
    const { x, l } = grid();
    const fused = fusedWithGrads(x, l);
    const unfused = unfusedWithGrads(x, l);
    for (let i = 0; i < x.length; i++) {
      const li = Math.abs(l[i]!);
      if (li > 50) continue; // beyond the asked range tf's own Softplus saturates differently
      expect(Math.abs(fused.value[i]! - unfused.value[i]!)).toBeLessThanOrEqual(4 * U * (li + 1));
      expect(Math.abs(fused.dl[i]! - unfused.dl[i]!)).toBeLessThanOrEqual(4 * U);
      expect(fused.dx[i]).toBe(unfused.dx[i]);
    }
  });

  it.each([1, 2, 3, 4, 5, 7, 1023])('handles n = %i (vectors and the scalar tail alike)', (n) => {
    const x = Float32Array.from({ length: n }, (_, i) => [0, 0.3, 1][i % 3]!);
    const l = Float32Array.from({ length: n }, (_, i) => Math.fround(((i * 37) % 101) - 50 + 0.25));
    const got = fusedWithGrads(x, l);
    for (let i = 0; i < n; i++) {
      const c = closedForm(x[i]!, l[i]!);
      expect(Math.abs(got.value[i]! - c.value)).toBeLessThanOrEqual(4 * U * c.valueScale + TINY);
      expect(Math.abs(got.dl[i]! - c.dl)).toBeLessThanOrEqual(4 * U * c.dlScale + TINY);
      expect(got.dx[i]).toBe(l[i]);
    }
  });

  it('rejects operands that would need broadcasting', () => {
    expect(() => bernoulliLogProbFused(tf.zeros([2, 3]), tf.zeros([1, 3]))).toThrow(/one shape/);
  });
});

describe('Bernoulli.logProb on wasm', () => {
  const kernelsOf = async (fn: () => tf.Tensor) => (await tf.profile(() => fn())).kernels.map((k) => k.name);

  it('uses the fused kernels, forward and backward, for an observation of its logits\' shape', async () => {
    const logits = tf.randomNormal([4, 9], 0, 5, 'float32', 1);
    const x = tf.cast(tf.greater(tf.randomUniform([4, 9], 0, 1, 'float32', 2), 0.5), 'float32');
    const names = await kernelsOf(() => tf.grad((l: tf.Tensor) => new Bernoulli(l).logProb(x).sum())(logits));
    expect(names).toContain(BERNOULLI_LOG_PROB);
    expect(names).toContain(BERNOULLI_LOG_PROB_GRAD);
    expect(names).not.toContain('Softplus');
  });

  it('keeps the tf formula for a broadcast observation, with the same numbers as the fused path', async () => {
    const logits = tf.tensor2d([[0.3, -2, 7]]);
    const x = tf.tensor2d([[1, 0, 1], [0, 0.3, 1]]);
    const names = await kernelsOf(() => new Bernoulli(logits).logProbPerDim(x));
    expect(names).not.toContain(BERNOULLI_LOG_PROB);
    const broadcast = new Bernoulli(logits).logProbPerDim(x).arraySync() as number[][];
    const tiled = new Bernoulli(tf.tile(logits, [2, 1])).logProbPerDim(x).arraySync() as number[][];
    broadcast.flat().forEach((v, i) => expect(v).toBeCloseTo(tiled.flat()[i]!, 5));
  });

  it('passes a gradient to the observation too (a relaxed sample scored under a Bernoulli prior): ∂/∂x = ℓ', () => {
    const logits = tf.tensor2d([[0.5, -1.5, 3]]);
    const x = tf.tensor2d([[0.2, 0.9, 0.5]]);
    const g = tf.grad((v: tf.Tensor) => new Bernoulli(logits).logProb(v).sum())(x);
    expect(Array.from(g.dataSync())).toEqual([0.5, -1.5, 3]);
  });
});
