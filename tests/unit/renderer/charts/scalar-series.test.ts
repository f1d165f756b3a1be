import { describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../../../shared/protocol/runs';
import { toPoints } from '../../../../renderer/charts/downsample';
import { RUN_COLORS } from '../../../../renderer/charts/palette';
import {
  baselineLatents,
  baselineSeries,
  hasBaselines,
  hasSchedules,
  iwaeLine,
  scheduleLabel,
  scheduleNames,
  scheduleSeries,
} from '../../../../renderer/charts/scalar-series';
import { buildChartData, METRICS, type ChartRun } from '../../../../renderer/charts/series';

function metric(step: number, scalars?: Record<string, number>): MetricRecord {
  const m: MetricRecord = { step, totalSteps: 100, elbo: -100, reconstruction: -90, kl: { z: 10 }, learningRate: 1e-3, stepsPerSec: 50 };
  return scalars === undefined ? m : { ...m, scalars };
}

function run(id: string, name: string, color: string, metrics: readonly MetricRecord[]): ChartRun {
  return { id, name, color, metrics, evals: [] };
}

const legacy = run('old', 'Run 1', '#111111', [metric(10), metric(20)]);
/** KL warm-up (β 0 → 1) and an annealed temperature of z, a constant temperature of c. */
const warmup = run('w', 'Run 2', '#222222', [
  metric(10, { beta: 0, 'temperature/z': 1, 'temperature/c': 1 }),
  metric(20, { beta: 0.5, 'temperature/z': 0.8, 'temperature/c': 1 }),
  metric(30, { beta: 1, 'temperature/z': 0.6, 'temperature/c': 1 }),
]);
/** Nothing changes: β fixed at 1, τ of z fixed at 1. */
const constant = run('c', 'Run 3', '#333333', [metric(10, { beta: 1, 'temperature/z': 1 }), metric(20, { beta: 1, 'temperature/z': 1 })]);

describe('iwaeLine', () => {
  it('is the IWAE bound of a run whose records carry it, dotted in the run colour', () => {
    const line = iwaeLine(run('i', 'Run 4', '#444444', [metric(10, { iwae: -95 }), metric(20, { iwae: -90 })]))!;
    expect([line.name, line.color, line.dash]).toEqual(['Run 4 · IWAE bound', '#444444', '2 2']);
    expect(toPoints(line.data)).toEqual([
      { step: 10, value: -95 },
      { step: 20, value: -90 },
    ]);
  });

  it('is absent for records without scalars or without the bound', () => {
    expect(iwaeLine(legacy)).toBeUndefined();
    expect(iwaeLine(warmup)).toBeUndefined();
    expect(iwaeLine(run('n', 'Run 5', '#555', [metric(1, { iwae: Number.NaN })]))).toBeUndefined();
  });

  it('keeps the points of records that carry it when only some do', () => {
    const line = iwaeLine(run('p', 'Run 6', '#666', [metric(1), metric(2, { iwae: -7 }), metric(3, {})]))!;
    expect(toPoints(line.data)).toEqual([{ step: 2, value: -7 }]);
  });
});

describe('schedules', () => {
  it('charts β first, then the temperatures that change, in order of first appearance', () => {
    const tFirst = run('t', 'Run 4', '#444', [metric(1, { 'temperature/y': 2, beta: 0 }), metric(2, { 'temperature/y': 1, beta: 1 })]);
    expect(scheduleNames([tFirst])).toEqual(['beta', 'temperature/y']);
    expect(scheduleNames([warmup])).toEqual(['beta', 'temperature/z']);
    expect(scheduleLabel('beta')).toBe('β');
    expect(scheduleLabel('temperature/z')).toBe('τ z');
  });

  it('appears only when a β or a temperature changes over a run', () => {
    expect(hasSchedules([])).toBe(false);
    expect(hasSchedules([legacy])).toBe(false);
    expect(hasSchedules([constant])).toBe(false);
    expect(scheduleSeries([constant])).toEqual([]);
    expect(hasSchedules([warmup])).toBe(true);
    expect(hasSchedules([legacy, constant, warmup])).toBe(true);
    // Neither the IWAE bound nor a baseline is a schedule, however they change.
    expect(hasSchedules([run('x', 'Run 9', '#999', [metric(1, { iwae: -3, 'baseline/z': -5 }), metric(2, { iwae: -2, 'baseline/z': -4 })])])).toBe(false);
  });

  it('draws one line per run per changing quantity, "Run n · β" and "Run n · τ latent"', () => {
    const s = scheduleSeries([warmup]);
    // A single run: its lines told apart by colour, its own first.
    expect(s.map((x) => [x.key, x.name, x.color, x.dash])).toEqual([
      ['s0', 'Run 2 · β', '#222222', undefined],
      ['s1', 'Run 2 · τ z', RUN_COLORS[0], undefined],
    ]);
    expect(toPoints(s[0]!.data).map((p) => p.value)).toEqual([0, 0.5, 1]);
    expect(toPoints(s[1]!.data).map((p) => p.value)).toEqual([1, 0.8, 0.6]);
  });

  it('compares runs: a run whose value is constant is drawn beside one whose value changes; runs without scalars have no line', () => {
    const s = scheduleSeries([legacy, warmup, constant]);
    expect(s.map((x) => [x.key, x.name, x.color, x.dash])).toEqual([
      ['s0', 'Run 2 · β', '#222222', undefined],
      ['s1', 'Run 2 · τ z', '#222222', '6 3'],
      ['s2', 'Run 3 · β', '#333333', undefined],
      ['s3', 'Run 3 · τ z', '#333333', '6 3'],
    ]);
  });

  it('has a linear axis only and writes three significant digits', () => {
    expect(METRICS.schedule.ariaLabel).toBe('Schedules chart: β and temperatures against step');
    expect(METRICS.schedule.format).toBe('significant');
    expect(METRICS.schedule.logTransform).toBeNull();
    const data = buildChartData('schedule', [warmup], { log: true });
    expect(data.log).toBe(false);
    expect(data.logAxis).toBeUndefined();
    expect(data.yLabel).toBe(METRICS.schedule.yLabel);
    // β = 0 at the first step is kept (a log axis would drop it).
    expect(data.rows[0]).toEqual({ step: 10, s0: 0, s1: 1 });
  });
});

describe('baselines', () => {
  const score = run('s', 'Run 4', '#444444', [
    metric(10, { 'baseline/z': -120, 'baseline/c': -3 }),
    metric(20, { 'baseline/z': -110, 'baseline/c': -2, 'baseline/d': -1 }),
  ]);

  it('lists the score-function latents in order of first appearance', () => {
    expect(baselineLatents(score)).toEqual(['z', 'c', 'd']);
    expect(baselineLatents(legacy)).toEqual([]);
    expect(baselineLatents(warmup)).toEqual([]);
  });

  it('appears only when a run has a baseline', () => {
    expect(hasBaselines([legacy, warmup])).toBe(false);
    expect(hasBaselines([legacy, score])).toBe(true);
  });

  it('draws one line per latent per run, "Run n · baseline latent"', () => {
    const s = baselineSeries([legacy, score, run('t', 'Run 5', '#555555', [metric(5, { 'baseline/z': -130 })])]);
    expect(s.map((x) => [x.key, x.name, x.color, x.dash])).toEqual([
      ['s0', 'Run 4 · baseline z', '#444444', undefined],
      ['s1', 'Run 4 · baseline c', '#444444', '6 3'],
      ['s2', 'Run 4 · baseline d', '#444444', '2 2'],
      ['s3', 'Run 5 · baseline z', '#555555', undefined],
    ]);
    expect(toPoints(s[0]!.data)).toEqual([
      { step: 10, value: -120 },
      { step: 20, value: -110 },
    ]);
    expect(toPoints(s[2]!.data)).toEqual([{ step: 20, value: -1 }]);
  });

  it('is in nats and plots −baseline on a log axis, like the ELBO', () => {
    expect(METRICS.baseline.format).toBe('nats');
    expect(METRICS.baseline.logTransform).toBe('negate');
    const log = buildChartData('baseline', [score], { log: true });
    expect(toPoints(log.series[0]!.data).map((p) => p.value)).toEqual([120, 110]);
    expect(buildChartData('baseline', [legacy]).emptyText).toBe(METRICS.baseline.missingText);
  });
});
