import type { ComponentType } from 'react';
import type { Inspection } from '../../../shared/protocol/runs';
import { ChartsGrid } from '../../charts/ChartsGrid';
import { Samples2dPlot } from '../../charts/Samples2dPlot';
import type { ChartRun } from '../../charts/series';
import type { DockTab } from './dock-tabs';
import { LabTab, type LabTabProps } from '../lab/LabTab';
import { LatentTab } from './tabs/LatentTab';
import { RunsTab, type RunsTabProps } from './tabs/RunsTab';
import { SamplesTab } from './tabs/SamplesTab';

/** What every tab of the dock may draw from. */
export interface DockTabContext {
  /** The latest inspection of the run shown. */
  readonly inspection: Inspection | undefined;
  /** The runs on the charts (the run shown and those compared). */
  readonly chartRuns: readonly ChartRun[];
  /** The run history and its commands. */
  readonly runsTab: RunsTabProps;
  /** The estimator lab's commands. */
  readonly lab: LabTabProps;
}

/** What each tab of `DOCK_TABS` draws. */
export const DOCK_TAB_PANELS: Record<DockTab, ComponentType<DockTabContext>> = {
  curves: ({ chartRuns }) => <ChartsGrid runs={chartRuns} />,
  samples: ({ inspection }) => (inspection ? <SamplesTab inspection={inspection} /> : null),
  latent: ({ inspection }) => (inspection ? <LatentTab inspection={inspection} /> : null),
  data: ({ inspection }) => (inspection?.samples2d ? <Samples2dPlot samples2d={inspection.samples2d} step={inspection.step} /> : null),
  runs: ({ runsTab }) => <RunsTab {...runsTab} />,
  lab: ({ lab }) => <LabTab {...lab} />,
};
