import type { EvalRecord, MetricRecord } from '../../shared/protocol/runs';
import type { SeriesData } from './downsample';
import { dashFor, RUN_COLORS } from './palette';

/**
 * What every chart's series are made of: the runs as the charts see them, the lines drawn, and the
 * helpers the series builders ({@link ./series}, {@link ./scalar-series}) share. Pure.
 */

/** A run as the charts see it. Several runs on one chart are compared, each in its colour. */
export interface ChartRun {
  readonly id: string;
  /** "Run 2": the start of every legend name of the run. */
  readonly name: string;
  readonly color: string;
  /** In step order. */
  readonly metrics: readonly MetricRecord[];
  /** In step order. */
  readonly evals: readonly EvalRecord[];
}

/** One line of a chart. */
export interface Series {
  /** The line's data key in chart rows: `s0`, `s1`, … in drawing order. */
  readonly key: string;
  readonly runId: string;
  /** Legend name: "Run 2 · train", "Run 2 · held-out", "Run 2 · KL z", "Run 2". */
  readonly name: string;
  readonly color: string;
  /** SVG dash pattern; undefined draws a solid line. */
  readonly dash: string | undefined;
  /** Every point, in step order (the tooltip reads these; the line is drawn from a thinned copy). */
  readonly data: SeriesData;
}

/** Series before their data keys are numbered. */
export type Unkeyed = Omit<Series, 'key'>;

/** Numbers the data keys of a chart's series in drawing order. */
export function keyed(series: readonly Unkeyed[]): Series[] {
  return series.map((s, i) => ({ key: `s${i}`, ...s }));
}

/** The finite values `value` reads from records (undefined: no point there), as columns. */
export function columnsOf<R extends { step: number }>(records: readonly R[], value: (r: R) => number | undefined): SeriesData {
  const steps = new Float64Array(records.length);
  const values = new Float64Array(records.length);
  let n = 0;
  for (const r of records) {
    const v = value(r);
    if (v !== undefined && Number.isFinite(v) && Number.isFinite(r.step)) {
      steps[n] = r.step;
      values[n] = v;
      n++;
    }
  }
  return { steps: steps.subarray(0, n), values: values.subarray(0, n) };
}

/** The keys of a per-name record (KL by latent, accuracy by output) across records, in order of first appearance. */
export function namesIn<R>(records: readonly R[], byName: (r: R) => Readonly<Record<string, number>> | undefined): string[] {
  const names = new Set<string>();
  for (const r of records) for (const name of Object.keys(byName(r) ?? {})) names.add(name);
  return [...names];
}

/** How a line is drawn. */
export interface LineStyle {
  readonly color: string;
  readonly dash: string | undefined;
}

/**
 * The style of a run's `index`-th line on a chart with one line per name (latent, quantity). Compared
 * runs keep their colour and tell their lines apart by dash pattern (solid, dashed, dotted, …). A
 * single run colours its lines instead (its own colour first, then the run palette without it): one
 * colour per line reads better when nothing is compared.
 */
export function perNameStyle(run: ChartRun, index: number, single: boolean): LineStyle {
  if (!single) return { color: run.color, dash: dashFor(index) };
  if (index === 0) return { color: run.color, dash: undefined };
  const others = RUN_COLORS.filter((c) => c.toLowerCase() !== run.color.toLowerCase());
  return { color: others[(index - 1) % others.length]!, dash: undefined };
}
