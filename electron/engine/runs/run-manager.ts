/**
 * The training runs of one project: starts them in worker threads, controls them (pause, resume,
 * stop), keeps their summaries current, records everything in the run history (RunStore) and
 * tells subscribers (the WebSocket connections, the desktop window) what changed.
 *
 * Several runs may train at once, up to one per core. Each takes a worker thread, which keeps a
 * CPU core busy (the wasm and cpu backends are single-threaded in a worker; tfjs-node uses several
 * threads per run), so a third run on a two-core machine would slow the other two; each holds its
 * model and data set in memory (an MNIST run: a few hundred MB).
 */
import { availableParallelism } from 'node:os';
import { dataIdentity } from '../../../shared/graph/index';
import { isLiveStatus, type RunDetail, type RunEvent, type RunSettings, type RunSummary } from '../../../shared/protocol/runs';
import type { ParsedBundle } from '../export/bundle-read';
import type { RunRequest, WorkerMessage } from '../worker/messages';
import { type RunHandle, type StartRunOptions, startRun as startWorkerRun } from '../worker/run-host';
import { type MaterialiseHandle, type MaterialiseRequest, startMaterialise as startWorkerMaterialise } from '../worker/materialise-host';
import type { MaterialiseWorkerMessage } from '../worker/messages';
import { copyBundleFiles } from './bundle-files';
import { checkData } from './check-data';
import { checkTrainable } from './check-graph';
import { newRunId, nextRunNumber } from './run-id';
import { RunRequestError } from './run-request-error';
import { RunExistsError, RunStore } from './run-store';
import { applyWorkerMessage, type Persist } from './worker-events';

/** Starts materialising an imported run: materialise-host's, or a fake in tests. */
export type StartMaterialiseFn = (request: MaterialiseRequest, onMessage: (m: MaterialiseWorkerMessage) => void, options?: StartRunOptions) => MaterialiseHandle;

/** Starts a worker run: run-host's startRun, or a fake in tests. */
export type StartRunFn = (request: RunRequest, onMessage: (m: WorkerMessage) => void, options?: StartRunOptions) => RunHandle;

export interface RunManagerOptions {
  /** The folder of the run history (the API uses `<projectDir>/.latent-studio/runs`). */
  readonly runsDir: string;
  /** Folder relative data paths resolve against when a start names none (and for imported runs). */
  readonly defaultBaseDir: string;
  /** Web mode: the project folder, outside which a run's graph may read no file. */
  readonly dataRoot?: string;
  /** How many runs may train at once (default: the machine's cores; each run trains on one). */
  readonly maxTraining?: number;
  /** The worker starter (default: run-host's startRun). */
  readonly startRun?: StartRunFn;
  /** What writes an imported run's networks and inspection from its checkpoint (default: materialise-host's). */
  readonly startMaterialise?: StartMaterialiseFn;
  /** The worker's entry module; the packaged desktop app passes its bundled worker here. */
  readonly workerUrl?: URL;
  /** Milliseconds between inspections in the worker (default: the worker's, 3000; 0 for none). */
  readonly inspectEveryMs?: number;
  /** How long progress may wait before run.json is rewritten (default 2000 ms); status changes are written at once. */
  readonly summaryDelayMs?: number;
  /** How long dispose() waits for each live run to stop and write its checkpoint (default 15000 ms). */
  readonly stopTimeoutMs?: number;
  readonly now?: () => number;
  /** Where warnings go (damaged files, failed writes); default console.warn. */
  readonly warn?: (message: string) => void;
}

/** What a run is started with. */
export interface StartRequest {
  readonly graphText: string;
  readonly graphName?: string;
  readonly settings: RunSettings;
  /** Folder relative data paths resolve against (default: the manager's defaultBaseDir). */
  readonly baseDir?: string;
}

interface Entry {
  summary: RunSummary;
  baseDir?: string;
  damaged?: string;
  handle?: RunHandle;
  timer?: ReturnType<typeof setTimeout>;
  deleted?: boolean;
}

export class RunManager {
  /** Resolves once the history is loaded (every method waits for it). */
  readonly ready: Promise<void>;
  private readonly store: RunStore;
  private readonly entries = new Map<string, Entry>();
  /** The highest "Run N" number given in this history, deleted runs included. */
  private lastRunNumber = 0;
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly startRun: StartRunFn;
  private readonly startMaterialise: StartMaterialiseFn;
  /** Imported runs whose networks a worker is writing. */
  private readonly materialising = new Set<MaterialiseHandle>();
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private disposing: Promise<void> | undefined;

