import type { RunChartProps } from './ElboChart';
import { MetricChart } from './MetricChart';

/** The running baseline of each score-function latent of each run against step. */
export function BaselinesChart(props: RunChartProps) {
  return <MetricChart metric="baseline" {...props} />;
}
