import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { EULER_GAMMA, digamma, digammaDifference, lgamma, log1p, logBeta, trigamma } from '../../../../../electron/engine/distributions';
import { continuousReference } from './continuous-support';
import { BACKENDS, expectClose, expectFinite, expectOneTensorEachNoLeaks, useBackend, values } from './support';

const ref = continuousReference.special;

/** The zero of ψ: near it only an absolute error is meaningful (ψ(x) ≈ 0.97(x − x₀)). */
const DIGAMMA_ROOT = 1.4616321449683622;

describe.each(BACKENDS)('special functions on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('gives lgamma to 1e-5 relative over [1e-3, 1e4], including next to its zeros at 1 and 2', () => {
    const x = tf.tensor1d(ref.x);
    // Relative only: the absolute floor is far below the values at 1 ± 1e-3 and 2 ± 1e-3 (about 6e-4).
    expectClose(values(lgamma(x)), ref.lgamma, 1e-5, 1e-9);
    x.dispose();
  });

  it('gives digamma to 1e-5 relative over [1e-3, 1e4], and to 1e-6 absolute at its zero', () => {
    const x = tf.tensor1d(ref.x);
    const got = values(digamma(x));
    ref.x.forEach((xi, i) => {
      const e = ref.digamma[i] as number;
      const nearRoot = Math.abs(xi - DIGAMMA_ROOT) < 1e-2;
      expectClose([got[i] as number], [e], nearRoot ? 0 : 1e-5, nearRoot ? 1e-6 : 1e-9);
    });
    x.dispose();
  });

  it('gives trigamma to 1e-5 relative over [1e-3, 1e4]', () => {
    const x = tf.tensor1d(ref.x);
    expectClose(values(trigamma(x)), ref.trigamma, 1e-5, 0);
    x.dispose();
  });

  it('gives log B(a, b) to 1e-5 relative, for lopsided pairs such as (1e4, 1) too', () => {
    const a = tf.tensor1d(ref.log_beta.a);
    const b = tf.tensor1d(ref.log_beta.b);
    expectClose(values(logBeta(a, b)), ref.log_beta.value, 1e-5, 1e-6);
    // Symmetric, and broadcast: a [1, 3] row against a [2, 1] column gives [2, 3].
    expectClose(values(logBeta(b, a)), ref.log_beta.value, 1e-5, 1e-6);
    const row = tf.tensor2d([[0.5, 1, 2]]);
    const col = tf.tensor2d([[1], [3]]);
    const out = logBeta(row, col);
    expect(out.shape).toEqual([2, 3]);
    // B(a, 1) = 1/a; B(1, 3) = 1/3; B(0.5, 3) = 16/15; B(2, 3) = 1/12.
    expectClose(values(out), [Math.log(2), 0, -Math.log(2), Math.log(16 / 15), -Math.log(3), -Math.log(12)]);
    tf.dispose([a, b, row, col]);
  });

  it('gives ψ(x) − ψ(x + y) with relative accuracy also where x is large and y small', () => {
    tf.tidy(() => {
      // ψ(x) − ψ(x + 1) = −1/x exactly; ψ(x) − ψ(x + 2) = −1/x − 1/(x + 1).
      const xs = [0.3, 2, 7.5, 50, 1e4];
      const x = tf.tensor1d(xs);
      expectClose(values(digammaDifference(x, tf.onesLike(x))), xs.map((v) => -1 / Math.fround(v)), 2e-6, 0);
      expectClose(values(digammaDifference(x, tf.fill([5], 2))), xs.map((v) => -1 / v - 1 / (v + 1)), 2e-6, 0);
      // Against the plain difference where that is accurate, with broadcasting.
      const a = tf.tensor2d([[0.5], [3], [9]]);
      const b = tf.tensor2d([[0.2, 5, 40]]);
      const plain = digamma(a).sub(digamma(a.add(b)));
      expectClose(values(digammaDifference(a, b)), values(plain), 1e-5, 1e-6);
      // Gradients: ψ′(x) − ψ′(x + y) and −ψ′(x + y).
      const [gx, gy] = tf.grads((s: tf.Tensor, t: tf.Tensor) => digammaDifference(s, t).sum())([x, tf.onesLike(x)]);
      expectClose(values(gx as tf.Tensor), values(trigamma(x).sub(trigamma(x.add(1)))), 1e-4, 1e-9);
      expectClose(values(gy as tf.Tensor), values(trigamma(x.add(1)).neg()), 1e-5, 0);
    });
  });

  it('knows the classic values: Γ(½) = √π, ψ(1) = −γ, ψ′(1) = π²/6', () => {
    tf.tidy(() => {
      const x = tf.tensor1d([0.5, 1, 1]);
      expectClose(values(lgamma(x)).slice(0, 1), [0.5 * Math.log(Math.PI)], 1e-6);
      expectClose(values(digamma(x)).slice(1, 2), [-EULER_GAMMA], 1e-6);
      expectClose(values(trigamma(x)).slice(2), [Math.PI ** 2 / 6], 1e-6);
    });
  });

  it('differentiates lgamma to digamma, digamma to trigamma, trigamma to ψ″, and logBeta to ψ differences', () => {
    const x = tf.tensor1d([0.01, 0.7, 1.5, 3, 12, 150]);
    const xs = values(x.clone());
    const psi = values(digamma(x));
    const psi1 = values(trigamma(x));
    expectClose(values(tf.grad((t: tf.Tensor) => lgamma(t).sum())(x)), psi, 1e-6, 1e-7);
    expectClose(values(tf.grad((t: tf.Tensor) => digamma(t).sum())(x)), psi1, 1e-6, 1e-7);
    // ψ″ against a central difference of ψ′ in float64 terms: ψ″(x) ≈ −1/x² − 1/x³ for large x, and
    // ψ″(x) = ψ″(x + 1) − 2/x³ exactly; check the recurrence between two points it computes.
    const psi2 = values(tf.grad((t: tf.Tensor) => trigamma(t).sum())(x));
    const x1 = tf.tensor1d(xs.map((v) => v + 1));
    const psi2Next = values(tf.grad((t: tf.Tensor) => trigamma(t).sum())(x1));
    expectClose(psi2, psi2Next.map((v, i) => v - 2 / (xs[i] as number) ** 3), 1e-5, 1e-7);
    // Second derivative of lgamma through two custom gradients.
    const second = values(tf.grad((t: tf.Tensor) => tf.grad((u: tf.Tensor) => lgamma(u).sum())(t).sum())(x));
    expectClose(second, psi1, 1e-6, 1e-7);
    // ∂/∂a log B(a, b) = ψ(a) − ψ(a + b), summed over a broadcast axis.
    const a = tf.tensor2d([[0.5, 2]]);
    const b = tf.tensor2d([[1, 3], [2, 0.5]]);
    const [ga, gb] = tf.grads((s: tf.Tensor, t: tf.Tensor) => logBeta(s, t).sum())([a, b]);
    expect(ga?.shape).toEqual([1, 2]);
    const dg = (v: number[]): number[] => values(digamma(tf.tensor1d(v)));
    const psiA = dg([0.5, 2, 0.5, 2]);
    const psiB = dg([1, 3, 2, 0.5]);
    const psiS = dg([1.5, 5, 2.5, 2.5]);
    expectClose(values(ga as tf.Tensor), [0, 1].map((j) => [0, 2].reduce((s, r) => s + (psiA[r + j] as number) - (psiS[r + j] as number), 0)));
    expectClose(values(gb as tf.Tensor), psiB.map((p, i) => p - (psiS[i] as number)));
    expect(() => tf.grad((t: tf.Tensor) => tf.grad((u: tf.Tensor) => trigamma(u).sum())(t).sum())(x)).toThrow(/not implemented/);
    tf.dispose([x, x1, a, b]);
  });

  it('gives log1p to float32 accuracy for tiny arguments, where the wasm Log1p kernel returns 0 or 2x', () => {
    const xs = [1e-10, -3e-8, 1e-7, -1e-4, 0.3, -0.75, 10, 1e30];
    const x = tf.tensor1d(xs);
    expectClose(values(log1p(x)), xs.map((v) => Math.log1p(Math.fround(v))), 3e-7, 0);
    expect(values(log1p(tf.tensor1d([-1])))).toEqual([-Infinity]);
    expectClose(values(tf.grad((t: tf.Tensor) => log1p(t).sum())(x)), xs.map((v) => 1 / (1 + Math.fround(v))), 1e-6, 0);
    x.dispose();
  });

  it('stays finite with finite gradients at 1e-3 and 1e4, and rejects integer tensors', () => {
    const x = tf.tensor1d([1e-3, 1e4]);
    for (const f of [lgamma, digamma, trigamma]) {
      expectFinite(values(f(x)));
      expectFinite(values(tf.grad((t: tf.Tensor) => f(t).sum())(x)));
    }
    expect(() => lgamma(tf.tensor1d([1, 2], 'int32'))).toThrow(/float32/);
    x.dispose();
  });

  it('leaks no tensors', () => {
    const x = tf.tensor1d([0.3, 1.2, 7]);
    expectOneTensorEachNoLeaks([
      () => lgamma(x),
      () => digamma(x),
      () => trigamma(x),
      () => logBeta(x, x),
      () => tf.grad((t: tf.Tensor) => lgamma(t).sum())(x),
      () => tf.grad((t: tf.Tensor) => logBeta(t, x).sum())(x),
    ]);
    x.dispose();
  });
});
