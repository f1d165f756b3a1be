import type { RunChartProps } from './ElboChart';
import { MetricChart } from './MetricChart';

/** The optimiser's learning rate per run against step. */
export function LearningRateChart(props: RunChartProps) {
  return <MetricChart metric="learning-rate" {...props} />;
}
