/**
 * The run history on disk: one folder per run under `runsDir` (the API puts it at
 * `<projectDir>/.latent-studio/runs/`), named by the run's id:
 *
 * - `run.json` — the RunSummary with a format header and the data folder (written atomically);
 * - `graph-text.json` — the graph file's text exactly as submitted (what export and resume use);
 * - `metrics.jsonl`, `evals.jsonl` — one metric / evaluation record per line, appended by the
 *   training worker as it reports (worker/run-log.ts), cut back here when a run resumes;
 * - `inspection.json` — the latest inspection (written atomically);
 * - what the trainer and worker write there: `graph.json`, `metrics.csv`, `checkpoint/`,
 *   `networks/<name>/model.json + weights.bin`.
 *
 * Damaged files never stop the app: a run whose run.json cannot be read is listed as failed, with
 * a message naming the file and what is wrong, and its files are left untouched (deleting the run
 * removes them); a damaged line of a .jsonl log is skipped; a damaged inspection reads as none.
 * Folders whose names are not run ids are skipped with a warning.
 *
 * The store's writes to one run go through a queue, one after another, so they never interleave
 * and a reader can wait for the writes before it to land. The logs are cut back only while no
 * worker runs (before a resume starts one), so the worker's appends never meet a replacement.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type EvalRecord,
  evalRecordSchema,
  type Inspection,
  inspectionSchema,
  type MetricRecord,
  metricRecordSchema,
  runIdSchema,
  type RunSummary,
} from '../../../shared/protocol/runs';
import { writeFileAtomic } from './atomic-write';
import { readCheckpointStep } from './checkpoint-step';
import { appendJsonLines, readJsonLines, writeJsonLines } from './jsonl';
import { parseRunFile, type RunFileExtras, serializeRunFile } from './run-file';

/** The files of a run folder. */
export const RUN_FILES = {
  summary: 'run.json',
  graphText: 'graph-text.json',
  metrics: 'metrics.jsonl',
  evals: 'evals.jsonl',
  inspection: 'inspection.json',
  checkpoint: 'checkpoint',
  networks: 'networks',
} as const;

/** Prefix of the folders a run is assembled in before it is renamed into place. */
const STAGING_PREFIX = '.staging-';

/** A run as loaded from disk. */
export interface StoredRun {
  readonly summary: RunSummary;
  readonly baseDir?: string;
  /** Set when run.json could not be read: the summary was made up from the folder, and the run cannot be resumed. */
  readonly damaged?: string;
}

/** Everything a new run folder starts with. */
export interface NewRunFiles {
  readonly summary: RunSummary;
  readonly graphText: string;
  readonly baseDir?: string;
  readonly metrics?: readonly MetricRecord[];
  readonly evals?: readonly EvalRecord[];
  /** Fills the staging folder with more files (checkpoint, networks) before it is moved into place. */
  readonly fill?: (dir: string) => Promise<void>;
}

/** A run folder of that id exists already (the caller picks another id). */
export class RunExistsError extends Error {}

/** When a folder name is a run id, the UTC time its first part encodes (see newRunId), else null. */
function timeOfId(id: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(id);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(t) ? t : null;
}

/** The file, in the runs folder, that holds the highest run number given (hidden: not a run). */
const LAST_RUN_NUMBER = '.last-run-number';

export class RunStore {
  private readonly queues = new Map<string, Promise<void>>();
  /** Per run: the newest inspection waiting to be written (writes are coalesced to the latest). */
  private readonly pendingInspections = new Map<string, Inspection>();

  constructor(
    readonly runsDir: string,
    private readonly warn: (message: string) => void = (m) => console.warn(`latent-studio: ${m}`),
  ) {}

  /** The folder of a run. */
  dirOf(id: string): string {
    return join(this.runsDir, id);
  }

  /**
   * The highest "Run N" number ever given in this history (kept in `.last-run-number`, since the
   * run that had it may have been deleted); 0 when none was recorded or the file is unreadable.
   */
  async readLastRunNumber(): Promise<number> {
    const text = await readFile(join(this.runsDir, LAST_RUN_NUMBER), 'utf8').catch(() => '');
    const n = Number.parseInt(text.trim(), 10);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  }

  /** Records the highest run number given (see readLastRunNumber). */
  async writeLastRunNumber(n: number): Promise<void> {
    await mkdir(this.runsDir, { recursive: true });
    await writeFileAtomic(join(this.runsDir, LAST_RUN_NUMBER), `${n}\n`);
  }

