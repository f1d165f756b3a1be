/**
 * What a host does with the engine's worker while it runs one job (a training run or a lab): every
 * message validated before it is passed on, the job's last message ending the thread, and a crash,
 * an exit, an unreadable or invalid message or a full heap turned into the job's own failure
 * message, so the host hears of the end exactly once and keeps running.
 */
import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { WORKER_OUT_OF_MEMORY, outOfMemoryMessage } from './out-of-memory';

export interface SupervisionOptions<M, L extends M> {
  /** How messages from the worker are checked. */
  readonly schema: z.ZodType<M>;
  /** Whether a message ends the job (done, or failed). */
  readonly isLast: (m: M) => m is L;
  /** The job's failure message saying `message`; `outOfMemory` when the heap limit was reached. */
  readonly failure: (message: string, outOfMemory: boolean) => M;
  /** The worker as messages name it: "the training worker". */
  readonly name: string;
  /** What an exit before the last message means: "it exited before finishing the run". */
  readonly earlyExit: string;
  /** Who listens, for the log line when a listener throws: "a training run listener". */
  readonly listener: string;
  readonly onMessage: (m: M) => void;
  /** Called once with the last message. */
  readonly onLast: (m: L) => void;
}

/** Supervises `worker`; `ended()` says whether the job is over, `abandon()` ends it without a message. */
export function superviseWorker<M, L extends M>(worker: Worker, o: SupervisionOptions<M, L>): { ended(): boolean; abandon(): void } {
  let ended = false;
  const deliver = (m: M): void => {
    if (ended) return;
    if (o.isLast(m)) {
      ended = true;
      o.onLast(m);
      // The job is over; tfjs backends may hold handles that keep the thread alive.
      void worker.terminate();
    }
    try {
      o.onMessage(m);
    } catch (e) {
      // A failing listener is the host's bug, not the job's: report it, keep the job and the host going.
      console.error(`${o.listener} threw:`, e);
    }
  };
  const crash = (why: string): void => deliver(o.failure(`${o.name} crashed: ${why}`, false));

  worker.on('message', (raw: unknown) => {
    const parsed = o.schema.safeParse(raw);
    if (parsed.success) deliver(parsed.data);
    else deliver(o.failure(`${o.name} sent an invalid message: ${z.prettifyError(parsed.error)}`, false));
  });
  worker.on('error', (e) => {
    if ((e as NodeJS.ErrnoException).code === WORKER_OUT_OF_MEMORY) deliver(o.failure(outOfMemoryMessage(e.message), true));
    else crash(e instanceof Error ? e.message : String(e));
  });
  worker.on('exit', (code) => crash(code === 0 ? o.earlyExit : `it exited with code ${code}`));
  worker.on('messageerror', (e) => crash(`a message could not be read (${e.message})`));

  return {
    ended: () => ended,
    abandon: () => {
      if (ended) return;
      ended = true;
      void worker.terminate();
    },
  };
}
