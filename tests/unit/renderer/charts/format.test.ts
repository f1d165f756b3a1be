import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatLearningRate,
  formatLearningRateTick,
  formatNats,
  formatNatsTick,
  formatPercent,
  formatSignificant,
  formatSignificantTick,
  formatStep,
  formatStepsPerSec,
  formatStepTick,
} from '../../../../renderer/charts/format';

const M = '\u2212';

describe('number formats', () => {
  it('writes nats with two decimals, grouped, with a minus sign', () => {
    expect(formatNats(-93.4142)).toBe(`${M}93.41`);
    expect(formatNats(-1234.5)).toBe(`${M}1,234.50`);
    expect(formatNats(0.004)).toBe('0.00');
    expect(formatNats(-0.001)).toBe('0.00');
    expect(formatNats(Number.NaN)).toBe('—');
  });

  it('writes learning rates in exponent form', () => {
    expect(formatLearningRate(0.001)).toBe('1.00e-3');
    expect(formatLearningRate(0.00025)).toBe('2.50e-4');
    expect(formatLearningRate(1)).toBe('1.00e+0');
    expect(formatLearningRateTick(0.001)).toBe('1e-3');
    expect(formatLearningRateTick(0.00025)).toBe('2.5e-4');
    expect(formatLearningRateTick(10)).toBe('1e1');
  });

  it('writes steps grouped and step ticks compact', () => {
    expect(formatStep(12345)).toBe('12,345');
    expect(formatStepTick(0)).toBe('0');
    expect(formatStepTick(500)).toBe('500');
    expect(formatStepTick(1000)).toBe('1k');
    expect(formatStepTick(1500)).toBe('1.5k');
    expect(formatStepTick(20000)).toBe('20k');
    expect(formatStepTick(1_250_000)).toBe('1.25M');
  });

  it('writes nats ticks with four significant digits, compact from ten thousand', () => {
    expect(formatNatsTick(-100)).toBe(`${M}100`);
    expect(formatNatsTick(-87.5)).toBe(`${M}87.5`);
    expect(formatNatsTick(0.1 + 0.2)).toBe('0.3');
    expect(formatNatsTick(-12500)).toBe(`${M}12.5k`);
    expect(formatNatsTick(0)).toBe('0');
  });

  it('writes plain quantities (β, temperatures) with three significant digits', () => {
    expect(formatSignificant(0)).toBe('0.00');
    expect(formatSignificant(0.5)).toBe('0.500');
    expect(formatSignificant(1)).toBe('1.00');
    expect(formatSignificant(0.012345)).toBe('0.0123');
    expect(formatSignificant(-0.25)).toBe(`${M}0.250`);
    expect(formatSignificant(Number.NaN)).toBe('—');
    expect(formatSignificantTick(0)).toBe('0');
    expect(formatSignificantTick(0.25)).toBe('0.25');
    expect(formatSignificantTick(1)).toBe('1');
    expect(formatSignificantTick(-0.5)).toBe(`${M}0.5`);
  });

  it('writes speed by its size', () => {
    expect(formatStepsPerSec(1234.4)).toBe('1,234 steps/s');
    expect(formatStepsPerSec(56.74)).toBe('56.7 steps/s');
    expect(formatStepsPerSec(0.4234)).toBe('0.42 steps/s');
    expect(formatStepsPerSec(undefined)).toBe('—');
  });

  it('writes percentages rounded down so that 100% means done', () => {
    expect(formatPercent(0.0049)).toBe('0.4%');
    expect(formatPercent(0.099)).toBe('9.9%');
    expect(formatPercent(0.4261)).toBe('42%');
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(undefined)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('uses two units at most', () => {
    expect(formatDuration(80)).toBe('1 min 20 s');
    expect(formatDuration(45.4)).toBe('45 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(3 * 86400 + 2 * 3600 + 59)).toBe('3 d 2 h');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(0.2)).toBe('< 1 s');
  });
  it('says "—" when unknown', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Infinity)).toBe('—');
    expect(formatDuration(-3)).toBe('—');
  });
});
