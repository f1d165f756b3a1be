/**
 * Exports of a run: the files each chosen part adds, then either a folder (desktop) or one
 * download (web: a .zip when there are several files, else the file itself).
 *
 * Layout (the same in a folder and in a .zip, so either imports back):
 * - `networks/<name>/model.json + weights.bin` — each network as a TensorFlow.js LayersModel;
 * - `project/graph.json` (the graph file's text, opens in the app), `project/run.json` (the
 *   summary and settings), `project/metrics.json` (metrics and evaluations),
 *   `project/checkpoint/…` (weights and optimiser state, when the run has a checkpoint);
 * - `metrics.csv`;
 * - `charts/<name>.png` — the charts the renderer drew.
 */
import { lstat, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ChartImage, EvalRecord, ExportParts, MetricRecord, RunSummary } from '../../../shared/protocol/runs';
import { writeFileAtomic } from '../runs/atomic-write';
import { findCheckpoint } from '../runs/checkpoint-step';
import { serializeRunFile } from '../runs/run-file';
import { metricsCsv } from './bundle-csv';
import { writeZip } from './zip';
import { parseGraphFile } from '../../../shared/graph/index';
import { loadCheckpoint } from '../train/checkpoint';
import { ExportRefusedError, exportSubject, pytorchProject } from './pytorch/pytorch-project';

/** Header of project/metrics.json. */
export const METRICS_FILE_FORMAT = 'latent-studio.metrics';
export const METRICS_FILE_VERSION = 1;

/** The files of a LayersModel, as the engine writes them (see layers-model.ts). */
const NETWORK_FILES = ['model.json', 'weights.bin'] as const;
const CHECKPOINT_FILES = ['checkpoint.json', 'state.bin'] as const;

/** Why an export cannot be made; `not-found` when the run lacks what was asked for. */
export class ExportError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** What an export reads of a run. */
export interface ExportSource {
  readonly summary: RunSummary;
  readonly graphText: string;
  readonly metrics: readonly MetricRecord[];
  readonly evals: readonly EvalRecord[];
  /** The run's folder (networks/ and checkpoint/ are read from it). */
  readonly runDir: string;
  /** Where the graph's data paths lead (the PyTorch project holds the data): the folder, and web mode's project folder that confines them. */
  readonly data?: { readonly baseDir: string; readonly root?: string };
}

/** One exported file: a relative path with forward slashes, and its bytes. */
export interface ExportFile {
  readonly path: string;
  readonly data: Uint8Array;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A lowercase name made of letters, digits and dashes. */
function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/\.json$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The export's base name, from the graph's file name and the run's name: `vae-mnist-run-3`. */
export function exportBaseName(summary: RunSummary): string {
  return [slug(summary.graphName), slug(summary.name)].filter(Boolean).join('-') || 'run';
}

async function readIfFile(path: string): Promise<Uint8Array | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? new Uint8Array(await readFile(path)) : undefined;
}

