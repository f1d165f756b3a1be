import { describe, expect, it } from 'vitest';
import { pca2 } from '../../../../../electron/engine/inspect/pca';

describe('pca2', () => {
  it('finds the eigenvectors of [[2, 1], [1, 2]] (eigenvalues 3 and 1)', () => {
    // Four points whose population covariance is exactly [[2, 1], [1, 2]], centred at (5, -1):
    // ±√3·u1 and ±1·u2 with u1 = (1, 1)/√2, u2 = (1, −1)/√2 give variance 3 along u1 and 1 along u2.
    const s = Math.SQRT1_2;
    const r3 = Math.sqrt(3);
    const rows = [
      [r3 * s, r3 * s],
      [-r3 * s, -r3 * s],
      [s, -s],
      [-s, s],
    ].map(([a, b]) => [a! + 5, b! - 1]);
    const { components, explained, points } = pca2(rows.flat(), 4, 2);
    expect(explained[0]).toBeCloseTo(0.75, 9);
    expect(explained[1]).toBeCloseTo(0.25, 9);
    expect(Array.from(components[0])).toEqual([expect.closeTo(s, 9), expect.closeTo(s, 9)]);
    expect(Math.abs(components[1][0]!)).toBeCloseTo(s, 9);
    expect(components[1][0]! * components[1][1]!).toBeCloseTo(-0.5, 9);
    expect(points[0]).toBeCloseTo(r3, 5);
    expect(points[1]).toBeCloseTo(0, 5);
  });

  it('recovers a rotated diagonal covariance in 3-D and projects onto it', () => {
    // Rows ±3·u1, ±2·u2, ±1·u3 for an orthonormal basis u: covariance (9 u1u1ᵀ + 4 u2u2ᵀ + u3u3ᵀ)/3,
    // so eigenvalues 3, 4/3, 1/3 and explained shares 9/14, 4/14.
    const c = Math.cos(0.7);
    const sn = Math.sin(0.7);
    const u = [
      [c, sn, 0],
      [-sn * 0.6, c * 0.6, 0.8],
      [sn * 0.8, -c * 0.8, 0.6],
    ];
    const rows = [3, 2, 1].flatMap((len, k) => [u[k]!.map((x) => x * len), u[k]!.map((x) => -x * len)]);
    const { components, explained, points } = pca2(rows.flat(), 6, 3);
    expect(explained[0]).toBeCloseTo(9 / 14, 9);
    expect(explained[1]).toBeCloseTo(4 / 14, 9);
    const dot = (a: ArrayLike<number>, b: number[]): number => b.reduce((s, x, j) => s + x * a[j]!, 0);
    expect(Math.abs(dot(components[0], u[0]!))).toBeCloseTo(1, 9);
    expect(Math.abs(dot(components[1], u[1]!))).toBeCloseTo(1, 9);
    expect(Math.abs(points[0]!)).toBeCloseTo(3, 5);
    expect(points[1]).toBeCloseTo(0, 5);
    expect(Math.abs(points[5]!)).toBeCloseTo(2, 5);
  });

  it('gives zeros for data that do not vary', () => {
    const { points, explained } = pca2([1, 2, 3, 1, 2, 3], 2, 3);
    expect(Array.from(points)).toEqual([0, 0, 0, 0]);
    expect(explained).toEqual([0, 0]);
  });
});
