import { useMemo } from 'react';
import { chartsFor, type ChartMetric } from './metric-definitions';
import { MetricChart, type RunChartProps } from './MetricChart';
import type { ChartRun } from './series-base';
import { useStaggered } from './useStaggered';

/** Props of {@link ChartsGrid}. */
export interface ChartsGridProps {
  /** The runs compared (see {@link ChartRun}); keep the array stable between unrelated renders. */
  readonly runs: readonly ChartRun[];
  /** Plot height of each chart (default 220). */
  readonly height?: number;
  /** Points drawn per series at most (default 400). */
  readonly maxPoints?: number;
  /** Called when a chart's "Save PNG" fails. */
  readonly onSaveError?: (error: Error) => void;
}

/** Milliseconds between the redraws of successive charts when new data arrives (see {@link useStaggered}). */
export const CHART_STAGGER_MS = 60;

/**
 * The metric charts that apply to the runs compared ({@link chartsFor}: ELBO or log-likelihood,
 * reconstruction and KL for models with latents, learning rate, accuracy for classifiers, schedules,
 * baselines). Two by two when the grid is wide (a container query: 720 px and more), one column when
 * narrow. New data reaches them one after another, {@link CHART_STAGGER_MS} apart, so no single task
 * redraws them all.
 */
export function ChartsGrid({ runs, height, maxPoints, onSaveError }: ChartsGridProps) {
  const metrics = useMemo(() => chartsFor(runs), [runs]);
  return (
    <div className="run-charts">
      <div className="run-charts__grid">
        {metrics.map((metric, i) => (
          <StaggeredChart key={metric} metric={metric} delayMs={i * CHART_STAGGER_MS} runs={runs} height={height} maxPoints={maxPoints} onSaveError={onSaveError} />
        ))}
      </div>
    </div>
  );
}

/** A chart that takes new runs `delayMs` after they change. */
function StaggeredChart({ metric, delayMs, runs, ...rest }: RunChartProps & { readonly metric: ChartMetric; readonly delayMs: number }) {
  const shown = useStaggered(runs, delayMs);
  return <MetricChart metric={metric} runs={shown} {...rest} />;
}
