/**
 * Starts an estimator lab in the engine's worker thread, for the main process or the server. The
 * lab blocks its thread like training; cancelling ends the thread at once (the lab keeps no state
 * worth saving). A crashed worker ends the lab with `lab-failed` and leaves the host running.
 */
import { DEFAULT_RESOURCE_LIMITS, DEFAULT_WORKER_URL, type StartRunOptions } from './run-host';
import { LabWorkerMessage, type LabMessage } from './messages';
import { spawnWorker } from './spawn-worker';
import { superviseWorker } from './supervise-worker';

/** Controls one lab. */
export interface LabHandle {
  readonly labId: string;
  /** Ends the worker; no message follows. */
  cancel(): void;
  /** Resolves with the lab's last message (`lab-done` or `lab-failed`), or null once cancelled; never rejects. */
  readonly finished: Promise<Extract<LabWorkerMessage, { type: 'lab-done' | 'lab-failed' }> | null>;
}

/** What a host asks for: the `lab` message without its tag. */
export type LabJobRequest = Omit<LabMessage, 'type'>;

/** Spawns a worker, sends it `lab` and passes each message from it, validated, to `onMessage`. */
export function startLab(request: LabJobRequest, onMessage: (m: LabWorkerMessage) => void, options: StartRunOptions = {}): LabHandle {
  const { labId } = request;
  const worker = spawnWorker(options.workerUrl ?? DEFAULT_WORKER_URL, options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS);
  let settle!: (m: Extract<LabWorkerMessage, { type: 'lab-done' | 'lab-failed' }> | null) => void;
  const finished = new Promise<Extract<LabWorkerMessage, { type: 'lab-done' | 'lab-failed' }> | null>((r) => (settle = r));
  const job = superviseWorker<LabWorkerMessage, Extract<LabWorkerMessage, { type: 'lab-done' | 'lab-failed' }>>(worker, {
    schema: LabWorkerMessage,
    isLast: (m): m is Extract<LabWorkerMessage, { type: 'lab-done' | 'lab-failed' }> => m.type === 'lab-done' || m.type === 'lab-failed',
    failure: (message) => ({ type: 'lab-failed', labId, message }),
    name: "the lab's worker",
    earlyExit: 'it exited before finishing',
    listener: 'an estimator lab listener',
    onMessage,
    onLast: settle,
  });
  worker.postMessage({ type: 'lab', ...request } satisfies LabMessage);

  return {
    labId,
    cancel: () => {
      if (job.ended()) return;
      job.abandon();
      settle(null);
    },
    finished,
  };
}
