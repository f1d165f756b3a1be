/**
 * The training worker's entry (a node:worker_threads thread): training blocks its thread for
 * seconds at a time, so it never runs on the main process's thread. Controlled by the
 * {@link HostMessage}s of ./messages; reports with {@link WorkerMessage}s. Every failure becomes
 * an `error` message; nothing here is allowed to end as an unhandled rejection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseGraphFile } from '../../../shared/graph/index';
import { GraphFileError } from '../../../shared/graph/file';
import { initBackend } from '../backend';
import { loadCheckpoint } from '../train/checkpoint';
import { readElboReports } from '../train/metrics-csv';
import { GraphInvalidError, NonFiniteError } from '../train/errors';
import { prepareTraining, train, type Prepared, type TrainResult } from '../train/trainer';
import { z } from 'zod';
import { InspectionSchedule } from './inspection-schedule';
import { runLabJob } from './lab-job';
import { runMaterialiseJob } from './materialise-job';
import { HostMessage, type LabWorkerMessage, type MaterialiseWorkerMessage, type StartMessage, type WorkerMessage, type WorkerMessageOf } from './messages';
import { MetricBatcher } from './metric-batcher';
import { RunLog } from './run-log';
import { exportCheckpointNetworks, exportNetworks } from './networks-export';
import { isOutOfMemory, outOfMemoryMessage } from './out-of-memory';

/** Steps between the trainer's metrics reports; small so charts move smoothly (the batcher caps the message rate). */
export const REPORT_EVERY = 10;

type Post = (m: WorkerMessage) => void;

/**
 * One run. Pausing: the trainer's only control is `shouldStop`, checked between steps, and its
 * `onEvent` is synchronous, so a pause cannot wait inside the loop. Instead a pause stops the run
 * (the trainer writes a checkpoint) and a resume continues from that checkpoint, which the trainer
 * guarantees to be exact. Pauses take effect at a report boundary so the resumed run's metric
 * windows are the same as an uninterrupted run's.
 */
class Run {
  private pauseRequested = false;
  private stopRequested = false;
  private atReport = false;
  private wake: (() => void) | null = null;

  constructor(private readonly req: StartMessage, private readonly post: Post) {}