  constructor(private readonly options: RunManagerOptions) {
    this.warn = options.warn ?? ((m) => console.warn(`latent-studio: ${m}`));
    this.store = new RunStore(options.runsDir, this.warn);
    this.startRun = options.startRun ?? startWorkerRun;
    this.startMaterialise = options.startMaterialise ?? startWorkerMaterialise;
    this.now = options.now ?? Date.now;
    this.ready = this.load();
  }

  /** The folder of a run's files (export reads them). */
  runDir(id: string): string {
    return this.store.dirOf(id);
  }

  /**
   * Loads the history. Runs a previous process left starting, running or paused (the app was
   * closed or died) become stopped: their worker is gone, and they resume from their checkpoint.
   * The checkpoint step is taken from the checkpoint itself (run.json may lag behind it), and the
   * progress from the metric log.
   */
  private async load(): Promise<void> {
    this.lastRunNumber = await this.store.readLastRunNumber();
    for (const stored of await this.store.loadAll()) {
      let summary = stored.summary;
      if (!stored.damaged) {
        const checkpointStep = await this.store.checkpointStep(summary.id);
        let changed = checkpointStep !== summary.checkpointStep;
        summary = { ...summary, checkpointStep };
        if (isLiveStatus(summary.status)) {
          const last = (await this.store.readMetrics(summary.id)).records.at(-1);
          summary = { ...summary, status: 'stopped', ...(last && last.step >= summary.step && { step: last.step, totalSteps: last.totalSteps, elbo: last.elbo }) };
          changed = true;
        }
        if (changed) void this.store.writeSummary(summary, { ...(stored.baseDir !== undefined && { baseDir: stored.baseDir }) });
      }
      this.entries.set(summary.id, { summary, ...(stored.baseDir !== undefined && { baseDir: stored.baseDir }), ...(stored.damaged !== undefined && { damaged: stored.damaged }) });
    }
  }

