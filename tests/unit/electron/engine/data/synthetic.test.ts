import { describe, expect, it } from 'vitest';
import { gaussianMixture, twoMoons } from '../../../../../electron/engine/data/synthetic';

describe('twoMoons', () => {
  it('has n points of 2 real values and labels 0/1, split ⌊n/2⌋ outer and the rest inner', () => {
    const ds = twoMoons({ n: 1001, noise: 0.1, seed: 1 });
    expect(ds.length).toBe(1001);
    expect(ds.columns.x).toMatchObject({ size: 2, domain: 'real' });
    expect(ds.columns.x!.values.length).toBe(2002);
    expect(ds.columns.label).toMatchObject({ size: 1, domain: 'index', categories: 2 });
    const labels = Array.from(ds.columns.label!.values);
    expect(labels.filter((l) => l === 0)).toHaveLength(500);
    expect(labels.filter((l) => l === 1)).toHaveLength(501);
  });

  it('is identical for the same options and differs for another seed', () => {
    const a = twoMoons({ n: 300, noise: 0.2, seed: 7 });
    const b = twoMoons({ n: 300, noise: 0.2, seed: 7 });
    const c = twoMoons({ n: 300, noise: 0.2, seed: 8 });
    expect(a.columns.x!.values).toEqual(b.columns.x!.values);
    expect(a.columns.label!.values).toEqual(b.columns.label!.values);
    expect(a.columns.x!.values).not.toEqual(c.columns.x!.values);
  });

  it('puts noiseless points exactly on the two half circles', () => {
    const ds = twoMoons({ n: 200, noise: 0, seed: 3 });
    const x = ds.columns.x!.values;
    for (let i = 0; i < ds.length; i++) {
      const [px, py] = [x[2 * i]!, x[2 * i + 1]!];
      // Outer: unit circle around (0, 0), upper half. Inner: unit circle around (1, 0.5), lower half.
      const [cx, cy, up] = ds.columns.label!.values[i] === 0 ? [0, 0, 1] : [1, 0.5, -1];
      expect(Math.hypot(px - cx, py - cy)).toBeCloseTo(1, 5);
      expect(up * (py - cy)).toBeGreaterThanOrEqual(-1e-6);
    }
  });

  it('separates the classes as expected: outer moon higher on average, means near the analytic ones', () => {
    const ds = twoMoons({ n: 4000, noise: 0.1, seed: 5 });
    const x = ds.columns.x!.values;
    const sums = [
      [0, 0, 0],
      [0, 0, 0],
    ] as [number, number, number][];
    for (let i = 0; i < ds.length; i++) {
      const s = sums[ds.columns.label!.values[i]!]!;
      s[0] += x[2 * i]!;
      s[1] += x[2 * i + 1]!;
      s[2]++;
    }
    const [outer, inner] = sums.map(([sx, sy, n]) => [sx / n, sy / n]) as [[number, number], [number, number]];
    // Mean of (cos t, sin t) over t uniform in [0, π] is (0, 2/π); the inner moon is its mirror image at (1, 0.5 − 2/π).
    expect(outer[0]).toBeCloseTo(0, 1);
    expect(outer[1]).toBeCloseTo(2 / Math.PI, 1);
    expect(inner[0]).toBeCloseTo(1, 1);
    expect(inner[1]).toBeCloseTo(0.5 - 2 / Math.PI, 1);
  });

  it('keeps the moons apart at noise 0.1: nearly every point is nearer its own moon than the other', () => {
    /** Distance from (px, py) to the half circle of radius 1 around (cx, cy) on the side `up` (1 upper, −1 lower). */
    const toHalfCircle = (px: number, py: number, cx: number, cy: number, up: number): number => {
      const dx = px - cx;
      const dy = py - cy;
      if (up * dy >= 0) return Math.abs(Math.hypot(dx, dy) - 1);
      return Math.min(Math.hypot(dx - 1, dy), Math.hypot(dx + 1, dy)); // nearest end point
    };
    const ds = twoMoons({ n: 4000, noise: 0.1, seed: 6 });
    const x = ds.columns.x!.values;
    let own = 0;
    for (let i = 0; i < ds.length; i++) {
      const [px, py] = [x[2 * i]!, x[2 * i + 1]!];
      const dOuter = toHalfCircle(px, py, 0, 0, 1);
      const dInner = toHalfCircle(px, py, 1, 0.5, -1);
      if ((ds.columns.label!.values[i] === 0) === dOuter < dInner) own++;
    }
    expect(own / ds.length).toBeGreaterThan(0.97);
  });

  it('shuffles rows, so the first rows hold both classes', () => {
    const first = Array.from(twoMoons({ n: 1000, noise: 0.1, seed: 0 }).columns.label!.values.subarray(0, 50));
    expect(new Set(first).size).toBe(2);
  });

  it('rejects invalid options', () => {
    expect(() => twoMoons({ n: 0, noise: 0.1, seed: 0 })).toThrow(RangeError);
    expect(() => twoMoons({ n: 10, noise: -1, seed: 0 })).toThrow(RangeError);
    expect(() => twoMoons({ n: 10, noise: 0.1, seed: 0.5 })).toThrow(RangeError);
  });
});

