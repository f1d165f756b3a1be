import { describe, expect, it } from 'vitest';
import { noiseAt, noisySine, noisySineLogLikelihood } from '../../../../../electron/engine/data/noisy-sine';

describe('the noisy sine regression data', () => {
  it('is the same for the same seed, and another for another', () => {
    const a = noisySine({ n: 50, noise: 0.3, heteroscedastic: true, seed: 1 });
    const b = noisySine({ n: 50, noise: 0.3, heteroscedastic: true, seed: 1 });
    const c = noisySine({ n: 50, noise: 0.3, heteroscedastic: true, seed: 2 });
    expect([...b.columns.y!.values]).toEqual([...a.columns.y!.values]);
    expect([...c.columns.y!.values]).not.toEqual([...a.columns.y!.values]);
  });

  it('spreads x over [−3, 3] and y around sin(x) with the stated noise, growing with x when heteroscedastic', () => {
    const n = 200_000;
    for (const heteroscedastic of [true, false]) {
      const o = { noise: 0.3, heteroscedastic };
      const d = noisySine({ n, ...o, seed: 0 });
      const x = d.columns.x!.values;
      const y = d.columns.y!.values;
      expect(x.reduce((m, v) => Math.min(m, v), Infinity)).toBeGreaterThanOrEqual(-3);
      expect(x.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(3);
      // Standardised residuals in three bands of x: mean 0 and variance 1 (standard errors ≈ 0.004 and 0.006).
      for (const [lo, hi] of [[-3, -1], [-1, 1], [1, 3]] as const) {
        const z: number[] = [];
        for (let i = 0; i < n; i++) if (x[i]! >= lo && x[i]! < hi) z.push((y[i]! - Math.sin(x[i]!)) / noiseAt(x[i]!, o));
        const mean = z.reduce((s, v) => s + v, 0) / z.length;
        const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
        expect(Math.abs(mean), `${heteroscedastic} ${lo}`).toBeLessThan(0.02);
        expect(Math.abs(variance - 1), `${heteroscedastic} ${lo}`).toBeLessThan(0.03);
      }
    }
    expect(noiseAt(-3, { noise: 0.3, heteroscedastic: true })).toBeCloseTo(0.075, 10);
    expect(noiseAt(3, { noise: 0.3, heteroscedastic: true })).toBeCloseTo(0.3, 10);
  });

  it('scores data by the generating density: its expectation in closed form', () => {
    // E[log N(y; sin x, σ(x)²)] = −½ log 2π − ½ − E[log σ(x)], σ(x) = 0.3 u with u uniform on [0.25, 1]:
    // E[log u] = (0 − 1 − (0.25 log 0.25 − 0.25)) / 0.75.
    const expectedLogU = (-1 - (0.25 * Math.log(0.25) - 0.25)) / 0.75;
    const closedForm = -0.5 * Math.log(2 * Math.PI) - 0.5 - (Math.log(0.3) + expectedLogU);
    const d = noisySine({ n: 200_000, noise: 0.3, heteroscedastic: true, seed: 3 });
    // Per-point log-densities have a standard deviation of about 0.8: the mean's is 0.002.
    expect(noisySineLogLikelihood(d, { noise: 0.3, heteroscedastic: true })).toBeCloseTo(closedForm, 2);
  });

  it('refuses a size or noise it cannot use, saying which', () => {
    expect(() => noisySine({ n: 0, noise: 0.3, heteroscedastic: true, seed: 0 })).toThrow(/n must be a positive integer, got 0/);
    expect(() => noisySine({ n: 10, noise: 0, heteroscedastic: true, seed: 0 })).toThrow(/noise must be a finite number > 0, got 0/);
  });
});