  pause(): void {
    this.pauseRequested = true;
  }
  resume(): void {
    this.pauseRequested = false;
    this.wake?.();
  }
  stop(): void {
    this.stopRequested = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    const { req, post } = this;
    const runId = req.runId;
    const batcher = new MetricBatcher((batch) => post({ type: 'metrics', runId, batch }));
    // The logs belong to the run's folder; a run without one (a test, a bench) has no history to keep.
    const log = req.out ? new RunLog(req.out) : null;
    // Without a requested `out`, pauses still need somewhere to put their checkpoint.
    const tempDir = req.out ? null : mkdtempSync(join(tmpdir(), 'latent-studio-run-'));
    let last: WorkerMessageOf<'done' | 'error'>;
    let prepared: Prepared | null = null;
    try {
      const info = await initBackend(req.backend);
      prepared = prepareTraining(parseGraphFile(req.graphText), req.baseDir, req.seed, req.dataRoot);
      post({ type: 'started', runId, backend: info.name });
      const inspections = new InspectionSchedule(prepared, (inspection) => {
        // Metrics first, so a panel never shows a step the charts have not reached.
        batcher.flush();
        post({ type: 'inspection', runId, inspection });
      }, { everyMs: req.inspectEveryMs });
      const out = (req.out ?? tempDir)!;
      let resume = req.resume;
      // Metric windows of all segments, to recompute the final ELBO across pauses.
      const windows: { step: number; n: number; elbo: number }[] = [];
      const segments: TrainResult[] = [];
      let prevStep = resume ? loadCheckpoint(resume).step : 0;
      // Resumed in this new worker: the reports before the checkpoint count towards the final ELBO.
      if (resume) {
        let before = 0;
        for (const r of readElboReports(join(resume, 'metrics.csv'), prevStep)) {
          windows.push({ step: r.step, n: r.step - before, elbo: r.elbo });
          before = r.step;
        }
      }
      const resumedWithHistory = windows.length > 0;
      let totalSteps = Number.POSITIVE_INFINITY;
      const starts: number[] = [];
      for (;;) {
        starts.push(prevStep);
        const r = await train(prepared, {
          steps: req.steps,
          epochs: req.epochs,
          out,
          resume,
          reportEvery: REPORT_EVERY,
          onEvent: (e) => {
            if (e.type === 'metrics') {
              const { type: _, ...record } = e;
              // On disk before the checkpoint that may follow this report (see RunLog).
              log?.metric(record);
              windows.push({ step: e.step, n: e.step - prevStep, elbo: e.elbo });
              prevStep = e.step;
              totalSteps = e.totalSteps;
              this.atReport = true;
              batcher.push(record);
              inspections.atReport(e.step);
            } else if (e.type === 'eval') {
              const record = { step: e.step, valElbo: e.valElbo, valAccuracy: { ...e.valAccuracy } };
              log?.eval(record);
              post({ type: 'eval', runId, ...record });
            } else if (!tempDir) post({ type: 'checkpoint', runId, step: e.step });
          },
          shouldStop: () => {
            const at = this.atReport;
            this.atReport = false;
            return this.stopRequested || (this.pauseRequested && at);
          },
        });
        segments.push(r);
        batcher.flush();
        inspections.atSegmentEnd(r.steps);
        if (req.out) post({ type: 'networks', runId, step: r.steps, names: await exportNetworks(prepared.model, req.out) });
        if (!r.stopped || this.stopRequested || r.steps >= totalSteps) break;
        post({ type: 'paused', runId, step: r.steps });
        await new Promise<void>((wake) => (this.wake = wake));
        this.wake = null;
        if (this.stopRequested) break;
        post({ type: 'resumed', runId, step: r.steps });
        resume = out;
      }
      last = done(runId, segments, starts, windows, this.stopRequested, resumedWithHistory);
    } catch (e) {
      last = toError(runId, e);
      if (e instanceof NonFiniteError && prepared) await this.recoverNetworks(prepared, e);
    }
    // Clean up before the final message: the host terminates this thread as soon as it arrives,
    // and the two threads run in parallel.
    batcher.flush();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    post(last);
  }

  /**
   * A run that went non-finite keeps usable networks: those of its last good checkpoint, written
   * and announced before the error. Best effort: the error is what the run ends with either way.
   */
  private async recoverNetworks(prepared: Prepared, e: NonFiniteError): Promise<void> {
    const { req } = this;
    if (!req.out || e.lastCheckpointStep === null) return;
    try {
      const names = await exportCheckpointNetworks(prepared.model, req.out, e.lastCheckpointStep, req.resume ? [req.resume] : []);
      if (names) this.post({ type: 'networks', runId: req.runId, step: e.lastCheckpointStep, names });
    } catch (failure) {
      console.error(`latent-studio: the networks of the checkpoint at step ${e.lastCheckpointStep} could not be written:`, failure);
    }
  }
}

/**
 * The `done` message. Across pauses, or for a run resumed from an earlier worker's checkpoint, its
 * ELBO is recomputed from the metric windows of the whole run the same way the trainer does.
 */
