import { describe, expect, it } from 'vitest';
import { TailMean } from '../../../../../electron/engine/train/tail-mean';

/** The trainer's former definition, over the whole history: the last round(n / 10) values, at least one. */
function naive(history: number[]): number {
  const recent = history.slice(-Math.max(1, Math.round(history.length / 10)));
  return recent.reduce((a, b) => a + b, 0) / recent.length;
}

describe('TailMean', () => {
  it('is NaN before the first value', () => {
    expect(new TailMean().mean()).toBeNaN();
  });

  it('equals the mean of the last tenth of the whole series after every push', () => {
    const t = new TailMean();
    const history: number[] = [];
    let s = 7;
    for (let n = 1; n <= 3000; n++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const v = -100 + (s / 2 ** 32) * 20 + n / 50; // drifting, as a training ELBO does
      t.push(v);
      history.push(v);
      expect(t.mean()).toBeCloseTo(naive(history), 9);
    }
  });

  it('holds about a tenth of the values, never more than twice the window plus one', () => {
    const t = new TailMean();
    for (let n = 1; n <= 100_000; n++) {
      t.push(n);
      const window = Math.max(1, Math.round(n / 10));
      expect(t.held).toBeLessThanOrEqual(2 * window + 1);
    }
    expect(t.held).toBeLessThan(20_001);
    expect(t.mean()).toBe((90_001 + 100_000) / 2);
  });
});
