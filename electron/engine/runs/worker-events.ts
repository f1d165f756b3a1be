/**
 * How a worker message changes a run's summary and what the renderer is told about it: a pure
 * function, so the mapping is tested without threads. The run manager does the side effects
 * (writing the logs, broadcasting, persisting).
 */
import type { RunError, RunEvent, RunSummary } from '../../../shared/protocol/runs';
import type { WorkerMessage, WorkerMessageOf } from '../worker/messages';

/** When the new summary should reach run.json. */
export type Persist = 'now' | 'later' | 'none';

/** The outcome of one worker message. */
export interface Applied {
  readonly summary: RunSummary;
  readonly events: RunEvent[];
  /** `now` for status changes, checkpoints and the end (they must survive a crash); `later` for progress. */
  readonly persist: Persist;
  /** The worker is done with this run (done or error). */
  readonly ended: boolean;
}

/** run-host's wording for a worker thread that died (an uncaught error or an exit). */
const CRASH = /the training worker crashed/;

/** A worker error as the protocol's RunError: a crashed worker becomes `crashed`, the other kinds stay. */
export function runErrorOf(m: WorkerMessageOf<'error'>): RunError {
  const kind = m.kind === 'failed' && CRASH.test(m.message) ? 'crashed' : m.kind;
  return {
    kind,
    message: m.message,
    ...(m.problems !== undefined && { problems: m.problems }),
    ...(m.node !== undefined && { node: m.node }),
    ...(m.nodeId !== undefined && { nodeId: m.nodeId }),
    ...(m.quantity !== undefined && { quantity: m.quantity }),
    ...(m.step !== undefined && { step: m.step }),
  };
}

function updated(summary: RunSummary, persist: Persist = 'now', ended = false): Applied {
  return { summary, events: [{ type: 'run.updated', run: summary }], persist, ended };
}

/** Applies one worker message to a run's summary. */
export function applyWorkerMessage(summary: RunSummary, m: WorkerMessage): Applied {
  const runId = summary.id;
  switch (m.type) {
    case 'started':
      return updated({ ...summary, status: 'running', backend: m.backend });
    case 'metrics': {
      const last = m.batch[m.batch.length - 1]!;
      const next = { ...summary, step: last.step, totalSteps: last.totalSteps, elbo: last.elbo, stepsPerSec: last.stepsPerSec };
      return { summary: next, events: [{ type: 'run.metrics', runId, metrics: m.batch }], persist: 'later', ended: false };
    }
    case 'eval': {
      const record = { step: m.step, valElbo: m.valElbo, valAccuracy: m.valAccuracy };
      const next = { ...summary, valElbo: m.valElbo, valAccuracy: m.valAccuracy };
      return { summary: next, events: [{ type: 'run.eval', runId, eval: record }], persist: 'later', ended: false };
    }
    case 'inspection':
      return { summary, events: [{ type: 'run.inspection', runId, inspection: m.inspection }], persist: 'none', ended: false };
    case 'networks':
      return updated({ ...summary, networks: [...m.names], networksStep: m.step });
    case 'paused':
      return updated({ ...summary, status: 'paused', step: m.step });
    case 'resumed':
      return updated({ ...summary, status: 'running', step: m.step });
    case 'checkpoint':
      return updated({ ...summary, checkpointStep: m.step });
    case 'done': {
      const { error: _, ...rest } = summary;
      return updated(
        {
          ...rest,
          status: m.stopped ? 'stopped' : 'done',
          step: m.steps,
          ...(m.elbo !== null && { elbo: m.elbo }),
          ...(m.valElbo !== null && { valElbo: m.valElbo }),
          ...(Object.keys(m.valAccuracy).length > 0 && { valAccuracy: m.valAccuracy }),
          stepsPerSec: m.stepsPerSec,
        },
        'now',
        true,
      );
    }
    case 'error':
      // The checkpoint is never thrown away: a failed run resumes from its last good one.
      return updated({ ...summary, status: 'failed', error: runErrorOf(m), checkpointStep: m.lastCheckpointStep ?? summary.checkpointStep }, 'now', true);
  }
}
