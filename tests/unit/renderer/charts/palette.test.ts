import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, classColor, dashFor, RUN_COLORS, runColor } from '../../../../renderer/charts/palette';

describe('palettes', () => {
  it('gives runs Okabe–Ito colours in order, wrapping', () => {
    expect([0, 1, 2].map(runColor)).toEqual(['#0072B2', '#D55E00', '#009E73']);
    expect(runColor(RUN_COLORS.length)).toBe(runColor(0));
    expect(runColor(-1)).toBe(RUN_COLORS[RUN_COLORS.length - 1]);
  });
  it('has distinct colours, none too light to read on white', () => {
    for (const palette of [RUN_COLORS, CLASS_COLORS]) {
      expect(new Set(palette.map((c) => c.toLowerCase())).size).toBe(palette.length);
    }
    for (const c of RUN_COLORS) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16) / 255);
      const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      expect(lum).toBeLessThan(0.7);
    }
  });
  it('gives ten classes Tableau 10 colours', () => {
    expect(CLASS_COLORS).toHaveLength(10);
    expect(classColor(0)).toBe('#4E79A7');
    expect(classColor(9)).toBe('#BAB0AC');
    expect(classColor(10)).toBe(classColor(0));
  });
  it('dashes the first line solid and the next ones apart', () => {
    expect(dashFor(0)).toBeUndefined();
    expect(dashFor(1)).not.toBe(dashFor(2));
  });
});
