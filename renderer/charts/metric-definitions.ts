import { accuracyNames, accuracySeries, elboSeries, hasLatents, klSeries, learningRateSeries, reconstructionSeries } from './metric-series';
import { baselineSeries, hasBaselines, hasSchedules, scheduleSeries } from './scalar-series';
import type { ChartRun, Series } from './series-base';

/**
 * The dock's metric charts: which there are, when each is shown, what it draws, and how it is
 * titled, named, scaled and written. A new chart is one entry of {@link METRICS}.
 */

/**
 * The charts of the dock. Accuracy only for models with an observed Categorical (classifiers);
 * schedules only when a run's β or a temperature changes; baselines only for score-function latents.
 */
export type ChartMetric = 'elbo' | 'reconstruction' | 'kl' | 'learning-rate' | 'accuracy' | 'schedule' | 'baseline';

/** How a chart writes its values. */
export type ValueFormat = 'nats' | 'rate' | 'percent' | 'significant';

/** How a metric's values become positive for a log axis. */
export type LogTransform = 'negate' | 'positive';

/** What a chart shows and how it names it. */
export interface MetricDefinition {
  readonly metric: ChartMetric;
  /** File name stem of its PNG and its `data-chart-name`. */
  readonly name: string;
  readonly title: string;
  /** Accessible name of the chart's figure. */
  readonly ariaLabel: string;
  readonly yLabel: string;
  readonly logYLabel: string;
  /** `nats`: two decimals; `rate`: exponent form; `percent`: a percentage; `significant`: three significant digits. */
  readonly format: ValueFormat;
  /**
   * `negate`: the values are negative (ELBO, log-likelihood) and a log axis plots their magnitude;
   * `positive`: a log axis plots them as they are; null: the axis is linear only (no log switch).
   */
  readonly logTransform: LogTransform | null;
  /** The linear y axis starts at 0 (KL, learning rate, schedules) rather than around the data. */
  readonly yFromZero: boolean;
  /** What the chart says when runs have steps but none has this metric (a model without latents has no KL). */
  readonly missingText: string;
  /** The lines it draws for the runs compared. */
  readonly series: (runs: readonly ChartRun[]) => Series[];
  /** Whether the chart is shown for the runs compared (absent: always). */
  readonly shownFor?: (runs: readonly ChartRun[]) => boolean;
  /**
   * How the chart is named when the runs' models have no latent (a classifier, a density fitted by
   * maximum likelihood): there the ELBO is the log-likelihood itself.
   */
  readonly withoutLatents?: Pick<MetricDefinition, 'name' | 'title' | 'ariaLabel' | 'yLabel' | 'logYLabel'>;
}

/** The dock's charts by metric, in the order the dock shows them. */
export const METRICS: Readonly<Record<ChartMetric, MetricDefinition>> = {
  elbo: {
    metric: 'elbo',
    name: 'elbo',
    title: 'ELBO',
    ariaLabel: 'ELBO chart: training and held-out ELBO, and the IWAE bound when reported, against step',
    yLabel: 'ELBO (nats)',
    logYLabel: '\u2212ELBO (nats, log scale)',
    format: 'nats',
    logTransform: 'negate',
    yFromZero: false,
    missingText: 'No ELBO reported',
    series: elboSeries,
    withoutLatents: {
      name: 'log-likelihood',
      title: 'Log-likelihood',
      ariaLabel: 'Log-likelihood chart: training and held-out log-likelihood of the data against step',
      yLabel: 'log-likelihood (nats)',
      logYLabel: '\u2212log-likelihood (nats, log scale)',
    },
  },
  reconstruction: {
    metric: 'reconstruction',
    name: 'reconstruction',
    title: 'Reconstruction',
    ariaLabel: 'Reconstruction chart: expected log-likelihood of the data against step',
    yLabel: 'log p(x | z) (nats)',
    logYLabel: '\u2212log p(x | z) (nats, log scale)',
    format: 'nats',
    logTransform: 'negate',
    yFromZero: false,
    missingText: 'No reconstruction term reported',
    series: reconstructionSeries,
    // Without a latent the reconstruction term is the log-likelihood the first chart shows.
    shownFor: hasLatents,
  },
  kl: {
    metric: 'kl',
    name: 'kl',
    title: 'KL divergence',
    ariaLabel: 'KL chart: KL divergence of each latent against step',
    yLabel: 'KL(q ‖ p) (nats)',
    logYLabel: 'KL(q ‖ p) (nats, log scale)',
    format: 'nats',
    logTransform: 'positive',
    yFromZero: true,
    missingText: 'No latent: the model has no KL term',
    series: klSeries,
    shownFor: hasLatents,
  },
  'learning-rate': {
    metric: 'learning-rate',
    name: 'learning-rate',
    title: 'Learning rate',
    ariaLabel: 'Learning rate chart: the optimiser’s learning rate against step',
    yLabel: 'Learning rate',
    logYLabel: 'Learning rate (log scale)',
    format: 'rate',
    logTransform: 'positive',
    yFromZero: true,
    missingText: 'No learning rate reported',
    series: learningRateSeries,
  },
  accuracy: {
    metric: 'accuracy',
    name: 'accuracy',
    title: 'Held-out accuracy',
    ariaLabel: 'Accuracy chart: held-out classification accuracy against step',
    yLabel: 'Accuracy (%)',
    logYLabel: 'Accuracy (%, log scale)',
    format: 'percent',
    logTransform: 'positive',
    // Accuracy near 97% would be a flat line from 0%.
    yFromZero: false,
    missingText: 'No classifier: the model has no accuracy to report',
    series: accuracySeries,
    shownFor: (runs) => runs.some((r) => accuracyNames(r).length > 0),
  },
  schedule: {
    metric: 'schedule',
    name: 'schedules',
    title: 'Schedules',
    ariaLabel: 'Schedules chart: β and temperatures against step',
    yLabel: 'β, τ',
    // β warms up from 0: no log axis.
    logYLabel: 'β, τ',
    format: 'significant',
    logTransform: null,
    yFromZero: true,
    missingText: 'No schedule: β and the temperatures are constant',
    series: scheduleSeries,
    shownFor: hasSchedules,
  },
  baseline: {
    metric: 'baseline',
    name: 'baselines',
    title: 'Baselines',
    ariaLabel: 'Baselines chart: running baseline of each score-function latent against step',
    yLabel: 'Baseline (nats)',
    logYLabel: '\u2212baseline (nats, log scale)',
    format: 'nats',
    logTransform: 'negate',
    yFromZero: false,
    missingText: 'No score-function latent: no baseline to report',
    series: baselineSeries,
    shownFor: hasBaselines,
  },
};

/** The charts shown for the runs compared, in the dock's order. */
export function chartsFor(runs: readonly ChartRun[]): ChartMetric[] {
  return (Object.values(METRICS) as MetricDefinition[]).filter((d) => d.shownFor?.(runs) ?? true).map((d) => d.metric);
}

/** A chart's definition as named for the runs compared (a model without latents plots its log-likelihood). */
export function definitionFor(metric: ChartMetric, runs: readonly ChartRun[]): MetricDefinition {
  const d = METRICS[metric];
  return d.withoutLatents && !hasLatents(runs) ? { ...d, ...d.withoutLatents } : d;
}
