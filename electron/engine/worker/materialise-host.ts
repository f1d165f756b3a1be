/**
 * Materialises an imported run in the engine's worker thread (./materialise-job): its networks
 * and an inspection from its checkpoint. A crashed worker ends the job with `materialise-failed`
 * and leaves the host running.
 */
import { MaterialiseWorkerMessage, type MaterialiseMessage } from './messages';
import { DEFAULT_RESOURCE_LIMITS, DEFAULT_WORKER_URL, type StartRunOptions } from './run-host';
import { spawnWorker } from './spawn-worker';
import { superviseWorker } from './supervise-worker';

type Last = Extract<MaterialiseWorkerMessage, { type: 'materialised' | 'materialise-failed' }>;

/** What a host asks for: the `materialise` message without its tag. */
export type MaterialiseRequest = Omit<MaterialiseMessage, 'type'>;

/** A materialising job: its last message (never rejects), or nothing once cancelled. */
export interface MaterialiseHandle {
  readonly finished: Promise<Last | null>;
  /** Ends the worker at once; no message follows. */
  cancel(): void;
}

/** Spawns a worker, sends it `materialise` and passes each message, validated, to `onMessage`. */
export function startMaterialise(request: MaterialiseRequest, onMessage: (m: MaterialiseWorkerMessage) => void, options: StartRunOptions = {}): MaterialiseHandle {
  const { runId } = request;
  const worker = spawnWorker(options.workerUrl ?? DEFAULT_WORKER_URL, options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS);
  let settle!: (m: Last | null) => void;
  const finished = new Promise<Last | null>((r) => (settle = r));
  const job = superviseWorker<MaterialiseWorkerMessage, Last>(worker, {
    schema: MaterialiseWorkerMessage,
    isLast: (m): m is Last => m.type === 'materialised' || m.type === 'materialise-failed',
    failure: (message) => ({ type: 'materialise-failed', runId, message }),
    name: 'the worker writing an imported run\'s networks',
    earlyExit: 'it exited before finishing',
    listener: 'an imported run listener',
    onMessage,
    onLast: settle,
  });
  worker.postMessage({ type: 'materialise', ...request } satisfies MaterialiseMessage);
  return {
    finished,
    cancel: () => {
      job.abandon();
      settle(null);
    },
  };
}
