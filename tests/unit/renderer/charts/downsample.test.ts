import { describe, expect, it } from 'vitest';
import { downsampleIndices, downsampleMinMax, nearestIndex, nearestPoint, seriesData } from '../../../../renderer/charts/downsample';

const series = (values: number[]) => values.map((value, i) => ({ step: i + 1, value }));

describe('downsampleMinMax', () => {
  it('returns a series already short enough unchanged', () => {
    const s = series([3, 1, 2]);
    expect(downsampleMinMax(s, 400)).toBe(s);
    expect(downsampleMinMax([], 400)).toEqual([]);
  });

  it('keeps the first and last point, the global extremes and a one-step spike of a 100k-step series', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => -500 + 400 * (1 - Math.exp(-i / 5000)) + Math.sin(i) * 2);
    values[61_234] = -9_999; // a spike down
    values[7_777] = 50; // a spike up
    const s = series(values);
    const out = downsampleMinMax(s, 400);
    expect(out.length).toBeLessThanOrEqual(400);
    expect(out.length).toBeGreaterThan(300);
    expect(out[0]).toEqual({ step: 1, value: values[0] });
    expect(out[out.length - 1]).toEqual({ step: 100_000, value: values[99_999] });
    expect(out).toContainEqual({ step: 61_235, value: -9_999 });
    expect(out).toContainEqual({ step: 7_778, value: 50 });
  });

  it('keeps points in step order and takes them from the input', () => {
    const s = series(Array.from({ length: 5000 }, (_, i) => Math.cos(i / 10)));
    const out = downsampleMinMax(s, 100);
    for (let i = 1; i < out.length; i++) expect(out[i]!.step).toBeGreaterThan(out[i - 1]!.step);
    for (const p of out) expect(p).toBe(s[p.step - 1]);
  });

  it('picks the min and max of each bucket: 10 points into 6 = first, 2 buckets of 4, last', () => {
    // interior = indices 1..8, buckets [1,5) and [5,9).
    const s = series([0, 5, 9, 1, 4, 7, 2, 8, 3, 6]);
    expect(downsampleMinMax(s, 6).map((p) => p.value)).toEqual([0, 9, 1, 2, 8, 6]);
  });

  it('keeps only the endpoints when asked for 2 or 3 points', () => {
    const s = series([1, 2, 3, 4, 5]);
    expect(downsampleMinMax(s, 2).map((p) => p.step)).toEqual([1, 5]);
    expect(downsampleMinMax(s, 3).map((p) => p.step)).toEqual([1, 5]);
  });

  it('keeps a flat bucket as one point', () => {
    const s = series([1, 7, 7, 7, 7, 7, 7, 7, 7, 2]);
    expect(downsampleMinMax(s, 6).map((p) => p.value)).toEqual([1, 7, 7, 2]);
  });
});

describe('downsampleIndices', () => {
  it('thins typed columns the same way, returning ascending indices', () => {
    const values = Float64Array.from({ length: 10 }, (_, i) => [0, 5, 9, 1, 4, 7, 2, 8, 3, 6][i]!);
    expect(downsampleIndices(values.length, (i) => values[i]!, 6)).toEqual([0, 2, 3, 6, 7, 9]);
    expect(downsampleIndices(3, () => 0, 400)).toEqual([0, 1, 2]);
    expect(downsampleIndices(0, () => 0, 400)).toEqual([]);
  });
});

describe('nearestIndex / nearestPoint', () => {
  const steps = [10, 20, 40];
  it('finds the nearest step, the earlier on a tie, clamped at both ends', () => {
    expect(nearestIndex(steps, 20)).toBe(1);
    expect(nearestIndex(steps, 29)).toBe(1);
    expect(nearestIndex(steps, 30)).toBe(1);
    expect(nearestIndex(steps, 31)).toBe(2);
    expect(nearestIndex(steps, 0)).toBe(0);
    expect(nearestIndex(steps, 1e9)).toBe(2);
    expect(nearestIndex([], 5)).toBe(-1);
  });
  it('reads the point from columns', () => {
    const data = seriesData([
      { step: 10, value: 1 },
      { step: 20, value: 2 },
    ]);
    expect(nearestPoint(data, 17)).toEqual({ step: 20, value: 2 });
    expect(nearestPoint(seriesData([]), 17)).toBeUndefined();
  });
});
