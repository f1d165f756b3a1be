/**
 * The training dock's visual components (charts, image grids, latent maps, progress) and the pure
 * helpers they draw from. Wiring to the run store happens elsewhere.
 */
export { ChartsGrid, type ChartsGridProps } from './ChartsGrid';
export { MetricChart, type MetricChartProps, type RunChartProps } from './MetricChart';
export { chartsFor, definitionFor } from './metric-definitions';
export { ChartLegend, type ChartLegendProps, type LegendEntry } from './ChartLegend';
export { ImageGrid, type ImageGridProps } from './ImageGrid';
export { ReconstructionGrid, type ReconstructionGridProps } from './ReconstructionGrid';
export { LatentScatter, type LatentScatterProps } from './LatentScatter';
export { Samples2dPlot, type Samples2d, type Samples2dPlotProps } from './Samples2dPlot';
export { PointPlot, type PointLayer, type PointPlotProps } from './PointPlot';
export { ProgressBar, type ProgressBarProps, type ProgressRun } from './ProgressBar';
export { captureChartImages, collectChartImages, chartToPngBase64, chartToPngBlob, downloadChartPng, type PngOptions } from './chart-png';
export { buildChartData, METRICS, type ChartData, type ChartMetric, type ChartRun, type Series } from './series';
export { RUN_COLORS, CLASS_COLORS, runColor, classColor } from './palette';
export { formatDuration, formatStepsPerSec } from './format';
export { etaSeconds, progressFraction } from './progress';
