/**
 * Reads an exported project bundle (.zip) back: the inverse of bundle.ts. The archive is
 * untrusted, so everything is checked before a run is made of it: the zip itself (names, sizes;
 * see zip.ts), `project/run.json` (a run summary), `project/graph.json` (a graph file that
 * opens), `project/metrics.json`, the checkpoint's manifest against its data, and each network's
 * files. Nothing here writes anything: the run manager copies the checked parts into a new run.
 */
import { z } from 'zod';
import { GraphFileError, parseGraphFile } from '../../../shared/graph/index';
import { type EvalRecord, evalRecordSchema, type MetricRecord, metricRecordSchema, type RunSummary } from '../../../shared/protocol/runs';
import { parseRunFile, RunFileError } from '../runs/run-file';
import { METRICS_FILE_FORMAT, METRICS_FILE_VERSION } from './bundle';
import { DEFAULT_ZIP_LIMITS, readZip, ZipError, type ZipLimits } from './zip';
import { pytorchProjectRoot, readPytorchProject } from './pytorch/read-project';

/** A bundle that cannot be imported; the message says what is wrong and where. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/** A bundle's checked contents. */
export interface ParsedBundle {
  readonly summary: RunSummary;
  readonly graphText: string;
  readonly metrics: MetricRecord[];
  readonly evals: EvalRecord[];
  /** The checkpoint's two files, when the bundle has one. */
  readonly checkpoint?: { readonly step: number; readonly manifest: Uint8Array; readonly state: Uint8Array };
  /** Each network's model.json and weights.bin, by name. */
  readonly networks: Map<string, { readonly model: Uint8Array; readonly weights: Uint8Array }>;
}

/** Limits of the files read as text (their parsed form takes several times the memory). */
const MAX_GRAPH_BYTES = 50 * 1024 * 1024;
const MAX_RUN_BYTES = 1024 * 1024;
const MAX_METRICS_BYTES = 256 * 1024 * 1024;

/** Network names as folder names: what a graph node's name can safely become on every system. */
const NETWORK_NAME = /^[A-Za-z0-9_][A-Za-z0-9 _.-]{0,127}$/;

const metricsFileSchema = z.object({
  format: z.literal(METRICS_FILE_FORMAT),
  version: z.number().int(),
  metrics: z.array(metricRecordSchema),
  evals: z.array(evalRecordSchema),
});

