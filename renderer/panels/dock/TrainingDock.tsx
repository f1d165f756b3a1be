import { useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunSummary } from '../../../shared/protocol/runs';
import { chartedRunIds } from '../../store/runs-store';
import { runsStore, useRuns } from '../../store/use-runs';
import { runColor } from '../../charts/palette';
import { ProgressBar } from '../../charts/ProgressBar';
import { DOCK_TABS, tabsFor, type DockTab } from './dock-tabs';
import { DOCK_TAB_PANELS } from './DockTabPanels';
import { RunErrorBanner } from './RunErrorBanner';
import { useLab } from '../lab/lab-store';
import type { LabCommands } from '../lab/useLabCommands';
import type { RunsTabProps } from './tabs/RunsTab';
import { useChartRuns } from './useChartRuns';
import { useDockHeight } from './useDockHeight';

/** Props of {@link TrainingDock}: the run commands it hands to the Runs tab, and a few of its own. */
export interface TrainingDockProps extends Pick<RunsTabProps, 'onResume' | 'onStop' | 'onOpenGraph' | 'onExport' | 'onDelete' | 'onRemoveNotStarted' | 'onImport'> {
  /**
   * Shows only the header (run and progress) while the start screen is up, so its gallery has the
   * room; the header's toggle still opens it there.
   */
  readonly folded?: boolean;
  readonly onShowNode: (nodeId: string) => void;
  readonly labCommands: LabCommands;
}

/**
 * The training dock under the canvas: the run shown (progress, errors), its curves with the
 * compared runs overlaid, what the model has learnt (samples, reconstructions, latent space, samples
 * over 2-D data) and the run history.
 */
export function TrainingDock({ folded = false, onShowNode, labCommands, onResume, onStop, onOpenGraph, onExport, onDelete, onRemoveNotStarted, onImport }: TrainingDockProps) {
  const order = useRuns((s) => s.order);
  const runs = useRuns((s) => s.runs);
  const activeRunId = useRuns((s) => s.activeRunId);
  const compared = useRuns((s) => s.compared);
  const charted = useRuns(useShallow(chartedRunIds));
  const [tab, setTab] = useState<DockTab>('curves');
  const [openChoice, setOpenChoice] = useState(true);
  // Opened by hand while folded: until the start screen goes, then the choice made before counts.
  const [openedWhileFolded, setOpenedWhileFolded] = useState(false);
  if (!folded && openedWhileFolded) setOpenedWhileFolded(false);
  const open = folded ? openedWhileFolded : openChoice;
  const setOpen = (next: boolean) => (folded ? setOpenedWhileFolded(next) : setOpenChoice(next));
  const { height, separatorProps } = useDockHeight();
  // Asked for from the top bar: open the dock on the lab's tab.
  const labRequests = useLab((s) => s.showRequests);
  const [seenLabRequests, setSeenLabRequests] = useState(0);
  if (labRequests !== seenLabRequests) {
    setSeenLabRequests(labRequests);
    setTab('lab');
    setOpen(true);
  }

  const colors = useMemo(() => new Map(order.map((id, i) => [id, runColor(i)])), [order]);
  const chartRuns = useDeferredValue(useChartRuns(charted, runs, colors));
  const active = activeRunId ? runs[activeRunId] : undefined;
  const inspection = active?.inspection;
  const tabs = tabsFor(inspection);
  const shown: DockTab = tabs.includes(tab) ? tab : 'curves';
  const history = useMemo(() => order.map((id) => ({ summary: runs[id]!.summary, color: colors.get(id)! })), [order, runs, colors]);

  const summary: RunSummary | undefined = active?.summary;
  // Summaries change on status changes; the step and speed move with every metric report.
  const last = active?.metrics.at(-1);
  const progress = summary && last && last.step >= summary.step ? { ...summary, step: last.step, totalSteps: last.totalSteps, stepsPerSec: last.stepsPerSec } : summary;
  const runsTab: RunsTabProps = {
    runs: history,
    activeRunId,
    compared,
    onShow: (id) => {
      runsStore.getState().setActive(id);
      setTab('curves');
    },
    onToggleCompare: (id) => runsStore.getState().toggleCompared(id),
    onResume,
    onStop,
    onOpenGraph,
    onExport,
    onDelete,
    onRemoveNotStarted,
    onImport,
  };
  const lab = useMemo(() => ({ commands: labCommands }), [labCommands]);
  const Panel = DOCK_TAB_PANELS[shown];

  return (
    <section className={`dock${open ? '' : ' dock--closed'}`} aria-label="Training dock" style={open ? { height } : undefined}>
      {open ? <div className="dock__resize" role="separator" aria-orientation="horizontal" aria-label="Resize the training panel" tabIndex={0} {...separatorProps} /> : null}
      <header className="dock__header">
        <button type="button" className="panel-toggle dock__toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? 'Collapse the training panel' : 'Expand the training panel'}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <h2 className="dock__title">Training</h2>
        </button>
        {summary ? (
          <div className="dock__run">
            <span className="runs__swatch" style={{ background: colors.get(summary.id) }} aria-hidden="true" />
            <span className="dock__run-name" data-testid="dock-run-name">
              {summary.name}
            </span>
            <span className="dock__graph">{summary.graphName}</span>
          </div>
        ) : null}
        {progress ? <ProgressBar run={progress} /> : null}
        {summary ? (
          <button type="button" className="button button--small dock__export" onClick={() => onExport(summary.id)}>
            Export…
          </button>
        ) : null}
      </header>
      {open ? (
        <>
          {summary ? <RunErrorBanner run={summary} onShowNode={onShowNode} onResume={onResume} /> : null}
          <div className="dock__tabs" role="tablist" aria-label="Training views">
            {tabs.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`dock-tab-${t}`}
                aria-selected={t === shown}
                aria-controls="dock-panel"
                className={`dock__tab${t === shown ? ' dock__tab--on' : ''}`}
                onClick={() => setTab(t)}
              >
                {DOCK_TABS[t].label}
                {t === 'runs' ? <span className="dock__count">{order.length}</span> : null}
              </button>
            ))}
          </div>
          {/* Keyed by tab: each tab opens scrolled to its top, not where the previous one was left. */}
          <div key={shown} className="dock__panel" role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${shown}`}>
            <Panel inspection={inspection} chartRuns={chartRuns} runsTab={runsTab} lab={lab} />
          </div>
        </>
      ) : null}
    </section>
  );
}
