import { nearestPoint } from './downsample';
import { formatStep } from './format';
import type { Series, ValueFormat } from './series';
import { VALUE_FORMATTERS } from './value-format';

/** Props of {@link ChartTooltip}. */
export interface ChartTooltipProps {
  /** The hovered step (recharts passes the active x value as `label`). */
  readonly label?: string | number | undefined;
  readonly active?: boolean;
  readonly series: readonly Series[];
  readonly format: ValueFormat;
}

/**
 * The hover card of a metric chart: the step, then every series' value at the point nearest that
 * step (from the full series, not the thinned line), with that point's step when it differs (held-out
 * evaluations are sparse).
 */
export function ChartTooltip({ label, active, series, format }: ChartTooltipProps) {
  const step = typeof label === 'number' ? label : Number(label);
  if (!active || !Number.isFinite(step)) return null;
  const fmt = VALUE_FORMATTERS[format].value;
  const rows = series.flatMap((s) => {
    const p = nearestPoint(s.data, step);
    return p ? [{ s, p }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <div className="run-tooltip">
      <div className="run-tooltip__step">Step {formatStep(step)}</div>
      <table className="run-tooltip__table">
        <tbody>
          {rows.map(({ s, p }) => (
            <tr key={s.key}>
              <td>
                <svg width="14" height="8" viewBox="0 0 14 8" aria-hidden="true">
                  <line x1="0" y1="4" x2="14" y2="4" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash ? '3 2' : undefined} />
                </svg>
              </td>
              <td className="run-tooltip__name">{s.name}</td>
              <td className="run-tooltip__value">
                {fmt(p.value)}
                {p.step !== step && <span className="run-tooltip__at"> @ {formatStep(p.step)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