  /** Every run on disk, oldest first. Leftover staging folders of an interrupted create are removed. */
  async loadAll(): Promise<StoredRun[]> {
    let entries;
    try {
      entries = await readdir(this.runsDir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`cannot read the run history in ${this.runsDir}: ${(e as Error).message}`);
      return [];
    }
    const runs: StoredRun[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(STAGING_PREFIX)) {
        // Our own half-built run from a crash: nothing in it was ever listed.
        await rm(join(this.runsDir, entry.name), { recursive: true, force: true }).catch(() => undefined);
        continue;
      }
      if (entry.name.startsWith('.')) continue;
      if (!entry.isDirectory() || !runIdSchema.safeParse(entry.name).success) {
        this.warn(`skipped ${join(this.runsDir, entry.name)} in the run history: it is not a run folder`);
        continue;
      }
      runs.push(await this.load(entry.name));
    }
    return runs.sort((a, b) => a.summary.createdAt - b.summary.createdAt || (a.summary.id < b.summary.id ? -1 : 1));
  }

  /** One run from its folder; a damaged run.json gives a failed placeholder (see the module comment). */
  private async load(id: string): Promise<StoredRun> {
    const dir = this.dirOf(id);
    const file = join(dir, RUN_FILES.summary);
    let problem: string;
    try {
      const parsed = parseRunFile(await readFile(file, 'utf8'), file);
      if (parsed.summary.id === id) return parsed;
      problem = `${file} belongs to run ${parsed.summary.id}, not to the folder ${id} it is in`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problem = code === 'ENOENT' ? `${file} is missing` : code ? `${file} cannot be read: ${(e as Error).message}` : (e as Error).message;
    }
    this.warn(`run ${id} is damaged: ${problem}`);
    const createdAt = timeOfId(id) ?? (await stat(dir).then((s) => s.mtimeMs, () => 0));
    const metrics = (await this.readMetrics(id)).records;
    const summary: RunSummary = {
      id,
      name: `Damaged run ${id}`,
      graphName: 'Unknown',
      createdAt,
      status: 'failed',
      settings: { backend: 'auto' },
      step: metrics.at(-1)?.step ?? 0,
      checkpointStep: null,
      networks: [],
      error: { kind: 'failed', message: `${problem}. The run cannot be resumed; its files are kept in ${dir} until the run is deleted.` },
    };
    return { summary, damaged: problem };
  }

  /**
   * Creates a run's folder with its first files. The folder is assembled under a hidden staging
   * name and renamed into place, so a crash never leaves a half-made run in the history.
   * Throws RunExistsError if the id is taken.
   */
  async create(files: NewRunFiles): Promise<void> {
    const id = files.summary.id;
    const target = this.dirOf(id);
    await mkdir(this.runsDir, { recursive: true });
    if (await stat(target).then(() => true, () => false)) throw new RunExistsError(`a run folder ${target} exists already`);
    const staging = join(this.runsDir, `${STAGING_PREFIX}${id}-${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    try {
      await writeFile(join(staging, RUN_FILES.graphText), files.graphText, 'utf8');
      await writeFile(join(staging, RUN_FILES.metrics), '', 'utf8');
      await writeFile(join(staging, RUN_FILES.evals), '', 'utf8');
      await appendJsonLines(join(staging, RUN_FILES.metrics), files.metrics ?? []);
      await appendJsonLines(join(staging, RUN_FILES.evals), files.evals ?? []);
      await files.fill?.(staging);
      await writeFile(join(staging, RUN_FILES.summary), serializeRunFile(files.summary, { ...(files.baseDir !== undefined && { baseDir: files.baseDir }) }), 'utf8');
      // rename() of a folder onto an existing empty folder succeeds on POSIX: check again just before.
      if (await stat(target).then(() => true, () => false)) throw new RunExistsError(`a run folder ${target} exists already`);
      await rename(staging, target);
    } catch (e) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    }
  }

  /** Runs `task` after every write queued before for this run; a failure is reported, not thrown into later writes. */
  private enqueue(id: string, what: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(task).catch((e: unknown) => {
      this.warn(`cannot ${what} of run ${id} in ${this.dirOf(id)}: ${(e as Error).message}`);
    });
    this.queues.set(id, next);
    void next.then(() => {
      if (this.queues.get(id) === next) this.queues.delete(id);
    });
    return next;
  }

  /** Waits for every queued write of a run (or of all runs). */
  async flush(id?: string): Promise<void> {
    if (id !== undefined) await this.queues.get(id);
    else await Promise.all([...this.queues.values()]);
  }

  /** Replaces run.json (atomically). */
  writeSummary(summary: RunSummary, extras: RunFileExtras): Promise<void> {
    const text = serializeRunFile(summary, extras);
    return this.enqueue(summary.id, 'save the summary', () => writeFileAtomic(join(this.dirOf(summary.id), RUN_FILES.summary), text));
  }

  /** Saves the latest inspection; while a write is queued, a newer inspection replaces the one it will write. */
  writeInspection(id: string, inspection: Inspection): Promise<void> {
    const queued = this.pendingInspections.has(id);
    this.pendingInspections.set(id, inspection);
    if (queued) return this.flush(id);
    return this.enqueue(id, 'save the inspection', async () => {
      const latest = this.pendingInspections.get(id);
      this.pendingInspections.delete(id);
      if (latest) await writeFileAtomic(join(this.dirOf(id), RUN_FILES.inspection), JSON.stringify(latest));
    });
  }

  /**
   * Cuts the metric and evaluation logs back to `step` (a run resumed from an earlier checkpoint
   * reports the steps after it again, and they must not appear twice).
   */
  truncateTo(id: string, step: number): Promise<void> {
    return this.enqueue(id, 'cut the logs back to the checkpoint', async () => {
      const dir = this.dirOf(id);
      const metrics = await readJsonLines(join(dir, RUN_FILES.metrics), metricRecordSchema);
      await writeJsonLines(join(dir, RUN_FILES.metrics), metrics.records.filter((r) => r.step <= step));
      const evals = await readJsonLines(join(dir, RUN_FILES.evals), evalRecordSchema);
      await writeJsonLines(join(dir, RUN_FILES.evals), evals.records.filter((r) => r.step <= step));
    });
  }

  /** The metric records, in the order written (waits for queued writes first). */
  async readMetrics(id: string): Promise<{ records: MetricRecord[]; skipped: number }> {
    await this.flush(id);
    const read = await readJsonLines(join(this.dirOf(id), RUN_FILES.metrics), metricRecordSchema);
    if (read.skipped) this.warn(`skipped ${read.skipped} damaged line(s) of ${join(this.dirOf(id), RUN_FILES.metrics)}`);
    return read;
  }

  async readEvals(id: string): Promise<{ records: EvalRecord[]; skipped: number }> {
    await this.flush(id);
    const read = await readJsonLines(join(this.dirOf(id), RUN_FILES.evals), evalRecordSchema);
    if (read.skipped) this.warn(`skipped ${read.skipped} damaged line(s) of ${join(this.dirOf(id), RUN_FILES.evals)}`);
    return read;
  }

  /** The latest inspection, or undefined when there is none or it is damaged. */
  async readInspection(id: string): Promise<Inspection | undefined> {
    await this.flush(id);
    try {
      const parsed = inspectionSchema.safeParse(JSON.parse(await readFile(join(this.dirOf(id), RUN_FILES.inspection), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** The graph text as submitted, or undefined when the file is missing. */
  async readGraphText(id: string): Promise<string | undefined> {
    return readFile(join(this.dirOf(id), RUN_FILES.graphText), 'utf8').catch(() => undefined);
  }

  /** The step of the checkpoint on disk, or null. */
  checkpointStep(id: string): Promise<number | null> {
    return readCheckpointStep(this.dirOf(id));
  }

  /** The networks written as LayersModels (folders holding a model.json), sorted by name. */
  async networkNames(id: string): Promise<string[]> {
    const dir = join(this.dirOf(id), RUN_FILES.networks);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const names: string[] = [];
    for (const e of entries) {
      if (e.isDirectory() && (await stat(join(dir, e.name, 'model.json')).then((s) => s.isFile(), () => false))) names.push(e.name);
    }
    return names.sort();
  }

  /** Removes a run's folder, after its queued writes (so none recreates a file in it). */
  async delete(id: string): Promise<void> {
    await this.flush(id);
    this.pendingInspections.delete(id);
    await rm(this.dirOf(id), { recursive: true, force: true });
  }
}
