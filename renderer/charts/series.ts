import { downsampleIndices, MAX_POINTS_PER_SERIES, type SeriesData } from './downsample';
import { definitionFor, METRICS, type ChartMetric, type LogTransform, type MetricDefinition } from './metric-definitions';
import { niceStep } from './plot-scale';
import type { ChartRun, Series } from './series-base';

/**
 * Chart data of the training dock, built from the runs' metric and evaluation records. Pure: the
 * chart components only draw what these functions return. The series of the runs' further scalars
 * are built in {@link ./scalar-series}.
 */

export type { ChartRun, Series } from './series-base';
export { definitionFor, METRICS, type ChartMetric, type LogTransform, type MetricDefinition, type ValueFormat } from './metric-definitions';
export { accuracyNames, accuracySeries, elboSeries, hasLatents, HELD_OUT_DASH, klSeries, latentNames, learningRateSeries, reconstructionSeries } from './metric-series';

/** The series of one of the dock's charts. */
export function seriesFor(metric: ChartMetric, runs: readonly ChartRun[]): Series[] {
  return METRICS[metric].series(runs);
}

/**
 * The order lines are painted in: run by run from the last compared to the first, each run's own
 * lines in their order. The first run (the one the dock shows) is painted last, so it lies on top
 * of the runs overlaid on it; the legend and the tooltip keep the series order.
 */
export function paintOrder(series: readonly Series[]): Series[] {
  const runs = [...new Set(series.map((s) => s.runId))].reverse();
  return runs.flatMap((id) => series.filter((s) => s.runId === id));
}

/**
 * Points as a log axis plots them. `negate` (ELBO, reconstruction: negative log-densities' sums)
 * plots the magnitude −v; `positive` (KL, learning rate) keeps v. Values that are not positive after
 * that have no place on a log axis and are dropped.
 */
export function toLogScale(data: SeriesData, transform: LogTransform): SeriesData {
  const n = data.steps.length;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = transform === 'negate' ? -data.values[i]! : data.values[i]!;
    if (v > 0 && Number.isFinite(v)) {
      steps[k] = data.steps[i]!;
      values[k] = v;
      k++;
    }
  }
  return { steps: steps.subarray(0, k), values: values.subarray(0, k) };
}

/** One row of a chart's data: the step and the value of every series that has a point there. */
export interface ChartRow {
  readonly step: number;
  readonly [key: string]: number;
}

/**
 * The rows a chart is drawn from: every series thinned to `maxPoints` ({@link downsampleMinMax}),
 * then merged by step, in step order. A series without a point at a row's step has no value in that
 * row (lines connect across such gaps).
 */
export function chartRows(series: readonly Series[], maxPoints: number = MAX_POINTS_PER_SERIES): ChartRow[] {
  const byStep = new Map<number, Record<string, number>>();
  for (const s of series) {
    const { steps, values } = s.data;
    for (const i of downsampleIndices(steps.length, (j) => values[j]!, maxPoints)) {
      const step = steps[i]!;
      let row = byStep.get(step);
      if (!row) {
        row = { step };
        byStep.set(step, row);
      }
      row[s.key] = values[i]!;
    }
  }
  return [...byStep.values()].sort((a, b) => a.step! - b.step!) as ChartRow[];
}

/**
 * The steps an x axis spans: first to last step of all series, from 0 when the first is within the
 * first tenth; a single step is widened by one each side (not below 0).
 */
export function stepDomain(series: readonly Series[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const n = s.data.steps.length;
    if (n > 0) {
      lo = Math.min(lo, s.data.steps[0]!);
      hi = Math.max(hi, s.data.steps[n - 1]!);
    }
  }
  if (lo > hi) return undefined;
  if (lo === hi) return [Math.max(0, lo - 1), hi + 1];
  // A run seen from (nearly) its start is drawn from step 0: round ticks, no stray "1" at the origin.
  if (lo >= 0 && lo <= 0.1 * hi) return [0, hi];
  return [lo, hi];
}

/**
 * Step ticks: the multiples of a 1-2-5 step (about `count` intervals) inside the domain. The domain
 * is not widened, so the last point stays at the right edge.
 */
