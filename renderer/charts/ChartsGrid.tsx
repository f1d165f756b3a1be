import { useMemo } from 'react';
import { hasBaselines, hasSchedules } from './scalar-series';
import { accuracyNames, type ChartRun } from './series';
import { useStaggered } from './useStaggered';
import { AccuracyChart } from './AccuracyChart';
import { BaselinesChart } from './BaselinesChart';
import { ElboChart } from './ElboChart';
import { KlChart } from './KlChart';
import { LearningRateChart } from './LearningRateChart';
import { ReconstructionChart } from './ReconstructionChart';
import { SchedulesChart } from './SchedulesChart';

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
 * The metric charts: ELBO, reconstruction, KL and learning rate; held-out accuracy when a run
 * classifies, schedules when a run's β or a temperature changes, baselines when a run has a
 * score-function latent. Two by two when the grid is wide (a container query: 720 px and more), one
 * column when narrow. New data reaches them one after another, {@link CHART_STAGGER_MS} apart, so
 * no single task redraws them all.
 */
export function ChartsGrid({ runs, height, maxPoints, onSaveError }: ChartsGridProps) {
  const common = { height, maxPoints, onSaveError };
  const second = useStaggered(runs, CHART_STAGGER_MS);
  const third = useStaggered(runs, 2 * CHART_STAGGER_MS);
  const fourth = useStaggered(runs, 3 * CHART_STAGGER_MS);
  const fifth = useStaggered(runs, 4 * CHART_STAGGER_MS);
  const sixth = useStaggered(runs, 5 * CHART_STAGGER_MS);
  const seventh = useStaggered(runs, 6 * CHART_STAGGER_MS);
  // Charts that only some models have: a model without one gets no empty chart.
  const shown = useMemo(
    () => ({ accuracy: runs.some((r) => accuracyNames(r).length > 0), schedules: hasSchedules(runs), baselines: hasBaselines(runs) }),
    [runs],
  );
  return (
    <div className="run-charts">
      <div className="run-charts__grid">
        <ElboChart runs={runs} {...common} />
        <ReconstructionChart runs={second} {...common} />
        <KlChart runs={third} {...common} />
        <LearningRateChart runs={fourth} {...common} />
        {shown.accuracy ? <AccuracyChart runs={fifth} {...common} /> : null}
        {shown.schedules ? <SchedulesChart runs={sixth} {...common} /> : null}
        {shown.baselines ? <BaselinesChart runs={seventh} {...common} /> : null}
      </div>
    </div>
  );
}