  /** Subscribes to every run event; returns the function that unsubscribes. */
  subscribe(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: RunEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        // One broken subscriber (a closed socket) must not keep the others from hearing.
        this.warn(`a run event listener failed: ${(e as Error).message}`);
      }
    }
  }

  /** The run history, oldest first. */
  async list(): Promise<RunSummary[]> {
    await this.ready;
    return [...this.entries.values()].map((e) => e.summary).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e || e.deleted) throw new RunRequestError('not-found', `there is no run ${id} in the run history`);
    return e;
  }

  /** One run's summary. */
  async summary(id: string): Promise<RunSummary> {
    await this.ready;
    return this.entry(id).summary;
  }

  /** One run with its graph text, metrics, evaluations and latest inspection. */
  async get(id: string): Promise<RunDetail> {
    await this.ready;
    const e = this.entry(id);
    const [graphText, metrics, evals, inspection] = await Promise.all([
      this.store.readGraphText(id),
      this.store.readMetrics(id),
      this.store.readEvals(id),
      this.store.readInspection(id),
    ]);
    return { summary: e.summary, graphText: graphText ?? '', metrics: metrics.records, evals: evals.records, ...(inspection && { inspection }) };
  }

  /** The graph text a run trained, or a clear error when its file is gone. */
  async graphText(id: string): Promise<string> {
    await this.ready;
    this.entry(id);
    const text = await this.store.readGraphText(id);
    if (text === undefined) throw new RunRequestError('not-found', `the graph of run ${id} is missing from ${this.store.dirOf(id)}`);
    return text;
  }

  /** Where a run's data paths lead: the folder they resolve against, and web mode's project folder confining them. */
  async dataPlaceOf(id: string): Promise<{ baseDir: string; root?: string }> {
    await this.ready;
    const e = this.entry(id);
    return { baseDir: e.baseDir ?? this.options.defaultBaseDir, ...(this.options.dataRoot !== undefined && { root: this.options.dataRoot }) };
  }

  /**
   * What the estimator lab needs to study a run's weights: its graph text, the folder its data
   * paths resolve against, and its folder (whose checkpoint holds the weights and running
   * baselines). Refused when the run has no checkpoint yet.
   */
  async checkpointSource(id: string): Promise<{ graphText: string; graphName: string; baseDir: string; dir: string; step: number }> {
    await this.ready;
    const e = this.entry(id);
    if (e.damaged !== undefined) throw new RunRequestError('run-state', `${e.summary.name} is damaged (${e.damaged}): its weights cannot be read`);
    const step = await this.store.checkpointStep(id);
    if (step === null) throw new RunRequestError('run-state', `${e.summary.name} has no checkpoint yet: its weights can be studied once one is written`);
    const graphText = await this.graphText(id);
    return { graphText, graphName: `${e.summary.graphName} (${e.summary.name})`, baseDir: e.baseDir ?? this.options.defaultBaseDir, dir: this.store.dirOf(id), step };
  }

  /** Refuses a run beyond one per core: two runs on one core each train at half speed. */
  private refuseIfBusy(): void {
    const limit = this.options.maxTraining ?? availableParallelism();
    const training = [...this.entries.values()].filter((e) => e.summary.status === 'starting' || e.summary.status === 'running').length;
    if (training >= limit) {
      throw new RunRequestError('busy', `${training === 1 ? 'a run is' : `${training} runs are`} training already, one for each of this machine's ${limit} core${limit === 1 ? '' : 's'}: stop or pause one before starting another`);
    }
  }

  private refuseIfClosing(): void {
    if (this.disposing) throw new RunRequestError('unavailable', 'the app is shutting down: no run can be started now');
  }

  /**
   * A fresh id (retrying on a taken folder) and the next "Run N" number: one more than any given
   * before, deleted runs included, so a name never comes back.
   */
  private async createRun(make: (id: string, number: number) => Parameters<RunStore['create']>[0]): Promise<Entry> {
    const number = Math.max(nextRunNumber([...this.entries.values()].map((e) => e.summary.name)), this.lastRunNumber + 1);
    for (let attempt = 0; ; attempt++) {
      const id = newRunId(this.now());
      if (this.entries.has(id)) continue;
      const files = make(id, number);
      try {
        await this.store.create(files);
      } catch (e) {
        if (e instanceof RunExistsError && attempt < 20) continue;
        throw e;
      }
      const entry: Entry = { summary: files.summary, ...(files.baseDir !== undefined && { baseDir: files.baseDir }) };
      this.entries.set(id, entry);
      // Recorded once the run exists, so a refused start or import leaves the history as it was.
      this.lastRunNumber = number;
      await this.store.writeLastRunNumber(number).catch((e: unknown) => this.warn(`cannot record the last run number: ${(e as Error).message}`));
      return entry;
    }
  }

  /**
   * Validates the graph and its data and starts a run of it. An invalid graph, or a data file that
   * cannot be loaded, is refused (`invalid-graph`, every problem listed) and no run is created.
   */
  async start(request: StartRequest): Promise<RunSummary> {
    await this.ready;
    this.refuseIfClosing();
    const { settings } = request;
    if (settings.steps !== undefined && settings.epochs !== undefined) {
      throw new RunRequestError('invalid-settings', 'a run trains for a number of steps or of epochs, not both');
    }
    const doc = checkTrainable(request.graphText);
    const data = dataIdentity(doc.graph);
    this.refuseIfBusy();
    const baseDir = request.baseDir ?? this.options.defaultBaseDir;
    // Data that cannot load is refused here rather than failing in the worker, so that a missing or
    // malformed file adds nothing to the run history.
    await checkData(doc, baseDir, this.options.dataRoot);
    const entry = await this.createRun((id, number) => ({
      summary: {
        id,
        name: `Run ${number}`,
        graphName: request.graphName?.trim() || 'Untitled',
        ...(data !== undefined && { data }),
        createdAt: this.now(),
        status: 'starting',
        settings,
        step: 0,
        checkpointStep: null,
        networks: [],
      },
      graphText: request.graphText,
      baseDir,
    }));
    this.emit({ type: 'run.updated', run: entry.summary });
    this.launch(entry, request.graphText, false);
    return entry.summary;
  }

  /** Starts a worker for a run (a new one, or a resume from its checkpoint into the same folder). */
  private launch(entry: Entry, graphText: string, resume: boolean): void {
    const id = entry.summary.id;
    if (this.disposing) {
      // Shutdown began while the run was being prepared: no worker may outlive dispose().
      this.setSummary(entry, { ...entry.summary, status: 'stopped' });
      return;
    }
    const dir = this.store.dirOf(id);
    const { settings } = entry.summary;
    const request: RunRequest = {
      runId: id,
      graphText,
      baseDir: entry.baseDir ?? this.options.defaultBaseDir,
      ...(this.options.dataRoot !== undefined && { dataRoot: this.options.dataRoot }),
      backend: settings.backend,
      out: dir,
      ...(settings.steps !== undefined && { steps: settings.steps }),
      ...(settings.epochs !== undefined && { epochs: settings.epochs }),
      ...(settings.seed !== undefined && { seed: settings.seed }),
      ...(this.options.inspectEveryMs !== undefined && { inspectEveryMs: this.options.inspectEveryMs }),
      ...(resume && { resume: dir }),
    };
    try {
      entry.handle = this.startRun(request, (m) => this.onMessage(entry, m), this.options.workerUrl ? { workerUrl: this.options.workerUrl } : {});
    } catch (e) {
      this.onMessage(entry, { type: 'error', runId: id, kind: 'failed', message: `the training worker crashed: it could not be started (${(e as Error).message})` });
    }
  }

  /** Applies a worker message: logs, summary, events, persistence. Never throws (it runs in run-host's listener). */
  private onMessage(entry: Entry, m: WorkerMessage): void {
    if (entry.deleted) return;
    const id = entry.summary.id;
    try {
      // Metric and evaluation records are in the run's logs already: the worker appends them
      // before its next checkpoint (worker/run-log.ts), so none is written here.
      if (m.type === 'inspection') void this.store.writeInspection(id, m.inspection);
      const applied = applyWorkerMessage(entry.summary, m);
      entry.summary = applied.summary;
      if (applied.ended) entry.handle = undefined;
      this.persist(entry, applied.persist);
      for (const event of applied.events) this.emit(event);
    } catch (e) {
      this.warn(`run ${id}: a worker message could not be handled: ${(e as Error).message}`);
    }
  }

  /** Writes run.json now, or within summaryDelayMs (progress is frequent; status changes are not). */
  private persist(entry: Entry, when: Persist): void {
    if (when === 'none' || entry.deleted) return;
    const write = (): void => {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
      if (!entry.deleted) void this.store.writeSummary(entry.summary, { ...(entry.baseDir !== undefined && { baseDir: entry.baseDir }) });
    };
    if (when === 'now') return write();
    if (entry.timer) return;
    entry.timer = setTimeout(write, this.options.summaryDelayMs ?? 2000);
    // A pending progress write must not keep the process alive on its own.
    entry.timer.unref?.();
  }

  private setSummary(entry: Entry, summary: RunSummary): void {
    entry.summary = summary;
    this.persist(entry, 'now');
    this.emit({ type: 'run.updated', run: summary });
  }

  /** Pauses a live run at its next report (the worker writes a checkpoint and answers `paused`). */
  async pause(id: string): Promise<RunSummary> {
    await this.ready;
    const e = this.entry(id);
    if (!e.handle) throw new RunRequestError('run-state', `${e.summary.name} is ${e.summary.status}: only a running run can be paused`);
    if (e.summary.status !== 'paused') e.handle.pause();
    return e.summary;
  }

  /**
   * Resumes a run: a paused one continues in its worker; a stopped or failed one with a checkpoint
   * continues from it in a new worker, in the same folder, its logs cut back to the checkpoint so
   * the metrics continue from there.
   */
  async resume(id: string): Promise<RunSummary> {
    await this.ready;
    const e = this.entry(id);
    if (e.handle) {
      if (e.summary.status === 'paused') {
        this.refuseIfBusy();
        e.handle.resume();
      }
      return e.summary;
    }
    // A resume already on its way (a double click): nothing more to do.
    if (isLiveStatus(e.summary.status)) return e.summary;
    this.refuseIfClosing();
    const { name, status } = e.summary;
    if (e.damaged) throw new RunRequestError('run-state', `${name} cannot be resumed: ${e.damaged}`);
    if (status === 'done') throw new RunRequestError('run-state', `${name} has finished all its steps: there is nothing to resume`);
    const checkpointStep = e.summary.checkpointStep;
    if (checkpointStep === null) throw new RunRequestError('run-state', `${name} has no checkpoint to continue from: start the graph again instead`);
    this.refuseIfBusy();
    const before = e.summary;
    const { error: _, ...rest } = before;
    // Marked starting before any wait, so a second resume or a delete sees the run as live.
    e.summary = { ...rest, status: 'starting' };
    try {
      const graphText = await this.graphText(id);
      await this.store.truncateTo(id, checkpointStep);
      const last = (await this.store.readMetrics(id)).records.at(-1);
      this.setSummary(e, { ...e.summary, step: checkpointStep, ...(last ? { elbo: last.elbo, totalSteps: last.totalSteps } : {}) });
      this.launch(e, graphText, true);
      return e.summary;
    } catch (err) {
      e.summary = before;
      throw err;
    }
  }

  /** Stops a live run (it writes a checkpoint and ends as stopped); a run already ended is left as it is. */
  async stop(id: string): Promise<RunSummary> {
    await this.ready;
    const e = this.entry(id);
    e.handle?.stop();
    return e.summary;
  }

  /** Deletes a run that is not live, with its files, and tells the subscribers. */
  async delete(id: string): Promise<void> {
    await this.ready;
    const e = this.entry(id);
    if (e.handle || isLiveStatus(e.summary.status)) throw new RunRequestError('run-state', `${e.summary.name} is ${e.summary.status}: stop it before deleting it`);
    e.deleted = true;
    if (e.timer) clearTimeout(e.timer);
    this.entries.delete(id);
    await this.store.delete(id);
    this.emit({ type: 'run.deleted', runId: id });
  }

  /**
   * Adds an exported bundle to the history as a new run, "Run N (imported)", with its metrics,
   * evaluations, checkpoint and networks. A run that was live when exported is stopped here.
   */
  async importBundle(bundle: ParsedBundle): Promise<RunSummary> {
    await this.ready;
    this.refuseIfClosing();
    const source = bundle.summary;
    const status = source.status === 'done' || source.status === 'failed' ? source.status : 'stopped';
    const networks = [...bundle.networks.keys()].sort();
    const entry = await this.createRun((id, number) => {
      const { networksStep, backend, elbo, valElbo, valAccuracy, stepsPerSec, totalSteps, error } = source;
      return {
        summary: {
          id,
          name: `Run ${number} (imported)`,
          graphName: source.graphName,
          ...(source.data !== undefined && { data: source.data }),
          createdAt: this.now(),
          status,
          settings: source.settings,
          step: source.step,
          checkpointStep: bundle.checkpoint ? bundle.checkpoint.step : null,
          networks,
          ...(networks.length > 0 && networksStep !== undefined && { networksStep }),
          ...(backend !== undefined && { backend }),
          ...(totalSteps !== undefined && { totalSteps }),
          ...(elbo !== undefined && { elbo }),
          ...(valElbo !== undefined && { valElbo }),
          ...(valAccuracy !== undefined && { valAccuracy }),
          ...(stepsPerSec !== undefined && { stepsPerSec }),
          ...(status === 'failed' && error !== undefined && { error }),
        },
        graphText: bundle.graphText,
        baseDir: this.options.defaultBaseDir,
        metrics: bundle.metrics,
        evals: bundle.evals,
        fill: (dir) => copyBundleFiles(bundle, dir),
      };
    });
    this.emit({ type: 'run.updated', run: entry.summary });
    // Trained elsewhere (an exported train.py): the networks and the panels come from the checkpoint.
    if (networks.length === 0 && bundle.checkpoint) this.materialise(entry, bundle.graphText);
    return entry.summary;
  }

  /**
   * Writes an imported run's networks and an inspection from its checkpoint, in a worker, as a
   * training run leaves them. The run stays as it is meanwhile; a failure is a warning.
   */
  private materialise(entry: Entry, graphText: string): void {
    const id = entry.summary.id;
    const { settings } = entry.summary;
    const request: MaterialiseRequest = {
      runId: id,
      graphText,
      baseDir: entry.baseDir ?? this.options.defaultBaseDir,
      ...(this.options.dataRoot !== undefined && { dataRoot: this.options.dataRoot }),
      ...(settings.seed !== undefined && { seed: settings.seed }),
      backend: settings.backend,
      dir: this.store.dirOf(id),
    };
    const handle = this.startMaterialise(request, (m) => {
      if (m.type === 'inspection' || m.type === 'networks') this.onMessage(entry, m);
      else if (m.type === 'materialise-failed' && !entry.deleted) this.warn(`${entry.summary.name}: its networks could not be written from its checkpoint: ${m.message}`);
    }, this.options.workerUrl ? { workerUrl: this.options.workerUrl } : {});
    this.materialising.add(handle);
    void handle.finished.then(() => this.materialising.delete(handle));
  }

  /**
   * Stops every live run and waits (up to stopTimeoutMs each, in parallel) for its checkpoint,
   * then for every pending write. Called when the server or the app shuts down; later starts are
   * refused. A run whose worker does not stop in time is marked stopped by the next start-up.
   */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      await this.ready.catch(() => undefined);
      // Networks of an imported run are written again from its checkpoint whenever it is resumed.
      for (const job of this.materialising) job.cancel();
      const live = [...this.entries.values()].filter((e) => e.handle);
      const timeout = this.options.stopTimeoutMs ?? 15_000;
      await Promise.all(
        live.map((e) => {
          const handle = e.handle!;
          handle.stop();
          let timer: ReturnType<typeof setTimeout> | undefined;
          const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)));
          return Promise.race([handle.finished.then(() => undefined), late]).finally(() => clearTimeout(timer));
        }),
      );
      for (const e of this.entries.values()) {
        if (e.timer) this.persist(e, 'now');
      }
      await this.store.flush();
      this.listeners.clear();
    })();
    return this.disposing;
  }
}