function done(runId: string, segments: TrainResult[], starts: number[], windows: { n: number; elbo: number }[], stopped: boolean, resumed = false): WorkerMessageOf<'done'> {
  const last = segments[segments.length - 1]!;
  let elbo = last.elbo;
  if (segments.length > 1 || resumed) {
    // The trainer's ELBO is the mean over the last 10% of the steps; windows give it exactly when
    // that span is whole windows (pauses fall on window boundaries; a stop may not).
    let need = Math.max(1, Math.round(last.steps / 10));
    let sum = 0;
    let count = 0;
    for (let i = windows.length - 1; i >= 0 && need > 0; i--) {
      const take = Math.min(need, windows[i]!.n);
      sum += windows[i]!.elbo * take;
      count += take;
      need -= take;
    }
    elbo = count ? sum / count : Number.NaN;
  }
  // Steps per second over all segments: total steps over total training time.
  const ran = segments.map((s, i) => s.steps - starts[i]!);
  const ms = segments.reduce((a, s, i) => a + (ran[i]! * 1000) / (s.stepsPerSec || Number.POSITIVE_INFINITY), 0);
  const stepsPerSec = segments.length > 1 && ms > 0 ? (ran.reduce((a, b) => a + b, 0) * 1000) / ms : last.stepsPerSec;
  const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return { type: 'done', runId, steps: last.steps, elbo: fin(elbo), valElbo: fin(last.valElbo), valAccuracy: { ...last.valAccuracy }, stepsPerSec, stopped };
}

/** Turns anything thrown into an `error` message, keeping what the UI needs to point at the cause. */
export function toError(runId: string, e: unknown): WorkerMessageOf<'error'> {
  if (e instanceof GraphInvalidError) return { type: 'error', runId, kind: 'invalid-graph', message: e.message, problems: e.problems.map((p) => ({ ...p })) };
  if (e instanceof GraphFileError) return { type: 'error', runId, kind: 'invalid-graph', message: e.message };
  if (e instanceof NonFiniteError) {
    const { where } = e;
    return { type: 'error', runId, kind: 'non-finite', message: e.message, ...(where ? { node: where.nodeName, nodeId: where.nodeId, quantity: where.quantity } : {}), step: e.step, lastCheckpointStep: e.lastCheckpointStep };
  }
  if (isOutOfMemory(e)) return { type: 'error', runId, kind: 'out-of-memory', message: outOfMemoryMessage(e instanceof Error ? e.message : String(e)) };
  return { type: 'error', runId, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}

/**
 * Wires a run, an estimator lab (`lab` message, ./lab-job) or the materialising of an imported
 * run (`materialise`, ./materialise-job) to a message port: one job per worker. Exported so the protocol can be exercised without a thread.
 */
export function serve(port: { on(event: 'message', fn: (m: unknown) => void): void; postMessage(m: WorkerMessage | LabWorkerMessage | MaterialiseWorkerMessage): void }): void {
  let current: Run | null = null;
  let lab = false;
  let materialising = false;
  let runId = '(none)';
  const post: Post = (m) => port.postMessage(m);
  port.on('message', (raw) => {
    const parsed = HostMessage.safeParse(raw);
    if (!parsed.success) return post({ type: 'error', runId, kind: 'failed', message: `the training worker received an invalid message: ${z.prettifyError(parsed.error)}` });
    const m = parsed.data;
    if (m.type === 'lab') {
      if (current || lab || materialising) return port.postMessage({ type: 'lab-failed', labId: m.labId, message: 'this worker already has a job' });
      lab = true;
      void runLabJob(m, (message) => port.postMessage(message));
    } else if (m.type === 'materialise') {
      if (current || lab || materialising) return port.postMessage({ type: 'materialise-failed', runId: m.runId, message: 'this worker already has a job' });
      materialising = true;
      void runMaterialiseJob(m, (message) => port.postMessage(message));
    } else if (m.type === 'start') {
      if (current || lab || materialising) return post({ type: 'error', runId, kind: 'failed', message: 'a run is already in progress in this worker' });
      runId = m.runId;
      current = new Run(m, post);
      // run() catches everything itself; the catch here only guards against a bug in that handling.
      current.run().catch((e) => post(toError(m.runId, e)));
    } else if (current) current[m.type]();
  });
}

// Only in the thread run-host starts: a test runner's own worker thread must not be taken over on import.
if (parentPort && (workerData as { latentStudioTrainingWorker?: boolean } | null)?.latentStudioTrainingWorker) serve(parentPort);
