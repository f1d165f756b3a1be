/** One legend entry: a line (dashed or not) or a dot of a colour, and its name. */
export interface LegendEntry {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly dash?: string | undefined;
  readonly shape?: 'line' | 'dot';
}

/** Props of {@link ChartLegend}. */
export interface ChartLegendProps {
  readonly entries: readonly LegendEntry[];
  /** Accessible name of the list (default "Legend"). */
  readonly label?: string;
}

/**
 * The legend under a chart or plot, as HTML (it wraps, and screen readers read it as a list). Its
 * items carry `data-legend-item`, `data-color`, `data-dash` and `data-shape`, which the PNG export
 * reads to draw the same legend.
 */
export function ChartLegend({ entries, label = 'Legend' }: ChartLegendProps) {
  if (entries.length === 0) return null;
  return (
    <ul className="run-legend" aria-label={label}>
      {entries.map((e) => (
        <li key={e.key} className="run-legend__item" data-legend-item="" data-color={e.color} data-dash={e.dash ?? ''} data-shape={e.shape ?? 'line'}>
          <svg className="run-legend__swatch" width="18" height="10" viewBox="0 0 18 10" aria-hidden="true">
            {e.shape === 'dot' ? (
              <circle cx="9" cy="5" r="4" fill={e.color} />
            ) : (
              <line x1="1" y1="5" x2="17" y2="5" stroke={e.color} strokeWidth="2" strokeDasharray={e.dash} strokeLinecap="butt" />
            )}
          </svg>
          <span className="run-legend__name">{e.name}</span>
        </li>
      ))}
    </ul>
  );
}
