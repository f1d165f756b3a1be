/**
 * Brings a PyTorch export home: a zip of the exported folder after `train.py` ran in it becomes a
 * bundle the run manager imports as a run, with train.py's curves (metrics.jsonl, evals.jsonl in
 * the app's format) and its last checkpoint turned into the app's own (state dict → the app's
 * variables, PyTorch's optimiser slots → the app's), so the run continues in the app. The archive
 * is untrusted: every file is checked, and a problem names the file (and line).
 */
import { z } from 'zod';
import { dataIdentity, GraphFileError, parseGraphFile, type GraphFile } from '../../../../shared/graph/index';
import { evalRecordSchema, metricRecordSchema, type EvalRecord, type MetricRecord, type RunSummary } from '../../../../shared/protocol/runs';
import { encodeCheckpoint, type Checkpoint } from '../../train/checkpoint';
import type { OptimizerState } from '../../train/optimizer';
import { BundleError, type ParsedBundle } from '../bundle-read';
import { decodeNpz, NpyError, type DecodedNpy } from './npy';
import { projectManifestSchema, torchStateSchema, type ProjectManifest } from './project-manifest';
import { fromStateDict } from './state-dict';
import { TORCH_SLOTS } from './optimizer-slots';

const MAX_TEXT_BYTES = 256 * 1024 * 1024;

function text(bytes: Uint8Array | undefined, path: string): string {
  if (!bytes) throw new BundleError(`${path} is missing`);
  if (bytes.length > MAX_TEXT_BYTES) throw new BundleError(`${path} is larger than 256 MB`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BundleError(`${path} is not UTF-8 text`);
  }
}

