import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunEntry } from '../../store/runs-store';
import type { ChartRun } from '../../charts/series';

/** How often charts may redraw while records stream in (ms). */
export const CHART_REFRESH_MS = 500;

/**
 * The runs on the charts, kept referentially stable: a run's ChartRun changes only when its
 * metrics, evals, name or colour do (not when an inspection or a status arrives), and the array
 * only when one of them changed. Streaming records reach the charts at most every
 * {@link CHART_REFRESH_MS}: four charts redrawn for every report would cost the window more than
 * the picture gains.
 */
export function useChartRuns(ids: readonly string[], runs: Readonly<Record<string, RunEntry>>, colors: ReadonlyMap<string, string>): readonly ChartRun[] {
  const cache = useRef(new Map<string, ChartRun>());
  const previous = useRef<readonly ChartRun[]>([]);
  const latest = useMemo(() => {
    const next = ids.map((id) => {
      const entry = runs[id]!;
      const color = colors.get(id)!;
      const old = cache.current.get(id);
      if (old && old.metrics === entry.metrics && old.evals === entry.evals && old.name === entry.summary.name && old.color === color) return old;
      const made: ChartRun = { id, name: entry.summary.name, color, metrics: entry.metrics, evals: entry.evals };
      cache.current.set(id, made);
      return made;
    });
    const same = next.length === previous.current.length && next.every((r, i) => r === previous.current[i]);
    if (!same) previous.current = next;
    return previous.current;
  }, [ids, runs, colors]);

  // Throttle: show `latest` now if the last refresh is old enough, else at the end of the window.
  const [shown, setShown] = useState(latest);
  const lastShown = useRef(0);
  const shownIds = shown.map((r) => r.id).join('\n');
  const latestIds = latest.map((r) => r.id).join('\n');
  useEffect(() => {
    if (latest === shown) return;
    const wait = lastShown.current + CHART_REFRESH_MS - performance.now();
    // A different set of runs (ticked, unticked, a new run) shows at once; only streaming waits.
    if (wait <= 0 || shownIds !== latestIds) {
      lastShown.current = performance.now();
      setShown(latest);
      return;
    }
    const t = setTimeout(() => {
      lastShown.current = performance.now();
      setShown(latest);
    }, wait);
    return () => clearTimeout(t);
  }, [latest, shown, shownIds, latestIds]);
  return shown;
}
