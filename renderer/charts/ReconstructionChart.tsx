import type { RunChartProps } from './ElboChart';
import { MetricChart } from './MetricChart';

/** The reconstruction term E_q[log p(x | z)] per run against step. */
export function ReconstructionChart(props: RunChartProps) {
  return <MetricChart metric="reconstruction" {...props} />;
}
