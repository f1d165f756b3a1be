import { describe, expect, it } from 'vitest';
import type { EvalRecord, MetricRecord } from '../../../../shared/protocol/runs';
import { seriesData, toPoints } from '../../../../renderer/charts/downsample';
import { RUN_COLORS } from '../../../../renderer/charts/palette';
import {
  accuracySeries,
  buildChartData,
  chartRows,
  elboSeries,
  klSeries,
  latentNames,
  learningRateSeries,
  logAxis,
  NO_POSITIVE_TEXT,
  NO_STEPS_TEXT,
  reconstructionSeries,
  stepDomain,
  stepTicks,
  toLogScale,
  type ChartRun,
} from '../../../../renderer/charts/series';

function metric(step: number, elbo: number, kl: Record<string, number> = { z: 5 }, learningRate = 1e-3): MetricRecord {
  return { step, totalSteps: 100, elbo, reconstruction: elbo - 1, kl, learningRate, stepsPerSec: 50 };
}

function run(id: string, name: string, color: string, metrics: readonly MetricRecord[], evals: readonly EvalRecord[] = []): ChartRun {
  return { id, name, color, metrics, evals };
}

const runA = run('a', 'Run 1', '#111111', [metric(10, -200), metric(20, -150), metric(30, -120)], [{ step: 20, valElbo: -160, valAccuracy: {} }]);
const runB = run('b', 'Run 2', '#222222', [metric(10, -210, { z: 4, h: 2 }), metric(25, -140, { z: 3, h: 1 })]);

describe('elboSeries', () => {
  it('draws training solid and held-out dashed in the run colour, named "Run n · train/held-out"', () => {
    const s = elboSeries([runA, runB]);
    expect(s.map((x) => [x.key, x.name, x.color, x.dash === undefined ? 'solid' : 'dashed'])).toEqual([
      ['s0', 'Run 1 · train', '#111111', 'solid'],
      ['s1', 'Run 1 · held-out', '#111111', 'dashed'],
      ['s2', 'Run 2 · train', '#222222', 'solid'],
    ]);
    expect(toPoints(s[0]!.data)).toEqual([
      { step: 10, value: -200 },
      { step: 20, value: -150 },
      { step: 30, value: -120 },
    ]);
    expect(toPoints(s[1]!.data)).toEqual([{ step: 20, value: -160 }]);
  });

  it('adds the IWAE bound, dotted, after train and held-out, only for runs whose records carry it', () => {
    const iwae = run('i', 'Run 3', '#333333', [{ ...metric(10, -200), scalars: { iwae: -190 } }, { ...metric(20, -150), scalars: { iwae: -145 } }], [
      { step: 20, valElbo: -160, valAccuracy: {} },
    ]);
    const s = elboSeries([runA, iwae, runB]);
    expect(s.map((x) => [x.key, x.name, x.color, x.dash])).toEqual([
      ['s0', 'Run 1 · train', '#111111', undefined],
      ['s1', 'Run 1 · held-out', '#111111', '6 4'],
      ['s2', 'Run 3 · train', '#333333', undefined],
      ['s3', 'Run 3 · held-out', '#333333', '6 4'],
      ['s4', 'Run 3 · IWAE bound', '#333333', '2 2'],
      ['s5', 'Run 2 · train', '#222222', undefined],
    ]);
    expect(toPoints(s[4]!.data)).toEqual([
      { step: 10, value: -190 },
      { step: 20, value: -145 },
    ]);
    // Scalars without the bound (a warm-up's β) draw nothing more.
    expect(elboSeries([run('b', 'Run 4', '#444', [{ ...metric(1, -5), scalars: { beta: 0.1 } }])]).map((x) => x.name)).toEqual(['Run 4 · train']);
    // On a log axis the bound is plotted as its magnitude, like the ELBO.
    const log = buildChartData('elbo', [iwae], { log: true });
    expect(toPoints(log.series[2]!.data).map((p) => p.value)).toEqual([190, 145]);
  });

  it('leaves out non-finite values', () => {
    const s = elboSeries([run('c', 'Run 3', '#333', [metric(1, -5), metric(2, Number.NaN), metric(3, -Infinity), metric(4, -4)])]);
    expect(toPoints(s[0]!.data).map((p) => p.step)).toEqual([1, 4]);
  });
});

