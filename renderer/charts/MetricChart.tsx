import { memo, useId, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartLegend } from './ChartLegend';
import { ChartTooltip } from './ChartTooltip';
import { downloadChartPng } from './chart-png';
import { formatStepTick } from './format';
import { buildChartData, paintOrder, stepTicks, type ChartMetric, type ChartRun } from './series';
import { VALUE_FORMATTERS } from './value-format';

/** Props of a chart of the grid: those of {@link MetricChart} without the metric. */
export type RunChartProps = Omit<MetricChartProps, 'metric'>;

/** Props of {@link MetricChart}. */
export interface MetricChartProps {
  readonly metric: ChartMetric;
  /**
   * The runs compared, each drawn in its colour. Keep the array (and its runs) referentially stable
   * between updates that do not change them: the chart data is rebuilt when it changes.
   */
  readonly runs: readonly ChartRun[];
  /** Height of the plot in CSS pixels (default 220); the width fills the container. */
  readonly height?: number;
  /** Points drawn per series at most (default 400). */
  readonly maxPoints?: number;
  /** Log scale on first render (uncontrolled). */
  readonly defaultLog?: boolean;
  /** Log scale, controlled (with {@link MetricChartProps.onLogChange}). */
  readonly log?: boolean;
  readonly onLogChange?: (log: boolean) => void;
  /** Called when "Save PNG" fails (default: logged to the console). */
  readonly onSaveError?: (error: Error) => void;
}

const TICK_STYLE = { fontSize: 11 };

/**
 * A metric against step for the runs compared: title, log-scale switch, "Save PNG", the lines
 * (recharts, no animation, no dots; a lone point gets a dot), a hover tooltip and a legend. An empty
 * chart says why. The root is a `figure` named after its metric and carries `data-chart-name` for
 * the export ({@link captureChartImages}). Memoised: a chart whose props are unchanged is not redrawn.
 */
export const MetricChart = memo(function MetricChart({ metric, runs, height = 220, maxPoints, defaultLog = false, log: logProp, onLogChange, onSaveError }: MetricChartProps) {
  const [logState, setLogState] = useState(defaultLog);
  const log = logProp ?? logState;
  const setLog = (value: boolean) => {
    if (logProp === undefined) setLogState(value);
    onLogChange?.(value);
  };
  const data = useMemo(() => buildChartData(metric, runs, { log, maxPoints }), [metric, runs, log, maxPoints]);
  const figureRef = useRef<HTMLElement>(null);
  const [saving, setSaving] = useState(false);
  const logId = useId();
  // Named for the runs: a model without latents plots its log-likelihood, not an ELBO.
  const def = data.definition;
  const tickFormatter = VALUE_FORMATTERS[def.format].tick;
  const xTicks = useMemo(() => (data.stepDomain ? stepTicks(data.stepDomain) : undefined), [data.stepDomain]);

  const save = async () => {
    const figure = figureRef.current;
    if (!figure || saving) return;
    setSaving(true);
    try {
      await downloadChartPng(figure);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (onSaveError) onSaveError(error);
      else console.error(error);
    } finally {
      setSaving(false);
    }
  };

  const legend = data.series.map((s) => ({ key: s.key, name: s.name, color: s.color, dash: s.dash }));
  const lineSetKey = data.series.map((s) => `${s.runId}:${s.name}`).join('|');

  return (
    <figure ref={figureRef} className="run-chart" role="figure" aria-label={def.ariaLabel} data-chart-name={def.name} data-chart-title={def.title}>
      <div className="run-chart__header">
        <h3 className="run-chart__title">{def.title}</h3>
        <div className="run-chart__tools">
          {def.logTransform === null ? null : (
            <label className="run-chart__log" htmlFor={logId}>
              <input id={logId} type="checkbox" role="switch" className="input--checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
              Log scale
            </label>
          )}
          <button type="button" className="button button--small" onClick={() => void save()} disabled={data.empty || saving} aria-label={`Save PNG of the ${def.title} chart`}>
            Save PNG
          </button>
        </div>
      </div>
      <div className="run-chart__plot" data-chart-plot="" style={{ height }}>
        {data.empty ? (
          <div className="run-chart__empty" role="status">
            {data.emptyText}
          </div>
        ) : (
          <LineChart
            // recharts paints lines in the order they first mounted: a new set of lines (a run
            // compared, a held-out line appearing) remounts the chart so that the paint order is
            // {@link paintOrder}'s, the run shown on top.
            key={lineSetKey}
            responsive
            width="100%"
            height={height}
            data={data.rows}
            margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
            accessibilityLayer
            title={def.title}
            desc={def.ariaLabel}
          >
            <CartesianGrid vertical={false} />
            <XAxis
              dataKey="step"
              type="number"
              domain={data.stepDomain ?? ['dataMin', 'dataMax']}
              ticks={xTicks}
              interval="preserveStartEnd"
              allowDecimals={false}
              tickFormatter={formatStepTick}
              tick={TICK_STYLE}
              tickLine={false}
              height={34}
              label={{ value: 'step', position: 'insideBottom', offset: 0, className: 'run-chart__axis-label' }}
            />
            {/* KL, learning rate and schedules read from zero; ELBO and accuracy around their data. */}
            <YAxis
              type="number"
              {...(data.logAxis
                ? { scale: 'log' as const, domain: data.logAxis.domain, ticks: data.logAxis.ticks, allowDataOverflow: true }
                : { domain: def.yFromZero ? [0, 'auto'] : ['auto', 'auto'] })}
              tickFormatter={tickFormatter}
              tick={TICK_STYLE}
              tickLine={false}
              axisLine={false}
              width={62}
              label={{ value: data.yLabel, angle: -90, position: 'insideLeft', offset: 4, className: 'run-chart__axis-label', style: { textAnchor: 'middle' } }}
            />
            <Tooltip
              isAnimationActive={false}
              content={(props) => <ChartTooltip label={props.label} active={props.active} series={data.series} format={def.format} />}
              cursor={{ stroke: '#8a93a3', strokeWidth: 1, strokeDasharray: '3 3' }}
            />
            {paintOrder(data.series).map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                type="linear"
                stroke={s.color}
                strokeWidth={s.dash ? 1.75 : 1.5}
                strokeDasharray={s.dash}
                dot={s.data.steps.length === 1 ? { r: 3, fill: s.color, strokeWidth: 0 } : false}
                activeDot={{ r: 3, strokeWidth: 0, fill: s.color }}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </div>
      <ChartLegend entries={legend} label={`${def.title} legend`} />
    </figure>
  );
});
