import type { Inspection } from '../../../shared/protocol/runs';
import { hasSamples } from './tabs/samples-content';

/** A tab of the dock: its label and when it applies to the run shown (what it draws: `DOCK_TAB_PANELS`). */
export interface DockTabDefinition {
  readonly label: string;
  readonly shownFor: (inspection: Inspection | undefined) => boolean;
}

/**
 * The dock's tabs, in order: curves always; samples for image data; the latent space when the model
 * has latents; data & samples for 2-D data; the run history; and the estimator lab. A new tab is an entry here and its
 * panel in `DOCK_TAB_PANELS` (the compiler asks for it).
 */
export const DOCK_TABS = {
  curves: { label: 'Curves', shownFor: () => true },
  samples: { label: 'Samples', shownFor: hasSamples },
  latent: { label: 'Latent space', shownFor: (i) => Boolean(i?.latentMaps?.length) },
  data: { label: 'Data & samples', shownFor: (i) => Boolean(i?.samples2d) },
  runs: { label: 'Runs', shownFor: () => true },
  lab: { label: 'Estimator lab', shownFor: () => true },
} satisfies Record<string, DockTabDefinition>;

/** The dock's tabs. */
export type DockTab = keyof typeof DOCK_TABS;

/** The tabs that apply to the run shown, in order. */
export function tabsFor(inspection: Inspection | undefined): DockTab[] {
  return (Object.keys(DOCK_TABS) as DockTab[]).filter((t) => DOCK_TABS[t].shownFor(inspection));
}
