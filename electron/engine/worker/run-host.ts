/**
 * Starts and controls a training run in a worker thread, for the main process or the server.
 * Training blocks its thread, so it never runs on the host's own thread; a worker that crashes
 * ends its run with an `error` message and leaves the host running.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { WorkerMessage, type HostMessage, type RunRequest } from './messages';
import { spawnWorker } from './spawn-worker';
import { superviseWorker } from './supervise-worker';

/** Controls one run. */
export interface RunHandle {
  readonly runId: string;
  /** Pauses at the next report boundary (the worker answers `paused`). */
  pause(): void;
  /** Continues a paused run (the worker answers `resumed`). */
  resume(): void;
  /** Stops the run; it ends with `done` and `stopped: true` (and a checkpoint when `out` is set). */
  stop(): void;
  /** Resolves with the run's last message, `done` or `error`; never rejects. */
  readonly finished: Promise<Extract<WorkerMessage, { type: 'done' | 'error' }>>;
}

/**
 * The worker's JS heap limit. A runaway heap then ends the worker (`ERR_WORKER_OUT_OF_MEMORY`,
 * reported as an out-of-memory error) instead of aborting the whole host process, which is what
 * V8 does when the process-wide heap runs out. Tensors live outside this heap (the wasm heap,
 * up to 4 GiB, or native memory), so this bounds data sets and bookkeeping, not the model.
 */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 4096 };

/** The worker's entry when run from source (the packaged app passes its bundle's). */
export const DEFAULT_WORKER_URL = new URL('./training-worker.ts', import.meta.url);

/** Options for tests and packaging. */
export interface StartRunOptions {
  /** The worker's entry module (default ./training-worker.ts); a .ts entry runs through tsx. */
  readonly workerUrl?: URL;
  /** The worker thread's heap limits (default {@link DEFAULT_RESOURCE_LIMITS}). */
  readonly resourceLimits?: ResourceLimits;
}

/**
 * Spawns a training worker, sends it `start` with `request` and passes each message from it,
 * validated, to `onMessage`. Invalid messages and a crashed worker become `error` messages of
 * kind 'failed'; a worker that reached its heap limit, an `error` of kind 'out-of-memory'.
 */
export function startRun(request: RunRequest, onMessage: (m: WorkerMessage) => void, options: StartRunOptions = {}): RunHandle {
  const { runId } = request;
  const worker = spawnWorker(options.workerUrl ?? DEFAULT_WORKER_URL, options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS);
  let settle!: (m: Extract<WorkerMessage, { type: 'done' | 'error' }>) => void;
  const finished = new Promise<Extract<WorkerMessage, { type: 'done' | 'error' }>>((r) => (settle = r));
  const job = superviseWorker<WorkerMessage, Extract<WorkerMessage, { type: 'done' | 'error' }>>(worker, {
    schema: WorkerMessage,
    isLast: (m): m is Extract<WorkerMessage, { type: 'done' | 'error' }> => m.type === 'done' || m.type === 'error',
    failure: (message, outOfMemory) => ({ type: 'error', runId, kind: outOfMemory ? 'out-of-memory' : 'failed', message }),
    name: 'the training worker',
    earlyExit: 'it exited before finishing the run',
    listener: 'a training run listener',
    onMessage,
    onLast: settle,
  });

  const send = (m: HostMessage): void => {
    if (!job.ended()) worker.postMessage(m);
  };
  send({ type: 'start', ...request });
  return {
    runId,
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    stop: () => send({ type: 'stop' }),
    finished,
  };
}
