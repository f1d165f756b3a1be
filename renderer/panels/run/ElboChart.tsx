import { MetricChart, type MetricChartProps } from './MetricChart';

/** Props of the four metric charts: those of {@link MetricChart} without the metric. */
export type RunChartProps = Omit<MetricChartProps, 'metric'>;

/** Training (solid) and held-out (dashed) ELBO per run against step. */
export function ElboChart(props: RunChartProps) {
  return <MetricChart metric="elbo" {...props} />;
}
