import { useMemo } from 'react';
import type { LatentMapData } from '../../shared/protocol/runs';
import { ChartLegend } from './ChartLegend';
import { formatStep } from './format';
import { classColor, RUN_COLORS } from './palette';
import { distinctLabels, latentAxisLabels } from './plot-scale';
import { PointPlot, type PointLayer } from './PointPlot';
import { chartFileStem } from './chart-names';

/** Props of {@link LatentScatter}. */
export interface LatentScatterProps {
  /** One latent's map of encoded held-out examples (from the run's inspection). */
  readonly map: LatentMapData;
  /** Plot height in CSS pixels (default 260). */
  readonly height?: number;
  /** The training step the inspection was taken at, shown beside the title. */
  readonly step?: number;
}

/**
 * A latent's 2-D map: the posterior means of held-out examples (or their first two principal
 * components), coloured by class label with a legend of labels when the data set has labels. The
 * header names the latent, the number of points and the method; axes read "z₁"/"z₂" or
 * "PC 1 (34%)"/"PC 2 (12%)". Exported as `latent-<name>.png`.
 */
export function LatentScatter({ map, height, step }: LatentScatterProps) {
  const count = Math.floor(map.points.length / 2);
  const [xLabel, yLabel] = latentAxisLabels(map);
  const labels = map.labels && map.labels.length >= count ? map.labels : undefined;
  const classes = useMemo(() => distinctLabels(labels), [labels]);
  const layers = useMemo<PointLayer[]>(
    () => [{ points: map.points, color: RUN_COLORS[0]!, colors: labels?.map(classColor), radius: 2, alpha: 0.7 }],
    [map.points, labels],
  );
  const method = map.method === 'pca' ? 'first two principal components' : 'posterior means';
  const aria = `Latent map of ${map.latent}: ${formatStep(count)} held-out examples, ${method}${labels ? `, coloured by label (${classes.length} classes)` : ''}`;
  const title = `Latent ${map.latent}`;
  return (
    <figure className="run-chart run-scatter" role="figure" aria-label={aria} data-chart-name={`latent-${chartFileStem(map.latent)}`} data-chart-title={title}>
      <div className="run-chart__header">
        <h3 className="run-chart__title">{title}</h3>
        <span className="run-chart__meta">
          {formatStep(count)} points · {map.method === 'pca' ? 'PCA' : 'posterior means'}
          {step !== undefined && ` · step ${formatStep(step)}`}
        </span>
      </div>
      {count === 0 ? (
        <div className="run-chart__plot" style={{ height: height ?? 260 }}>
          <div className="run-chart__empty" role="status">
            No encoded examples yet
          </div>
        </div>
      ) : (
        <PointPlot layers={layers} xLabel={xLabel} yLabel={yLabel} ariaLabel={aria} height={height} />
      )}
      <ChartLegend label="Labels" entries={classes.map((c) => ({ key: String(c), name: String(c), color: classColor(c), shape: 'dot' }))} />
    </figure>
  );
}