async function networkFiles(source: ExportSource): Promise<ExportFile[]> {
  const dir = join(source.runDir, 'networks');
  const names = (await readdir(dir, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: ExportFile[] = [];
  for (const name of names) {
    const [model, weights] = await Promise.all(NETWORK_FILES.map((f) => readIfFile(join(dir, name, f))));
    if (!model) continue;
    if (!weights) throw new ExportError('not-found', `network ${name} of ${source.summary.name} is incomplete: ${join(dir, name, 'weights.bin')} is missing`);
    files.push({ path: `networks/${name}/model.json`, data: model }, { path: `networks/${name}/weights.bin`, data: weights });
  }
  if (files.length === 0) {
    throw new ExportError(
      'not-found',
      `${source.summary.name} has no trained networks to export yet: none has been written to ${dir} (the worker writes them as the run pauses, stops or ends)`,
    );
  }
  return files;
}

async function bundleFiles(source: ExportSource): Promise<ExportFile[]> {
  const { summary } = source;
  const metrics = { format: METRICS_FILE_FORMAT, version: METRICS_FILE_VERSION, metrics: source.metrics, evals: source.evals };
  const files: ExportFile[] = [
    { path: 'project/graph.json', data: text(source.graphText) },
    // No baseDir: a folder of this machine means nothing where the bundle is opened.
    { path: 'project/run.json', data: text(serializeRunFile(summary)) },
    { path: 'project/metrics.json', data: text(`${JSON.stringify(metrics)}\n`) },
  ];
  // A run stopped before its first checkpoint has none; the bundle still opens and imports. After a
  // kill between the two renames of a checkpoint swap, the checkpoint is the previous one, in checkpoint.old.
  const found = await findCheckpoint(source.runDir);
  const checkpoint = found ? await Promise.all(CHECKPOINT_FILES.map((f) => readIfFile(join(found.folder, f)))) : [];
  if (found && checkpoint.every((d) => d !== undefined)) {
    CHECKPOINT_FILES.forEach((f, i) => files.push({ path: `project/checkpoint/${f}`, data: checkpoint[i]! }));
  }
  return files;
}

/** The run as a PyTorch project under `pytorch/`, continuing from its checkpoint. */
async function pytorchFiles(source: ExportSource): Promise<ExportFile[]> {
  const { summary } = source;
  const found = await findCheckpoint(source.runDir);
  if (!found) throw new ExportError('not-found', `${summary.name} has no checkpoint yet: the PyTorch project continues from one (the worker writes it as the run pauses, stops or ends)`);
  if (!source.data) throw new Error('internal: a PyTorch export needs the folder the run\'s data paths lead to');
  let files: Record<string, Uint8Array>;
  try {
    const subject = exportSubject(parseGraphFile(source.graphText), source.data.baseDir, source.data.root);
    const cp = loadCheckpoint(source.runDir);
    files = pytorchProject({ subject, source: summary.graphName, variables: cp.variables, from: { step: cp.step, optimizer: cp.optimizer } });
  } catch (e) {
    if (e instanceof ExportRefusedError) throw new ExportError('invalid', e.message);
    throw e;
  }
  return Object.entries(files).map(([path, data]) => ({ path: `pytorch/${path}`, data }));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chartFile(chart: ChartImage): ExportFile {
  const data = new Uint8Array(Buffer.from(chart.png, 'base64'));
  if (data.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => data[i] !== b)) {
    throw new ExportError('invalid', `chart '${chart.name}' is not a PNG image (its data must be a base64 PNG)`);
  }
  return { path: `charts/${chart.name}.png`, data };
}

/** Every file the chosen parts make, in a stable order. Refuses an export with nothing in it. */
export async function collectExportFiles(source: ExportSource, parts: ExportParts, charts: readonly ChartImage[] = []): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  if (parts.networks) files.push(...(await networkFiles(source)));
  if (parts.bundle) files.push(...(await bundleFiles(source)));
  if (parts.pytorch) files.push(...(await pytorchFiles(source)));
  if (parts.metricsCsv) files.push({ path: 'metrics.csv', data: text(metricsCsv(source.metrics, source.evals)) });
  const names = new Set<string>();
  for (const chart of charts) {
    if (names.has(chart.name)) throw new ExportError('invalid', `two charts are named '${chart.name}'`);
    names.add(chart.name);
    files.push(chartFile(chart));
  }
  if (files.length === 0) throw new ExportError('invalid', 'nothing to export: choose networks, the project bundle, the PyTorch project, metrics.csv or a chart');
  return files;
}

const MIME: Record<string, string> = {
  '.zip': 'application/zip',
  '.csv': 'text/csv',
  '.png': 'image/png',
  '.json': 'application/json',
};

function mimeOf(name: string): string {
  const ext = /\.[a-z0-9]+$/i.exec(name)?.[0].toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** An export as one download: the single file itself (named after the run), else a .zip of all. */
export function exportDownload(files: readonly ExportFile[], baseName: string): { name: string; mimeType: string; data: Uint8Array } {
  if (files.length === 1) {
    const name = `${baseName}-${basename(files[0]!.path)}`;
    return { name, mimeType: mimeOf(name), data: files[0]!.data };
  }
  return { name: `${baseName}.zip`, mimeType: 'application/zip', data: writeZip(files) };
}

/**
 * Writes an export into `<parent>/<baseName>/`, each file atomically, creating the folder (or
 * writing into it when an earlier export made it). Refuses when that name is a link or a file.
 * Resolves with the folder written.
 */
export async function writeExportFolder(parent: string, baseName: string, files: readonly ExportFile[]): Promise<string> {
  const info = await stat(parent).catch(() => undefined);
  if (!info?.isDirectory()) throw new ExportError('not-found', `cannot export into ${parent}: it is not a folder`);
  const folder = join(parent, baseName);
  const existing = await lstat(folder).catch(() => undefined);
  if (existing && (existing.isSymbolicLink() || !existing.isDirectory())) {
    throw new ExportError('invalid', `cannot export into ${folder}: something that is not a folder is in the way`);
  }
  for (const file of files) {
    const path = join(folder, ...file.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, file.data);
  }
  return folder;
}
