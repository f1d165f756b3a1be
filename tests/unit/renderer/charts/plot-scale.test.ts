import { describe, expect, it } from 'vitest';
import { distinctLabels, extentOf, formatPlotTick, latentAxisLabels, linearAxis, niceStep, subscript } from '../../../../renderer/charts/plot-scale';

describe('extentOf', () => {
  it('bounds several flat arrays together, skipping non-finite coordinates', () => {
    expect(extentOf([0, 1, 2, -3], [5, 0, Number.NaN, 100])).toEqual({ xMin: 0, xMax: 5, yMin: -3, yMax: 1 });
    expect(extentOf([])).toBeUndefined();
  });
});

describe('linearAxis', () => {
  it('rounds out to multiples of a 1-2-5 step', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0.3, 3)).toBeCloseTo(0.1, 12);
    // 5.4 in ~6 parts: 0.9 → step 1; in ~5 parts: 1.08 → step 2.
    expect(linearAxis(-2.3, 3.1, 6)).toEqual({ domain: [-3, 4], ticks: [-3, -2, -1, 0, 1, 2, 3, 4] });
    expect(linearAxis(-2.3, 3.1, 5)).toEqual({ domain: [-4, 4], ticks: [-4, -2, 0, 2, 4] });
    // 0.81 in ~5 parts: 0.162 → step 0.2.
    expect(linearAxis(0.12, 0.93, 5)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    // A tick reached by steps of 0.2 from −0.6 is exactly 0 (a running sum gives 1.1e-16, printed as such).
    expect(linearAxis(-0.55, 0.45, 5).ticks).toEqual([-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]);
    expect(linearAxis(-0.55, 0.45, 5).ticks.map(formatPlotTick)).toContain('0');
  });
  it('widens a single value', () => {
    expect(linearAxis(0, 0, 4).domain).toEqual([-1, 1]);
  });
});

describe('axis labels of a latent map', () => {
  it('names coordinates for a map shown as is and components with their variance share for PCA', () => {
    expect(latentAxisLabels({ latent: 'z', method: 'identity' })).toEqual(['z₁', 'z₂']);
    expect(latentAxisLabels({ latent: 'z', method: 'pca', explained: [0.3412, 0.1249] })).toEqual(['PC 1 (34%)', 'PC 2 (12%)']);
    expect(latentAxisLabels({ latent: 'z', method: 'pca' })).toEqual(['PC 1', 'PC 2']);
    expect(subscript(12)).toBe('₁₂');
  });
  it('lists labels once, ascending', () => {
    expect(distinctLabels([3, 1, 3, 0])).toEqual([0, 1, 3]);
    expect(distinctLabels(undefined)).toEqual([]);
  });
  it('writes ticks with three significant digits', () => {
    expect(formatPlotTick(-1.5)).toBe('\u22121.5');
    expect(formatPlotTick(0.1 + 0.2)).toBe('0.3');
  });
});