describe('reconstruction and learning-rate series', () => {
  it('draws one line per run named after the run', () => {
    expect(reconstructionSeries([runA, runB]).map((s) => [s.name, toPoints(s.data).map((p) => p.value)])).toEqual([
      ['Run 1', [-201, -151, -121]],
      ['Run 2', [-211, -141]],
    ]);
    const lr = learningRateSeries([run('c', 'Run 3', '#333', [metric(1, -1, {}, 1e-3), metric(2, -1, {}, 5e-4)])]);
    expect(toPoints(lr[0]!.data)).toEqual([
      { step: 1, value: 1e-3 },
      { step: 2, value: 5e-4 },
    ]);
  });
});

describe('accuracySeries', () => {
  it('draws held-out accuracy in percent: one line per run, or per classifier output when a run has several', () => {
    const one = run('c', 'Run 3', '#333333', [], [
      { step: 500, valElbo: -0.2, valAccuracy: { label: 0.951 } },
      { step: 938, valElbo: -0.1, valAccuracy: { label: 0.9662 } },
    ]);
    const two = run('d', 'Run 4', '#444444', [], [{ step: 100, valElbo: -1, valAccuracy: { digit: 0.5, parity: 0.75 } }]);
    const s = accuracySeries([one, two, runB]);
    expect(s.map((x) => [x.name, x.color, x.dash === undefined ? 'solid' : 'dashed'])).toEqual([
      ['Run 3', '#333333', 'solid'],
      ['Run 4 · digit', '#444444', 'solid'],
      ['Run 4 · parity', '#444444', 'dashed'],
    ]);
    const points = toPoints(s[0]!.data);
    expect(points.map((p) => p.step)).toEqual([500, 938]);
    expect(points[0]!.value).toBeCloseTo(95.1, 10);
    expect(points[1]!.value).toBeCloseTo(96.62, 10);
    // A VAE reports no accuracy: the chart has nothing to draw and says why.
    expect(buildChartData('accuracy', [runA]).emptyText).toBe('No classifier: the model has no accuracy to report');
  });
});

describe('klSeries', () => {
  it('compares runs: one line per latent per run, run colour, latents told apart by dash', () => {
    const s = klSeries([runA, runB]);
    expect(s.map((x) => [x.name, x.color])).toEqual([
      ['Run 1 · KL z', '#111111'],
      ['Run 2 · KL z', '#222222'],
      ['Run 2 · KL h', '#222222'],
    ]);
    expect(s[1]!.dash).toBeUndefined();
    expect(s[2]!.dash).toBeDefined();
    expect(toPoints(s[2]!.data)).toEqual([
      { step: 10, value: 2 },
      { step: 25, value: 1 },
    ]);
  });

  it('colours the latents of a single run apart, its own colour first', () => {
    const s = klSeries([run('b', 'Run 2', RUN_COLORS[0]!, runB.metrics)]);
    expect(s.map((x) => [x.name, x.color, x.dash])).toEqual([
      ['Run 2 · KL z', RUN_COLORS[0], undefined],
      ['Run 2 · KL h', RUN_COLORS[1], undefined],
    ]);
  });

  it('has no line for a model without latents, and lists latents that appear later', () => {
    expect(klSeries([run('c', 'Run 3', '#333', [metric(1, -1, {})])])).toEqual([]);
    expect(latentNames(run('d', 'Run 4', '#444', [metric(1, -1, { a: 1 }), metric(2, -1, { a: 1, b: 2 })]))).toEqual(['a', 'b']);
  });
});

describe('toLogScale', () => {
  const pts = [
    { step: 1, value: -100 },
    { step: 2, value: 0 },
    { step: 3, value: 2.5 },
    { step: 4, value: -0.5 },
  ];
  it('plots the magnitude of negative metrics and drops what is not positive after negation', () => {
    expect(toPoints(toLogScale(seriesData(pts), 'negate'))).toEqual([
      { step: 1, value: 100 },
      { step: 4, value: 0.5 },
    ]);
  });
  it('keeps positive metrics as they are, dropping values ≤ 0', () => {
    expect(toPoints(toLogScale(seriesData(pts), 'positive'))).toEqual([{ step: 3, value: 2.5 }]);
  });
});

describe('chartRows', () => {
  it('merges series by step, in step order, each row holding the values present at its step', () => {
    const rows = chartRows(elboSeries([runA, runB]));
    expect(rows).toEqual([
      { step: 10, s0: -200, s2: -210 },
      { step: 20, s0: -150, s1: -160 },
      { step: 25, s2: -140 },
      { step: 30, s0: -120 },
    ]);
  });

  it('thins every series to the limit', () => {
    const long = run('l', 'Run 9', '#999', Array.from({ length: 20_000 }, (_, i) => metric(i + 1, -100 - Math.sin(i))));
    const rows = chartRows(elboSeries([long]), 400);
    expect(rows.length).toBeLessThanOrEqual(400);
    expect(rows[0]!.step).toBe(1);
    expect(rows[rows.length - 1]!.step).toBe(20_000);
  });
});

