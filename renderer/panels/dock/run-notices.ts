import type { RunSummary } from '../../../shared/protocol/runs';
import { formatNats, formatStep } from '../../charts/format';

/** A message for the status line or an alert. */
export interface RunNotice {
  readonly text: string;
  readonly tone: 'info' | 'alert';
}

const nats = (x: number | undefined): string => (x === undefined ? '—' : formatNats(x));

/**
 * What to tell the person when a run's summary changes from `prev` to `next`: that it finished,
 * stopped or failed (once, on the change), or nothing. A failure says where and what is kept. A
 * model without latents (`hasLatents` false: its records carry no KL) finished with a
 * log-likelihood, and a classifier with its held-out accuracy.
 */
export function runNotice(prev: RunSummary | undefined, next: RunSummary, hasLatents = true): RunNotice | null {
  if (prev?.status === next.status) return null;
  switch (next.status) {
    case 'done': {
      const bound = hasLatents ? 'ELBO' : 'log-likelihood';
      const accuracy = Object.values(next.valAccuracy ?? {})[0];
      const accuracyText = accuracy === undefined ? '' : `, held-out accuracy ${(100 * accuracy).toFixed(1)}%`;
      return { tone: 'info', text: `${next.name} finished: ${bound} ${nats(next.elbo)}, held-out ${nats(next.valElbo)}${accuracyText} after ${formatStep(next.step)} steps.` };
    }
    case 'stopped':
      return prev && prev.status !== 'starting' && prev.status !== 'running' && prev.status !== 'paused'
        ? null
        : { tone: 'info', text: `${next.name} stopped at step ${formatStep(next.step)}${next.checkpointStep !== null ? '; it can be resumed from its checkpoint' : ''}.` };
    case 'failed':
      return { tone: 'alert', text: `${next.name} failed: ${sentence(next.error?.message ?? 'unknown error')}${keptText(next)}` };
    default:
      return null;
  }
}

/** Ends a message with a full stop unless it has one. */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * What survives a failed run, when a checkpoint does (the engine's message already says when none
 * was written).
 */
export function keptText(run: RunSummary): string {
  return run.checkpointStep !== null ? ` The run is kept up to its checkpoint at step ${formatStep(run.checkpointStep)}.` : '';
}