export function stepTicks(domain: readonly [number, number], count = 4): number[] {
  const [lo, hi] = domain;
  if (!(hi > lo)) return [lo];
  // Steps are whole numbers: never a tick step below 1.
  const step = Math.max(1, niceStep(hi - lo, count));
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** A log axis: its domain (1-2-5 values around the data) and tick values. */
export interface LogAxis {
  readonly domain: [number, number];
  readonly ticks: number[];
}

const MANTISSAS = [1, 2, 5];

/**
 * A log axis for positive values from `min` to `max`: the domain is widened to the nearest 1, 2 or
 * 5 × 10ᵏ outside them; ticks are the 1-2-5 values in it when there are at most `maxTicks`, else the
 * powers of ten (every other one, or sparser, if still too many).
 */
export function logAxis(min: number, max: number, maxTicks = 7): LogAxis | undefined {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  if (min > max) [min, max] = [max, min];
  const below = (v: number): number => {
    const k = Math.floor(Math.log10(v));
    let best = 10 ** k;
    for (const m of MANTISSAS) if (m * 10 ** k <= v * (1 + 1e-12)) best = m * 10 ** k;
    return clean(best);
  };
  const above = (v: number): number => {
    const k = Math.floor(Math.log10(v));
    for (const m of [...MANTISSAS, 10]) if (m * 10 ** k >= v * (1 - 1e-12)) return clean(m * 10 ** k);
    return clean(10 ** (k + 1));
  };
  let lo = below(min);
  let hi = above(max);
  if (lo === hi) {
    lo = below(lo * 0.99);
    hi = above(hi * 1.01);
  }
  const kLo = Math.floor(Math.log10(lo) + 1e-9);
  const kHi = Math.ceil(Math.log10(hi) - 1e-9);
  const all: number[] = [];
  const powers: number[] = [];
  for (let k = kLo; k <= kHi; k++) {
    for (const m of MANTISSAS) {
      const v = clean(m * 10 ** k);
      if (v >= lo && v <= hi) {
        all.push(v);
        if (m === 1) powers.push(v);
      }
    }
  }
  if (all.length <= maxTicks) return { domain: [lo, hi], ticks: all };
  let every = 1;
  while (Math.ceil(powers.length / every) > maxTicks) every++;
  return { domain: [lo, hi], ticks: powers.filter((_, i) => i % every === 0) };
}

/** Removes floating-point noise from 1-2-5 × 10ᵏ values (0.1 + ... artefacts). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** Everything a metric chart draws. */
export interface ChartData {
  readonly definition: MetricDefinition;
  readonly log: boolean;
  readonly yLabel: string;
  /** The series as plotted (on a log axis: transformed, non-positive values dropped). */
  readonly series: readonly Series[];
  readonly rows: ChartRow[];
  readonly stepDomain: [number, number] | undefined;
  /** Set on a log axis with data. */
  readonly logAxis: LogAxis | undefined;
  /** No series has a point to draw. */
  readonly empty: boolean;
  /** What the chart says instead of lines when it is empty. */
  readonly emptyText: string;
}

/** Said by an empty chart before any run reported a step. */
export const NO_STEPS_TEXT = 'No steps reported yet';
/** Said by an empty log chart whose values are all ≤ 0 after the transform. */
export const NO_POSITIVE_TEXT = 'No positive values to plot on a log scale';

/** Options of {@link buildChartData}. */
export interface BuildChartOptions {
  readonly log?: boolean;
  readonly maxPoints?: number;
}

/** A metric chart's data for the runs compared: series (log-transformed if asked), rows, axes. */
export function buildChartData(metric: ChartMetric, runs: readonly ChartRun[], options: BuildChartOptions = {}): ChartData {
  const definition = definitionFor(metric, runs);
  const transform = definition.logTransform;
  // A linear-only chart (schedules) ignores a log request.
  const log = (options.log ?? false) && transform !== null;
  const raw = definition.series(runs);
  let series = raw;
  if (log && transform !== null) series = series.map((s) => ({ ...s, data: toLogScale(s.data, transform) }));
  const rows = chartRows(series, options.maxPoints);
  let axis: LogAxis | undefined;
  if (log) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of series) {
      for (const v of s.data.values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    axis = logAxis(min, max);
  }
  return {
    definition,
    log,
    yLabel: log ? definition.logYLabel : definition.yLabel,
    series,
    rows,
    stepDomain: stepDomain(series),
    logAxis: axis,
    empty: series.every((s) => s.data.steps.length === 0),
    emptyText: runs.every((r) => r.metrics.length === 0 && r.evals.length === 0)
      ? NO_STEPS_TEXT
      : raw.some((s) => s.data.steps.length > 0)
        ? NO_POSITIVE_TEXT
        : definition.missingText,
  };
}
