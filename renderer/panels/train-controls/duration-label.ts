import type { TrainingSettings } from '../../../shared/graph/index';

/** How long a run will train, as Train's button says it: "2,000 steps", "1 epoch". */
export function durationLabel(duration: TrainingSettings['duration']): string {
  return 'steps' in duration ? `${duration.steps.toLocaleString('en-US')} steps` : `${duration.epochs} epoch${duration.epochs === 1 ? '' : 's'}`;
}
