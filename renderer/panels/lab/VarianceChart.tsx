import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { LabEstimator } from '../../../shared/protocol/lab';
import { estimatorColor } from './estimator-colors';
import { formatCosine, formatPowerOfTen, formatVariance, rowName } from './lab-format';

/** Props of {@link VarianceChart}. */
export interface VarianceChartProps {
  readonly estimators: readonly LabEstimator[];
}

const TICK_STYLE = { fontSize: 11 };
const ROW_HEIGHT = 24;

/** Whole decades from below the smallest value to above the largest. */
function decades(values: readonly number[]): number[] {
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  return Array.from({ length: Math.max(hi - lo, 1) + 1 }, (_, i) => 10 ** (lo + i));
}

/**
 * The estimators' variances as horizontal bars on a log scale (they span orders of magnitude),
 * coloured by kind of estimator. An exact gradient (variance 0) has no place on a log scale: it is
 * named under the chart instead.
 */
export const VarianceChart = memo(function VarianceChart({ estimators }: VarianceChartProps) {
  const several = new Set(estimators.map((e) => e.latent)).size > 1;
  const rows = useMemo(
    () => estimators.filter((e) => e.variance > 0 && Number.isFinite(e.variance)).map((e) => ({ name: rowName(e, several), variance: e.variance, cosine: e.cosine, estimator: e.estimator })),
    [estimators, several],
  );
  const exact = estimators.filter((e) => e.variance === 0).map((e) => rowName(e, several));
  const ticks = useMemo(() => (rows.length ? decades(rows.map((r) => r.variance)) : []), [rows]);
  const labelWidth = Math.min(260, 12 + 6.5 * Math.max(0, ...rows.map((r) => r.name.length)));
  const height = rows.length * ROW_HEIGHT + 44;

  return (
    <figure className="lab-chart" role="figure" aria-label="Variance of each estimator's gradient estimates, log scale">
      <figcaption className="lab-chart__title">Variance per parameter (log scale)</figcaption>
      {rows.length > 0 ? (
        <BarChart layout="vertical" responsive width="100%" height={height} data={rows} margin={{ top: 4, right: 24, bottom: 4, left: 4 }} barCategoryGap={4} baseValue={ticks[0]} accessibilityLayer>
          <CartesianGrid horizontal={false} />
          <XAxis
            type="number"
            dataKey="variance"
            scale="log"
            domain={[ticks[0]!, ticks.at(-1)!]}
            ticks={ticks}
            allowDataOverflow
            tickFormatter={(v: number) => formatPowerOfTen(Math.round(Math.log10(v)))}
            tick={TICK_STYLE}
            tickLine={false}
            height={28}
          />
          <YAxis type="category" dataKey="name" width={labelWidth} tick={TICK_STYLE} tickLine={false} axisLine={false} interval={0} />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: 'rgba(59, 91, 219, 0.08)' }}
            formatter={(value) => [formatVariance(Number(value)), 'variance']}
            labelFormatter={(label, payload) => {
              const cos = payload?.[0]?.payload?.cosine as number | undefined;
              return cos === undefined ? String(label) : `${String(label)} · cos to reference ${formatCosine(cos)}`;
            }}
          />
          <Bar dataKey="variance" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.name} fill={estimatorColor(r.estimator)} />
            ))}
          </Bar>
        </BarChart>
      ) : null}
      {exact.length > 0 ? <p className="lab-chart__note">Exact, variance 0 (not on a log scale): {exact.join(', ')}.</p> : null}
    </figure>
  );
});