describe('gaussianMixture', () => {
  it('has n points of 2 real values and K balanced classes', () => {
    const ds = gaussianMixture({ n: 1003, components: 5, std: 0.3, radius: 2, seed: 1 });
    expect(ds.length).toBe(1003);
    expect(ds.columns.x).toMatchObject({ size: 2, domain: 'real' });
    expect(ds.columns.label).toMatchObject({ size: 1, domain: 'index', categories: 5 });
    const counts = new Array<number>(5).fill(0);
    for (const l of ds.columns.label!.values) counts[l] = (counts[l] as number) + 1;
    expect(counts).toEqual([201, 201, 201, 200, 200]);
  });

  it('is identical for the same options and differs for another seed', () => {
    const opts = { n: 500, components: 3, std: 0.5, radius: 1, seed: 2 };
    expect(gaussianMixture(opts).columns.x!.values).toEqual(gaussianMixture(opts).columns.x!.values);
    expect(gaussianMixture(opts).columns.x!.values).not.toEqual(gaussianMixture({ ...opts, seed: 3 }).columns.x!.values);
  });

  it('centres component k near radius · (cos 2πk/K, sin 2πk/K), with spread std', () => {
    const K = 6;
    const std = 0.2;
    const radius = 3;
    const ds = gaussianMixture({ n: 12_000, components: K, std, radius, seed: 4 });
    const x = ds.columns.x!.values;
    const stats = Array.from({ length: K }, () => ({ sx: 0, sy: 0, sxx: 0, n: 0 }));
    for (let i = 0; i < ds.length; i++) {
      const s = stats[ds.columns.label!.values[i]!]!;
      s.sx += x[2 * i]!;
      s.sy += x[2 * i + 1]!;
      s.sxx += x[2 * i]! ** 2;
      s.n++;
    }
    stats.forEach(({ sx, sy, sxx, n }, k) => {
      const mx = sx / n;
      const my = sy / n;
      // 2000 points per component: the standard error of a mean is 0.2 / √2000 ≈ 0.0045.
      expect(Math.abs(mx - radius * Math.cos((2 * Math.PI * k) / K))).toBeLessThan(0.025);
      expect(Math.abs(my - radius * Math.sin((2 * Math.PI * k) / K))).toBeLessThan(0.025);
      expect(Math.hypot(mx, my)).toBeCloseTo(radius, 1);
      expect(Math.sqrt(sxx / n - mx * mx)).toBeCloseTo(std, 1);
    });
  });

  it('rejects invalid options', () => {
    expect(() => gaussianMixture({ n: 10, components: 0, std: 1, radius: 1, seed: 0 })).toThrow(RangeError);
    expect(() => gaussianMixture({ n: 10, components: 2, std: Number.NaN, radius: 1, seed: 0 })).toThrow(RangeError);
    expect(() => gaussianMixture({ n: 10, components: 2, std: 1, radius: -1, seed: 0 })).toThrow(RangeError);
  });
});
