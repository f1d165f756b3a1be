/**
 * Starts an estimator lab in the engine's worker thread, for the main process or the server. The
 * lab blocks its thread like training; cancelling ends the thread at once (the lab keeps no state
 * worth saving). A crashed worker ends the lab with `lab-failed` and leaves the host running.
 */
import { z } from 'zod';
import { DEFAULT_RESOURCE_LIMITS, DEFAULT_WORKER_URL, type StartRunOptions } from './run-host';
import { LabWorkerMessage, type LabMessage } from './messages';
import { WORKER_OUT_OF_MEMORY, outOfMemoryMessage } from './out-of-memory';
import { spawnWorker } from './spawn-worker';

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
  let ended = false;

  const deliver = (m: LabWorkerMessage): void => {
    if (ended) return;
    if (m.type === 'lab-done' || m.type === 'lab-failed') {
      ended = true;
      settle(m);
      void worker.terminate();
    }
    try {
      onMessage(m);
    } catch (e) {
      console.error('an estimator lab listener threw:', e);
    }
  };
  const crash = (why: string): void => deliver({ type: 'lab-failed', labId, message: `the lab's worker crashed: ${why}` });

  worker.on('message', (raw: unknown) => {
    const parsed = LabWorkerMessage.safeParse(raw);
    if (parsed.success) deliver(parsed.data);
    else deliver({ type: 'lab-failed', labId, message: `the lab's worker sent an invalid message: ${z.prettifyError(parsed.error)}` });
  });
  worker.on('error', (e) => {
    if ((e as NodeJS.ErrnoException).code === WORKER_OUT_OF_MEMORY) deliver({ type: 'lab-failed', labId, message: outOfMemoryMessage(e.message) });
    else crash(e instanceof Error ? e.message : String(e));
  });
  worker.on('exit', (code) => crash(code === 0 ? 'it exited before finishing' : `it exited with code ${code}`));
  worker.on('messageerror', (e) => crash(`a message could not be read (${e.message})`));
  worker.postMessage({ type: 'lab', ...request } satisfies LabMessage);

  return {
    labId,
    cancel: () => {
      if (ended) return;
      ended = true;
      settle(null);
      void worker.terminate();
    },
    finished,
  };
}
