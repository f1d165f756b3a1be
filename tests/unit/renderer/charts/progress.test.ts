import { describe, expect, it } from 'vitest';
import { etaSeconds, progressFraction, statusHasEta } from '../../../../renderer/charts/progress';

describe('etaSeconds', () => {
  it('is the remaining steps over the rate', () => {
    expect(etaSeconds(200, 1000, 10)).toBe(80);
    expect(etaSeconds(0, 5000, 62.5)).toBe(80);
  });
  it('is 0 once the total is reached, even past it or without a rate', () => {
    expect(etaSeconds(1000, 1000, 10)).toBe(0);
    expect(etaSeconds(1200, 1000, undefined)).toBe(0);
  });
  it('is unknown without a total or a positive rate', () => {
    expect(etaSeconds(10, undefined, 10)).toBeUndefined();
    expect(etaSeconds(10, 100, 0)).toBeUndefined();
    expect(etaSeconds(10, 100, undefined)).toBeUndefined();
    expect(etaSeconds(10, 100, Number.NaN)).toBeUndefined();
  });
});

describe('progressFraction', () => {
  it('is step over total, clamped to [0, 1]; unknown without a total', () => {
    expect(progressFraction(250, 1000)).toBe(0.25);
    expect(progressFraction(1500, 1000)).toBe(1);
    expect(progressFraction(10, undefined)).toBeUndefined();
    expect(progressFraction(10, 0)).toBeUndefined();
  });
});

describe('statusHasEta', () => {
  it('only a running run has a time left', () => {
    expect(statusHasEta('running')).toBe(true);
    for (const s of ['starting', 'paused', 'stopped', 'done', 'failed'] as const) expect(statusHasEta(s)).toBe(false);
  });
});