function json<T>(raw: string, path: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new BundleError(`${path} is not JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new BundleError(`${path} is not valid: ${z.prettifyError(r.error).split('\n').slice(0, 3).join('; ')}`);
  return r.data;
}

/** JSON lines of records; a torn last line (a process killed while writing) is dropped. */
function jsonLines<T>(bytes: Uint8Array | undefined, path: string, schema: z.ZodType<T>): T[] {
  if (!bytes) return [];
  const lines = text(bytes, path).split('\n');
  const out: T[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const last = i === lines.length - 1;
    try {
      out.push(json(line, `${path} line ${i + 1}`, schema));
    } catch (e) {
      if (!last) throw e;
    }
  });
  return out;
}

function npz(bytes: Uint8Array | undefined, path: string): Record<string, DecodedNpy> {
  if (!bytes) throw new BundleError(`${path} is missing`);
  try {
    return decodeNpz(bytes, path);
  } catch (e) {
    if (e instanceof NpyError) throw new BundleError(e.message);
    throw e;
  }
}

/** The slots the app's optimiser keeps for the graph's settings, in the app's names. */
function appSlots(training: GraphFile['training']): string[] {
  const o = training.optimizer;
  if (o.kind === 'adam') return ['m', 'v'];
  if (o.kind === 'sgd') return o.momentum > 0 ? ['momentum'] : [];
  return o.momentum > 0 ? ['v', 'momentum'] : ['v'];
}

/** The folder train.py wrote into: `run/`, else the one other folder holding a checkpoint. */
function runFolder(files: ReadonlyMap<string, Uint8Array>, root: string): string {
  if (files.has(`${root}run/checkpoint/state.json`)) return `${root}run/`;
  const found = [...files.keys()]
    .filter((p) => p.startsWith(root) && p.endsWith('/checkpoint/state.json'))
    .map((p) => p.slice(0, -'checkpoint/state.json'.length))
    .filter((folder) => folder !== root);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new BundleError('the PyTorch project holds no training output: run train.py in it first (it writes run/checkpoint/)');
  throw new BundleError(`the PyTorch project holds several training outputs (${found.map((f) => f.slice(root.length)).join(', ')}): keep one`);
}

/** Whether the archive holds a PyTorch export (latent-studio.json at its top, or in its one folder). */
export function pytorchProjectRoot(files: ReadonlyMap<string, Uint8Array>): string | null {
  if (files.has('latent-studio.json')) return '';
  const tops = new Set([...files.keys()].map((p) => p.split('/')[0]!));
  if (tops.size === 1) {
    const [top] = tops;
    if (files.has(`${top}/latent-studio.json`)) return `${top}/`;
  }
  return null;
}

/**
 * Reads a PyTorch export that train.py trained into a bundle to import.
 * @throws BundleError saying what is wrong and in which file
 */
export function readPytorchProject(files: ReadonlyMap<string, Uint8Array>, root: string): ParsedBundle {
  const get = (p: string) => files.get(root + p);
  const manifest: ProjectManifest = json(text(get('latent-studio.json'), 'latent-studio.json'), 'latent-studio.json', projectManifestSchema);
  const graphText = text(get('graph.json'), 'graph.json');
  let doc: GraphFile;
  try {
    doc = parseGraphFile(graphText);
  } catch (e) {
    if (e instanceof GraphFileError) throw new BundleError(`graph.json does not open: ${e.message}`);
    throw e;
  }
  const run = runFolder(files, root);
  const where = run.slice(root.length);
  const state = json(text(files.get(`${run}checkpoint/state.json`), `${where}checkpoint/state.json`), `${where}checkpoint/state.json`, torchStateSchema);
  const shapes = manifest.variables;
  const convert = (tensors: Record<string, DecodedNpy>, path: string, slot?: string) => {
    try {
      return fromStateDict(manifest.parameters, tensors, shapes, slot);
    } catch (e) {
      throw new BundleError(`${path}: ${(e as Error).message}`);
    }
  };
  const weights = convert(npz(files.get(`${run}checkpoint/model.npz`), `${where}checkpoint/model.npz`), `${where}checkpoint/model.npz`);
  const slotsFile = npz(files.get(`${run}checkpoint/optimizer.npz`), `${where}checkpoint/optimizer.npz`);
  const kind = doc.training.optimizer.kind;
  const slots: OptimizerState['slots'] = {};
  for (const slot of appSlots(doc.training)) {
    const torchSlot = TORCH_SLOTS[kind]![slot]!;
    const present = Object.keys(slotsFile).some((k) => k.endsWith(`.${torchSlot}`));
    // No slot yet (a checkpoint from before the first step): the optimiser starts from zeros, as it would.
    slots[slot] = present ? convert(slotsFile, `${where}checkpoint/optimizer.npz`, torchSlot).map((v) => v.values) : shapes.map((v) => new Float32Array(v.shape.reduce((n, d) => n * d, 1)));
  }
  const cp: Checkpoint = { step: state.step, seed: state.seed, variables: weights, optimizer: { kind, step: state.optimizerStep, slots } };
  const encoded = encodeCheckpoint(cp);

  const metrics: MetricRecord[] = jsonLines(files.get(`${run}metrics.jsonl`), `${where}metrics.jsonl`, metricRecordSchema);
  const evals: EvalRecord[] = jsonLines(files.get(`${run}evals.jsonl`), `${where}evals.jsonl`, evalRecordSchema);
  const last = metrics.at(-1);
  const lastEval = evals.at(-1);
  const data = dataIdentity(doc.graph);
  const summary: RunSummary = {
    id: 'pytorch',
    name: 'PyTorch run',
    graphName: manifest.source,
    ...(data !== undefined && { data }),
    createdAt: Date.now(),
    status: 'stopped',
    settings: { backend: 'auto', ...(state.seed !== doc.training.seed && { seed: state.seed }) },
    step: Math.max(state.step, last?.step ?? 0),
    ...(last && { totalSteps: last.totalSteps, elbo: last.elbo, stepsPerSec: last.stepsPerSec }),
    ...(lastEval && { valElbo: lastEval.valElbo, valAccuracy: lastEval.valAccuracy }),
    checkpointStep: state.step,
    networks: [],
  };
  const enc = new TextEncoder();
  return { summary, graphText, metrics, evals, checkpoint: { step: state.step, manifest: enc.encode(encoded.manifest), state: encoded.state }, networks: new Map() };
}