describe('stepDomain', () => {
  it('spans the first to the last step of all series, widening a single step', () => {
    expect(stepDomain(elboSeries([runA, runB]))).toEqual([10, 30]);
    expect(stepDomain(elboSeries([run('c', 'Run 3', '#333', [metric(7, -1)])]))).toEqual([6, 8]);
    expect(stepDomain(elboSeries([run('c', 'Run 3', '#333', [metric(0, -1)])]))).toEqual([0, 1]);
    expect(stepDomain([])).toBeUndefined();
  });
});

describe('logAxis', () => {
  it('rounds out to 1-2-5 values and ticks every 1-2-5 value when few', () => {
    expect(logAxis(93, 540)).toEqual({ domain: [50, 1000], ticks: [50, 100, 200, 500, 1000] });
    expect(logAxis(1e-4, 1e-3)).toEqual({ domain: [1e-4, 1e-3], ticks: [1e-4, 2e-4, 5e-4, 1e-3] });
  });
  it('ticks only powers of ten over many decades', () => {
    expect(logAxis(0.003, 40)).toEqual({ domain: [0.002, 50], ticks: [0.01, 0.1, 1, 10] });
  });
  it('widens a single value and refuses non-positive ranges', () => {
    const one = logAxis(100, 100)!;
    expect(one.domain[0]).toBeLessThan(100);
    expect(one.domain[1]).toBeGreaterThan(100);
    expect(logAxis(0, 10)).toBeUndefined();
    expect(logAxis(-5, 10)).toBeUndefined();
  });
});

describe('buildChartData', () => {
  it('labels the y axis by scale and plots −ELBO on a log axis', () => {
    const lin = buildChartData('elbo', [runA]);
    expect(lin.yLabel).toBe('ELBO (nats)');
    expect(lin.logAxis).toBeUndefined();
    const log = buildChartData('elbo', [runA], { log: true });
    expect(log.yLabel).toBe('\u2212ELBO (nats, log scale)');
    expect(toPoints(log.series[0]!.data).map((p) => p.value)).toEqual([200, 150, 120]);
    expect(log.rows[0]).toEqual({ step: 10, s0: 200 });
    expect(log.logAxis).toEqual({ domain: [100, 200], ticks: [100, 200] });
    expect(log.empty).toBe(false);
  });

  it('says why a chart is empty: no steps yet, no latent, or nothing positive to plot on log', () => {
    const none = buildChartData('elbo', [run('x', 'Run 1', '#000', [])]);
    expect(none.empty).toBe(true);
    expect(none.emptyText).toBe(NO_STEPS_TEXT);
    const noLatent = buildChartData('kl', [run('x', 'Run 1', '#000', [metric(1, -3, {})])]);
    expect(noLatent.empty).toBe(true);
    expect(noLatent.emptyText).toBe('No latent: the model has no KL term');
    const positive = buildChartData('elbo', [run('x', 'Run 1', '#000', [metric(1, 3)])], { log: true });
    expect(positive.empty).toBe(true);
    expect(positive.emptyText).toBe(NO_POSITIVE_TEXT);
    expect(buildChartData('elbo', []).emptyText).toBe(NO_STEPS_TEXT);
  });

  it('handles one point', () => {
    const one = buildChartData('learning-rate', [run('x', 'Run 1', '#000', [metric(5, -3)])]);
    expect(one.rows).toEqual([{ step: 5, s0: 1e-3 }]);
    expect(one.stepDomain).toEqual([4, 6]);
  });
});

describe('step axis', () => {
  it('starts at 0 when the first step is within the first tenth', () => {
    const r = run('x', 'Run 1', '#000', [metric(1, -3), metric(2000, -1)]);
    expect(stepDomain(elboSeries([r]))).toEqual([0, 2000]);
    const late = run('y', 'Run 2', '#000', [metric(500, -3), metric(2000, -1)]);
    expect(stepDomain(elboSeries([late]))).toEqual([500, 2000]);
  });
  it('ticks round multiples inside the domain without widening it', () => {
    expect(stepTicks([0, 2000])).toEqual([0, 500, 1000, 1500, 2000]);
    expect(stepTicks([0, 20_000])).toEqual([0, 5000, 10_000, 15_000, 20_000]);
    expect(stepTicks([500, 2000])).toEqual([500, 1000, 1500, 2000]);
    expect(stepTicks([0, 3])).toEqual([0, 1, 2, 3]);
    expect(stepTicks([4, 4])).toEqual([4]);
  });
});
