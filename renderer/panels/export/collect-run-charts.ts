import type { ApiClient } from '../../../shared/protocol/api';
import type { ChartImage } from '../../../shared/protocol/runs';
import { captureChartImages } from '../../charts/chart-png';
import { captureChartsOffscreen } from '../../charts/offscreen-charts';
import { runColor } from '../../charts/palette';
import type { ChartRun } from '../../charts/series-base';
import { chartedRunIds } from '../../store/runs-store';
import { runsStore } from '../../store/use-runs';

/**
 * The charts an export of `runId` writes as PNG. The dock's open tab as shown, when it shows that
 * run (its curves with the runs compared, or its samples); otherwise, with the dock folded or
 * showing the run history or another run, the run's curves drawn off screen (with the runs
 * compared when it is the run shown), so ticking "Charts as PNG" always yields charts.
 */
export async function collectRunCharts(api: ApiClient, runId: string): Promise<ChartImage[]> {
  const state = runsStore.getState();
  const panel = document.getElementById('dock-panel');
  if (state.activeRunId === runId && panel) {
    const shown = await captureChartImages(panel);
    if (shown.length > 0) return shown;
  }
  if (!state.runs[runId]?.detailLoaded) runsStore.getState().setDetail(await api.call('runs.get', { runId }));
  const now = runsStore.getState();
  const ids = now.activeRunId === runId ? chartedRunIds(now) : [runId];
  const runs: ChartRun[] = ids.flatMap((id) => {
    const entry = now.runs[id];
    if (!entry) return [];
    return [{ id, name: entry.summary.name, color: runColor(now.order.indexOf(id)), metrics: entry.metrics, evals: entry.evals }];
  });
  return runs.length > 0 ? captureChartsOffscreen(runs) : [];
}
