import type { RunChartProps } from './ElboChart';
import { MetricChart } from './MetricChart';

/** The KL weight β and the relaxed latents' temperatures τ that change over a run, per run against step. */
export function SchedulesChart(props: RunChartProps) {
  return <MetricChart metric="schedule" {...props} />;
}
