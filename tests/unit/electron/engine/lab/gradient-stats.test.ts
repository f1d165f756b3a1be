import { describe, expect, it } from 'vitest';
import { cosine, GradientMoments } from '../../../../../electron/engine/lab/gradient-stats';

describe('GradientMoments', () => {
  it('gives the mean and the trace of the unbiased covariance over the number of parameters', () => {
    const m = new GradientMoments(2);
    for (const g of [[1, 10], [3, 10], [5, 16]]) m.add(g);
    expect(Array.from(m.mean)).toEqual([3, 12]);
    // Unbiased variances 4 and 12: their mean is 8.
    expect(m.variance).toBeCloseTo(8, 12);
  });

  it('keeps a small spread under a large mean (no cancellation in float sums of squares)', () => {
    const m = new GradientMoments(1);
    for (let i = 0; i < 1000; i++) m.add([1e6 + (i % 2 === 0 ? 1e-3 : -1e-3)]);
    expect(m.variance).toBeCloseTo(1e-6 * (1000 / 999), 12);
  });

  it('has no variance from one estimate, and refuses a gradient of the wrong size', () => {
    const m = new GradientMoments(3);
    m.add([1, 2, 3]);
    expect(m.variance).toBeNaN();
    expect(() => m.add([1, 2])).toThrow(/2 values, expected 3/);
  });
});

describe('cosine', () => {
  it('is 1 for the same direction, −1 for the opposite, 0 at right angles, NaN for a zero vector', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosine([1, 2], [-1, -2])).toBeCloseTo(-1, 12);
    expect(cosine([1, 0], [0, 3])).toBe(0);
    expect(cosine([0, 0], [1, 1])).toBeNaN();
  });
});
