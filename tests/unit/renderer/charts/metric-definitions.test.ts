import { describe, expect, it } from 'vitest';
import type { EvalRecord, MetricRecord } from '../../../../shared/protocol/runs';
import { chartsFor, definitionFor, METRICS, type MetricDefinition } from '../../../../renderer/charts/metric-definitions';
import { buildChartData, type ChartRun } from '../../../../renderer/charts/series';

function metric(step: number, kl: Record<string, number>, scalars?: Record<string, number>): MetricRecord {
  return { step, totalSteps: 100, elbo: -100 + step, reconstruction: -90 + step, kl, learningRate: 1e-3, stepsPerSec: 50, ...(scalars && { scalars }) };
}

function run(metrics: readonly MetricRecord[], evals: readonly EvalRecord[] = []): ChartRun {
  return { id: 'r', name: 'Run 1', color: '#111111', metrics, evals };
}

const vae = run([metric(10, { z: 5 }), metric(20, { z: 4 })], [{ step: 20, valElbo: -90, valAccuracy: {} }]);
const classifier = run([metric(10, {}), metric(20, {})], [{ step: 20, valElbo: -0.3, valAccuracy: { label: 0.9 } }]);

describe('the dock charts table', () => {
  it('gives every chart its own series builder and a unique file name', () => {
    const defs = Object.values(METRICS) as MetricDefinition[];
    expect(new Set(defs.map((d) => d.name)).size).toBe(defs.length);
    for (const d of defs) expect(d.series([vae])).toBeInstanceOf(Array);
  });

  it('shows a VAE its ELBO, reconstruction, KL and learning rate, in that order', () => {
    expect(chartsFor([vae])).toEqual(['elbo', 'reconstruction', 'kl', 'learning-rate']);
    expect(definitionFor('elbo', [vae]).title).toBe('ELBO');
  });

  it('titles a classifier\u2019s charts for what they show: log-likelihood and accuracy, no reconstruction or KL', () => {
    expect(chartsFor([classifier])).toEqual(['elbo', 'learning-rate', 'accuracy']);
    const d = definitionFor('elbo', [classifier]);
    expect([d.title, d.name, d.yLabel]).toEqual(['Log-likelihood', 'log-likelihood', 'log-likelihood (nats)']);
    expect(buildChartData('elbo', [classifier]).definition.title).toBe('Log-likelihood');
  });

  it('keeps the full set before any step is reported, so the grid does not shrink and grow at the start', () => {
    expect(chartsFor([run([])])).toEqual(['elbo', 'reconstruction', 'kl', 'learning-rate']);
  });

  it('adds schedules and baselines only for runs that report them', () => {
    const warm = run([metric(10, { z: 1 }, { beta: 0.1, 'baseline/z': -50 }), metric(20, { z: 1 }, { beta: 0.2, 'baseline/z': -40 })]);
    expect(chartsFor([warm])).toEqual(['elbo', 'reconstruction', 'kl', 'learning-rate', 'schedule', 'baseline']);
  });
});

describe('paintOrder', () => {
  it('paints the run shown last, on top of the runs compared, each run\u2019s lines in their order', async () => {
    const { elboSeries, paintOrder } = await import('../../../../renderer/charts/series');
    const other = { ...vae, id: 'o', name: 'Run 2', evals: [] };
    const series = elboSeries([vae, other]);
    expect(series.map((s) => s.name)).toEqual(['Run 1 · train', 'Run 1 · held-out', 'Run 2 · train']);
    expect(paintOrder(series).map((s) => s.name)).toEqual(['Run 2 · train', 'Run 1 · train', 'Run 1 · held-out']);
  });
});
