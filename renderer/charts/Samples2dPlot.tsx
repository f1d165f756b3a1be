import { useMemo } from 'react';
import type { Inspection } from '../../shared/protocol/runs';
import { ChartLegend } from './ChartLegend';
import { formatStep } from './format';
import { REFERENCE_GREY, RUN_COLORS } from './palette';
import { extentOf, subscript } from './plot-scale';
import { PointPlot, type PointLayer } from './PointPlot';

/** The 2-D section of an inspection: held-out data and draws from the model. */
export type Samples2d = NonNullable<Inspection['samples2d']>;

/** Props of {@link Samples2dPlot}. */
export interface Samples2dPlotProps {
  readonly samples2d: Samples2d;
  /** Plot height in CSS pixels (default 260). */
  readonly height?: number;
  /** The training step the inspection was taken at, shown beside the title. */
  readonly step?: number;
  /** Colour of the model's samples (default the first run colour). */
  readonly color?: string;
}

/**
 * A model of 2-D data at a glance: the held-out data in grey beneath the model's samples in colour,
 * on shared axes (one extent covering both), with a legend. Exported as `samples-2d.png`.
 */
export function Samples2dPlot({ samples2d, height, step, color = RUN_COLORS[0]! }: Samples2dPlotProps) {
  const { observed, data, samples } = samples2d;
  const nData = Math.floor(data.length / 2);
  const nSamples = Math.floor(samples.length / 2);
  const extent = useMemo(() => extentOf(data, samples), [data, samples]);
  const layers = useMemo<PointLayer[]>(
    () => [
      { points: data, color: REFERENCE_GREY, radius: 2, alpha: 0.6 },
      { points: samples, color, radius: 1.75, alpha: 0.6 },
    ],
    [data, samples, color],
  );
  const aria = `2-D samples of ${observed}: ${formatStep(nSamples)} model samples over ${formatStep(nData)} held-out points`;
  const title = `Samples of ${observed}`;
  return (
    <figure className="run-chart run-scatter" role="figure" aria-label={aria} data-chart-name="samples-2d" data-chart-title={title}>
      <div className="run-chart__header">
        <h3 className="run-chart__title">{title}</h3>
        <span className="run-chart__meta">
          {formatStep(nSamples)} samples · {formatStep(nData)} held-out
          {step !== undefined && ` · step ${formatStep(step)}`}
        </span>
      </div>
      {nData + nSamples === 0 ? (
        <div className="run-chart__plot" style={{ height: height ?? 260 }}>
          <div className="run-chart__empty" role="status">
            No samples yet
          </div>
        </div>
      ) : (
        <PointPlot layers={layers} xLabel={`${observed}${subscript(1)}`} yLabel={`${observed}${subscript(2)}`} ariaLabel={aria} height={height} extent={extent} />
      )}
      <ChartLegend
        entries={[
          { key: 'data', name: 'held-out data', color: REFERENCE_GREY, shape: 'dot' },
          { key: 'samples', name: 'model samples', color, shape: 'dot' },
        ]}
      />
    </figure>
  );
}
