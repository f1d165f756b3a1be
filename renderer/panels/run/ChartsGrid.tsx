import { accuracyNames, type ChartRun } from './series';
import { useStaggered } from './useStaggered';
import { AccuracyChart } from './AccuracyChart';
import { ElboChart } from './ElboChart';
import { KlChart } from './KlChart';
import { LearningRateChart } from './LearningRateChart';
import { ReconstructionChart } from './ReconstructionChart';

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
 * The metric charts: ELBO, reconstruction, KL and learning rate, and held-out accuracy when a run
 * classifies; two by two when the grid is wide (a container query: 720 px and more), one column
 * when narrow. New data reaches them one
 * after another, {@link CHART_STAGGER_MS} apart, so no single task redraws all four.
 */
export function ChartsGrid({ runs, height, maxPoints, onSaveError }: ChartsGridProps) {
  const common = { height, maxPoints, onSaveError };
  const second = useStaggered(runs, CHART_STAGGER_MS);
  const third = useStaggered(runs, 2 * CHART_STAGGER_MS);
  const fourth = useStaggered(runs, 3 * CHART_STAGGER_MS);
  const fifth = useStaggered(runs, 4 * CHART_STAGGER_MS);
  // A classifier's accuracy is what people watch; a model without one gets no empty chart.
  const classifies = runs.some((r) => accuracyNames(r).length > 0);
  return (
    <div className="run-charts">
      <div className="run-charts__grid">
        <ElboChart runs={runs} {...common} />
        <ReconstructionChart runs={second} {...common} />
        <KlChart runs={third} {...common} />
        <LearningRateChart runs={fourth} {...common} />
        {classifies ? <AccuracyChart runs={fifth} {...common} /> : null}
      </div>
    </div>
  );
}
