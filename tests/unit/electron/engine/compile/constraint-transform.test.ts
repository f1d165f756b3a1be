import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { logAbsDetJacobianPerDim, untransform, type Transform } from '../../../../../electron/engine/compile/constraint-transform';

beforeAll(async () => {
  await initBackend('wasm');
});

/** T⁻¹ in double precision, written independently of the engine's forms. */
const INVERSE: Record<Transform, (x: number) => number> = {
  exp: Math.exp,
  softplus: (x) => Math.log1p(Math.exp(x)),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

const ZETAS = [-6, -2.5, -0.7, 0, 0.3, 1.9, 5];

describe('constraint transforms (ADVI)', () => {
  it.each(['exp', 'softplus', 'sigmoid'] as const)('%s: log |dz/dζ| agrees with a central finite difference of z = T⁻¹(ζ)', (t) => {
    const logDet = tf.tidy(() => Array.from(logAbsDetJacobianPerDim(t, tf.tensor2d(ZETAS, [ZETAS.length, 1])).dataSync()));
    const z = tf.tidy(() => Array.from(untransform(t, tf.tensor2d(ZETAS, [ZETAS.length, 1])).dataSync()));
    ZETAS.forEach((zeta, i) => {
      const h = 1e-5;
      const derivative = (INVERSE[t](zeta + h) - INVERSE[t](zeta - h)) / (2 * h);
      expect(logDet[i], `ζ = ${zeta}`).toBeCloseTo(Math.log(derivative), 4);
      expect(z[i]! / INVERSE[t](zeta), `ζ = ${zeta}`).toBeCloseTo(1, 5);
    });
  });

  it('has the closed forms of the notes: ζ for exp, log σ(ζ) for softplus, log σ(ζ) + log(1 − σ(ζ)) for sigmoid', () => {
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    const at = (t: Transform) => tf.tidy(() => Array.from(logAbsDetJacobianPerDim(t, tf.tensor2d([[0.4, -1.5]])).dataSync()));
    expect(at('exp')).toEqual([expect.closeTo(0.4, 6), expect.closeTo(-1.5, 6)]);
    expect(at('softplus')).toEqual([expect.closeTo(Math.log(sigma(0.4)), 6), expect.closeTo(Math.log(sigma(-1.5)), 6)]);
    expect(at('sigmoid')).toEqual([0.4, -1.5].map((x) => expect.closeTo(Math.log(sigma(x)) + Math.log(1 - sigma(x)), 6)));
  });

  it('stays finite far out in the tails, where the naive forms overflow or take log 0', () => {
    const far = tf.tensor2d([[-120, 120]]);
    for (const t of ['softplus', 'sigmoid'] as const) {
      const v = tf.tidy(() => Array.from(logAbsDetJacobianPerDim(t, far).dataSync()));
      expect(v.every(Number.isFinite), t).toBe(true);
    }
    // log σ(−120) + log(1 − σ(−120)) ≈ −120; log σ(120) ≈ 0.
    expect(tf.tidy(() => logAbsDetJacobianPerDim('sigmoid', far).dataSync()[0])).toBeCloseTo(-120, 3);
    expect(tf.tidy(() => logAbsDetJacobianPerDim('softplus', far).dataSync()[1])).toBeCloseTo(0, 6);
    far.dispose();
  });
});
