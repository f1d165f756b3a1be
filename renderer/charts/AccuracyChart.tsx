import type { RunChartProps } from './ElboChart';
import { MetricChart } from './MetricChart';

/** Held-out accuracy of each observed Categorical (a classifier) of each run against step. */
export function AccuracyChart(props: RunChartProps) {
  return <MetricChart metric="accuracy" {...props} />;
}
