import type { Inspection } from '../../../shared/protocol/runs';

/** The dock's tabs. */
export type DockTab = 'curves' | 'samples' | 'latent' | 'data' | 'runs';

export const TAB_LABELS: Record<DockTab, string> = {
  curves: 'Curves',
  samples: 'Samples',
  latent: 'Latent space',
  data: 'Data & samples',
  runs: 'Runs',
};

/**
 * The tabs that apply to a run: curves always; samples for image data; the latent space when the
 * model has latents; data & samples for 2-D data; and the run history.
 */
export function tabsFor(inspection: Inspection | undefined): DockTab[] {
  const tabs: DockTab[] = ['curves'];
  if (inspection?.priorSamples || inspection?.reconstructions) tabs.push('samples');
  if (inspection?.latentMaps?.length) tabs.push('latent');
  if (inspection?.samples2d) tabs.push('data');
  tabs.push('runs');
  return tabs;
}
