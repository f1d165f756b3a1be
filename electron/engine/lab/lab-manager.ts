/**
 * The estimator labs of one back end: starts each in a worker thread (the graph in the editor at
 * its initial weights, or a run's checkpoint), turns the worker's messages into the lab events of
 * shared/protocol/lab.ts and cancels. One lab at a time: a lab takes a core, like a training run.
 */
import type { LabEvent } from '../../../shared/protocol/lab';
import type { BackendChoice } from '../../../shared/protocol/runs';
import { checkData } from '../runs/check-data';
import { checkTrainable } from '../runs/check-graph';
import type { RunManager } from '../runs/run-manager';
import { RunRequestError } from '../runs/run-request-error';
import type { LabWorkerMessage } from '../worker/messages';
import { type LabHandle, type LabJobRequest, startLab as startWorkerLab } from '../worker/lab-host';
import type { StartRunOptions } from '../worker/run-host';

/** Starts a lab's worker: lab-host's startLab, or a fake in tests. */
export type StartLabFn = (request: LabJobRequest, onMessage: (m: LabWorkerMessage) => void, options?: StartRunOptions) => LabHandle;

export interface LabManagerOptions {
  /** The run history, whose checkpoints a lab may study. */
  readonly runs: RunManager;
  /** Folder relative data paths resolve against when a request names none. */
  readonly defaultBaseDir: string;
  /** Web mode: the project folder, outside which the graph may read no file. */
  readonly dataRoot?: string;
  readonly workerUrl?: URL;
  readonly startLab?: StartLabFn;
}

/** What a lab is started with (the API's `lab.start`, its base folder resolved). */
export interface LabStartRequest {
  readonly graphText: string;
  readonly graphName?: string;
  readonly baseDir?: string;
  readonly runId?: string;
  readonly samples: number;
  readonly seed: number;
  readonly referenceDraws: number;
  readonly backend: BackendChoice;
}

export class LabManager {
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private readonly startLab: StartLabFn;
  private current: LabHandle | null = null;
  private lastId = 0;

  constructor(private readonly options: LabManagerOptions) {
    this.startLab = options.startLab ?? startWorkerLab;
  }

  /** Subscribes to every lab event; returns the function that unsubscribes. */
  subscribe(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: LabEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        console.error('a lab event listener threw:', e);
      }
    }
  }

  /**
   * Checks the request and starts the lab; its progress and report arrive as events. A graph that
   * cannot be trained, data that cannot load or a run without a checkpoint is refused (a
   * RunRequestError saying why) and nothing starts; so is a second lab while one runs.
   */
  async start(request: LabStartRequest): Promise<{ labId: string }> {
    if (this.current) throw new RunRequestError('busy', 'the estimator lab is already running: cancel it, or wait for its report, before starting another');
    let job: Omit<LabJobRequest, 'labId'>;
    const settings = { samples: request.samples, seed: request.seed, referenceDraws: request.referenceDraws, backend: request.backend };
    if (request.runId !== undefined) {
      const source = await this.options.runs.checkpointSource(request.runId);
      job = { ...settings, graphText: source.graphText, graphName: source.graphName, baseDir: source.baseDir, checkpointDir: source.dir, runId: request.runId };
    } else {
      const doc = checkTrainable(request.graphText);
      const baseDir = request.baseDir ?? this.options.defaultBaseDir;
      await checkData(doc, baseDir, this.options.dataRoot);
      job = { ...settings, graphText: request.graphText, graphName: request.graphName?.trim() || 'Untitled', baseDir };
    }
    if (this.current) throw new RunRequestError('busy', 'the estimator lab is already running: cancel it, or wait for its report, before starting another');
    const labId = `lab-${++this.lastId}`;
    const handle = this.startLab(
      { ...job, labId, ...(this.options.dataRoot !== undefined && { dataRoot: this.options.dataRoot }) },
      (m) => this.onWorkerMessage(m),
      this.options.workerUrl ? { workerUrl: this.options.workerUrl } : {},
    );
    this.current = handle;
    void handle.finished.then(() => {
      if (this.current === handle) this.current = null;
    });
    return { labId };
  }

  private onWorkerMessage(m: LabWorkerMessage): void {
    switch (m.type) {
      case 'lab-started':
        return this.emit({ type: 'lab.started', labId: m.labId, backend: m.backend });
      case 'lab-progress':
        return this.emit({ type: 'lab.progress', labId: m.labId, label: m.label, done: m.done, total: m.total });
      case 'lab-done':
        return this.emit({ type: 'lab.done', labId: m.labId, report: m.report });
      case 'lab-failed':
        return this.emit({ type: 'lab.failed', labId: m.labId, message: m.message, ...(m.problems && { problems: m.problems }) });
    }
  }

  /** Cancels the lab at once (its worker ends). A lab that has already ended is left as it is. */
  cancel(labId: string): void {
    const handle = this.current;
    if (!handle || handle.labId !== labId) return;
    this.current = null;
    handle.cancel();
    this.emit({ type: 'lab.cancelled', labId });
  }

  /** Ends a running lab (the back end is closing). */
  dispose(): void {
    if (this.current) this.cancel(this.current.labId);
  }
}
