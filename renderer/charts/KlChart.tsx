import type { RunChartProps } from './ElboChart';
import { MetricChart } from './MetricChart';

/** KL(q ‖ p) of each latent of each run against step. */
export function KlChart(props: RunChartProps) {
  return <MetricChart metric="kl" {...props} />;
}
