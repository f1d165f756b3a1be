/**
 * A stand-in for run-host's startRun: records each request and lets a test play the worker's
 * part, message by message, with no thread (the run manager's logic, fast and deterministic).
 * As the real worker does, it appends metric and evaluation records to the run's logs before the
 * message that carries them is delivered.
 */
import { existsSync } from 'node:fs';
import type { RunRequest, WorkerMessage } from '../../../../../electron/engine/worker/messages';
import type { RunHandle } from '../../../../../electron/engine/worker/run-host';
import type { StartRunFn } from '../../../../../electron/engine/runs/run-manager';
import { RunLog } from '../../../../../electron/engine/worker/run-log';

type Ending = Extract<WorkerMessage, { type: 'done' | 'error' }>;

export interface FakeRun {
  readonly request: RunRequest;
  /** Control calls the manager made: 'pause', 'resume', 'stop'. */
  readonly calls: string[];
  /** Delivers a message as the worker would (done/error also settle `finished`). */
  send(m: WorkerMessage): void;
  readonly ended: boolean;
}

export function fakeWorkers(options: { onStop?: (run: FakeRun) => void } = {}): { startRun: StartRunFn; runs: FakeRun[] } {
  const runs: FakeRun[] = [];
  const startRun: StartRunFn = (request, onMessage) => {
    let settle!: (m: Ending) => void;
    const finished = new Promise<Ending>((r) => (settle = r));
    let ended = false;
    const run: FakeRun = {
      request,
      calls: [],
      send(m) {
        if (ended) return;
        // Only into a folder that exists: a test may delete the run while its fake worker still talks.
        const log = request.out !== undefined && existsSync(request.out) ? new RunLog(request.out) : null;
        if (m.type === 'metrics') m.batch.forEach((r) => log?.metric(r));
        else if (m.type === 'eval') log?.eval({ step: m.step, valElbo: m.valElbo, valAccuracy: m.valAccuracy });
        if (m.type === 'done' || m.type === 'error') {
          ended = true;
          settle(m);
        }
        onMessage(m);
      },
      get ended() {
        return ended;
      },
    };
    runs.push(run);
    const handle: RunHandle = {
      runId: request.runId,
      pause: () => run.calls.push('pause'),
      resume: () => run.calls.push('resume'),
      stop: () => {
        run.calls.push('stop');
        options.onStop?.(run);
      },
      finished,
    };
    return handle;
  };
  return { startRun, runs };
}

/** A metrics record at `step` (ELBO made from the step so records are told apart). */
export function record(step: number, totalSteps = 100) {
  return { step, totalSteps, elbo: -100 + step / 10, reconstruction: -90 + step / 10, kl: { z: 10 }, learningRate: 0.001, stepsPerSec: 50 };
}
