import type { RunStatus } from '../../shared/protocol/runs';

/** Pure helpers of the run progress bar. */

/** Done share of a run in [0, 1]; undefined while the total is unknown (or zero). */
export function progressFraction(step: number, totalSteps: number | undefined): number | undefined {
  if (totalSteps === undefined || !(totalSteps > 0) || !Number.isFinite(step)) return undefined;
  return Math.min(1, Math.max(0, step / totalSteps));
}

/**
 * Seconds left: remaining steps over the current rate. Undefined when the total or the rate is
 * unknown, or the rate is not positive (a paused run has no estimate); 0 once the total is reached.
 */
export function etaSeconds(step: number, totalSteps: number | undefined, stepsPerSec: number | undefined): number | undefined {
  if (totalSteps === undefined || !Number.isFinite(totalSteps) || !Number.isFinite(step)) return undefined;
  const remaining = Math.max(0, totalSteps - step);
  if (remaining === 0) return 0;
  if (stepsPerSec === undefined || !Number.isFinite(stepsPerSec) || stepsPerSec <= 0) return undefined;
  return remaining / stepsPerSec;
}

/** A run status as the progress bar writes it. */
export const STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  starting: 'starting',
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  done: 'done',
  failed: 'failed',
};

/** Whether an ETA means anything in this status (only a running run is heading somewhere). */
export function statusHasEta(status: RunStatus): boolean {
  return status === 'running';
}