const checkpointManifestSchema = z.object({
  format: z.literal('latent-studio.checkpoint'),
  version: z.literal(1),
  step: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

function decodeText(bytes: Uint8Array, path: string, max: number): string {
  if (bytes.length > max) throw new BundleError(`${path} is larger than ${Math.round(max / 1024 / 1024)} MB`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BundleError(`${path} is not UTF-8 text`);
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BundleError(`${path} is not valid JSON (${(e as Error).message})`);
  }
}

/**
 * Where the bundle's files are: at the archive's root (as the web export makes it), or inside one
 * top-level folder (a desktop export folder zipped by hand).
 */
function findRoot(files: Map<string, Uint8Array>): string {
  if (files.has('project/run.json')) return '';
  const tops = new Set([...files.keys()].map((p) => p.split('/')[0]!));
  if (tops.size === 1) {
    const [top] = tops;
    if (files.has(`${top}/project/run.json`)) return `${top}/`;
  }
  throw new BundleError('it is not a Latent Studio project bundle: project/run.json is missing (export the run with "project bundle" chosen)');
}

/**
 * Parses a project bundle. Throws a BundleError (with the reason) for anything that is not a
 * bundle this version can import: not a zip, a hostile or oversized entry, a missing or invalid
 * run.json, a graph that does not open, damaged metrics, a checkpoint that does not match its
 * manifest, a network missing a file.
 */
export function readBundle(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ParsedBundle {
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(bytes, limits);
  } catch (e) {
    if (e instanceof ZipError) throw new BundleError(e.message);
    throw new BundleError(`the file cannot be read as a .zip archive (${(e as Error).message})`);
  }
  // A PyTorch export that train.py trained comes home as a run too.
  const pytorch = pytorchProjectRoot(files);
  if (pytorch !== null) return readPytorchProject(files, pytorch);
  const root = findRoot(files);
  const get = (path: string): Uint8Array | undefined => files.get(root + path);

  let summary: RunSummary;
  try {
    summary = parseRunFile(decodeText(get('project/run.json')!, 'project/run.json', MAX_RUN_BYTES), 'project/run.json').summary;
  } catch (e) {
    if (e instanceof RunFileError || e instanceof BundleError) throw new BundleError(e.message);
    throw e;
  }

  const graphBytes = get('project/graph.json');
  if (!graphBytes) throw new BundleError('project/graph.json is missing: the bundle has no graph');
  const graphText = decodeText(graphBytes, 'project/graph.json', MAX_GRAPH_BYTES);
  try {
    parseGraphFile(graphText);
  } catch (e) {
    if (e instanceof GraphFileError) throw new BundleError(`project/graph.json does not open: ${e.message}`);
    throw e;
  }

  let metrics: MetricRecord[] = [];
  let evals: EvalRecord[] = [];
  const metricsBytes = get('project/metrics.json');
  if (metricsBytes) {
    const raw = parseJson(decodeText(metricsBytes, 'project/metrics.json', MAX_METRICS_BYTES), 'project/metrics.json');
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > METRICS_FILE_VERSION) {
      throw new BundleError(`project/metrics.json was written by a newer Latent Studio (version ${version}): update the app to import it`);
    }
    const parsed = metricsFileSchema.safeParse(raw);
    if (!parsed.success) throw new BundleError(`project/metrics.json is not valid: ${z.prettifyError(parsed.error).split('\n').slice(0, 4).join('; ')}`);
    metrics = parsed.data.metrics;
    evals = parsed.data.evals;
  }

  const manifestBytes = get('project/checkpoint/checkpoint.json');
  const state = get('project/checkpoint/state.bin');
  let checkpoint: ParsedBundle['checkpoint'];
  if (manifestBytes || state) {
    if (!manifestBytes || !state) throw new BundleError(`the checkpoint is incomplete: project/checkpoint/${manifestBytes ? 'state.bin' : 'checkpoint.json'} is missing`);
    const manifest = checkpointManifestSchema.safeParse(parseJson(decodeText(manifestBytes, 'project/checkpoint/checkpoint.json', MAX_RUN_BYTES * 16), 'project/checkpoint/checkpoint.json'));
    if (!manifest.success) throw new BundleError('project/checkpoint/checkpoint.json is not a Latent Studio checkpoint of version 1');
    if (manifest.data.bytes !== state.length) {
      throw new BundleError(`the checkpoint is damaged: project/checkpoint/state.bin has ${state.length} bytes, its manifest says ${manifest.data.bytes}`);
    }
    checkpoint = { step: manifest.data.step, manifest: manifestBytes, state };
  }

  const networks = new Map<string, { model: Uint8Array; weights: Uint8Array }>();
  for (const path of files.keys()) {
    if (!path.startsWith(`${root}networks/`)) continue;
    const rest = path.slice(root.length + 'networks/'.length).split('/');
    if (rest.length !== 2 || rest[1] !== 'model.json') continue;
    const name = rest[0]!;
    if (!NETWORK_NAME.test(name)) throw new BundleError(`networks/${name}: a network's folder name must be letters, digits, spaces, '.', '_' and '-'`);
    const weights = get(`networks/${name}/weights.bin`);
    if (!weights) throw new BundleError(`networks/${name}/weights.bin is missing`);
    networks.set(name, { model: files.get(path)!, weights });
  }

  return { summary, graphText, metrics, evals, ...(checkpoint && { checkpoint }), networks };
}
