import { MetricChart, type MetricChartProps } from './MetricChart';

/** Props of the metric charts: those of {@link MetricChart} without the metric. */
export type RunChartProps = Omit<MetricChartProps, 'metric'>;

/** Training (solid) and held-out (dashed) ELBO, and the IWAE bound (dotted) when reported, per run against step. */
export function ElboChart(props: RunChartProps) {
  return <MetricChart metric="elbo" {...props} />;
}
