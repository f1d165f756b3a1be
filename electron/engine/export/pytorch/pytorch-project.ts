/**
 * The files of a PyTorch project for a graph whose data are loaded and whose weights are known
 * (the seed's initial ones, or a run's checkpoint): model.py, train.py, README.md, graph.json,
 * latent-studio.json, the data splits and the checkpoint to start from. Free of tfjs, so the
 * app's host process writes a run's project from the run's own files.
 */
import { analyzeGraph, isTrainable, pytorchRefusal, serializeGraphFile, type Analysis, type ExportRefusal, type GraphFile } from '../../../../shared/graph/index';
import { APP_VERSION } from '../../../../shared/version';
import type { DataSplits } from '../../data/dataset';
import { loadDataSplits } from '../../data/from-node';
import { analyzeWithData } from '../../train/analyze-with-data';
import { GraphInvalidError } from '../../train/errors';
import type { OptimizerState } from '../../train/optimizer';
import { splitArchive } from './data-files';
import { writeModelPy } from './model-py';
import { encodeNpz, type NpyArray } from './npy';
import { TORCH_SLOTS } from './optimizer-slots';
import { PYTORCH_EXPORT_FORMAT, type ProjectManifest } from './project-manifest';
import { writeReadme } from './readme-md';
import { toStateDict, type NamedArray } from './state-dict';
import { writeTrainPy } from './train-py';

/** The graph holds something the PyTorch export cannot write yet. */
export class ExportRefusedError extends Error {
  constructor(readonly refusal: ExportRefusal) {
    super(`cannot export to PyTorch: ${refusal.message}`);
    this.name = 'ExportRefusedError';
  }
}

/** A graph checked for the export, with its data loaded and its analysis refined by them. */
export interface ExportSubject {
  readonly doc: GraphFile;
  readonly analysis: Analysis;
  readonly data: DataSplits;
}

/**
 * Checks that the export can write the graph (before loading any data: what the data tell never
 * changes the answer), then loads its data.
 * @throws ExportRefusedError, GraphInvalidError
 */
export function exportSubject(doc: GraphFile, baseDir: string, dataRoot?: string): ExportSubject {
  const first = analyzeGraph(doc.graph, {}, doc.training);
  if (!isTrainable(first.problems)) throw new GraphInvalidError(first.problems);
  const refusal = pytorchRefusal(first, doc.training);
  if (refusal) throw new ExportRefusedError(refusal);
  // A trainable graph reads exactly one data set.
  const dataNode = [...first.nodes.values()].find((a) => a.kind.category === 'data' && Object.values(a.consumers).some((l) => l.length > 0))!;
  const data = loadDataSplits(dataNode, baseDir, dataRoot);
  return { doc, analysis: analyzeWithData(doc, dataNode.node.id, data), data };
}

export interface ProjectRequest {
  readonly subject: ExportSubject;
  /** What the graph is called in the files' headers (its file name). */
  readonly source: string;
  /** The app's variables, in the compiled model's order. */
  readonly variables: readonly NamedArray[];
  /** Continue a run: its step and optimiser state (absent: step 0, a fresh optimiser). */
  readonly from?: { readonly step: number; readonly optimizer: OptimizerState };
}

/** The project's files by relative path. */
export function pytorchProject({ subject, source, variables, from }: ProjectRequest): Record<string, Uint8Array> {
  const { doc, analysis, data } = subject;
  const training = doc.training;
  const title = doc.meta.title ?? source.replace(/\.json$/, '');
  const model = writeModelPy(analysis, training, { title, ...(doc.meta.description ? { description: doc.meta.description } : {}), source, appVersion: APP_VERSION });
  const stepsPerEpoch = Math.ceil(data.train.length / training.batchSize);
  const steps = 'steps' in training.duration ? training.duration.steps : training.duration.epochs * stepsPerEpoch;
  const slots: Record<string, NpyArray> = {};
  if (from) {
    for (const [slot, values] of Object.entries(from.optimizer.slots)) {
      const torchSlot = TORCH_SLOTS[from.optimizer.kind]?.[slot];
      if (!torchSlot) throw new Error(`internal: no PyTorch name for the ${from.optimizer.kind} optimiser's slot ${slot}`);
      Object.assign(slots, toStateDict(model.parameters, variables.map((v, i) => ({ ...v, values: values[i]! })), { slot: torchSlot }));
    }
  }
  const state = { format: 'latent-studio.pytorch-checkpoint', step: from?.step ?? 0, optimizerStep: from?.optimizer.step ?? 0, seed: training.seed };
  const manifest: ProjectManifest = {
    format: PYTORCH_EXPORT_FORMAT,
    version: 1,
    appVersion: APP_VERSION,
    source,
    variables: variables.map((v) => ({ name: v.name, shape: [...v.shape] })),
    parameters: model.parameters as ProjectManifest['parameters'],
  };
  const text = (s: string) => new TextEncoder().encode(s);
  return {
    'model.py': text(model.text),
    'train.py': text(writeTrainPy({ title, steps, training })),
    'README.md': text(writeReadme({ title, source, appVersion: APP_VERSION, steps, batchSize: training.batchSize, trainExamples: data.train.length, heldOutExamples: data.heldOut.length, fromStep: from?.step ?? null })),
    'graph.json': text(serializeGraphFile(doc)),
    'latent-studio.json': text(`${JSON.stringify(manifest, null, 2)}\n`),
    'data/train.npz': splitArchive(data.train, model.columns),
    'data/held_out.npz': splitArchive(data.heldOut, model.columns),
    'checkpoint/state.json': text(`${JSON.stringify(state, null, 2)}\n`),
    'checkpoint/model.npz': encodeNpz(toStateDict(model.parameters, variables, { withBuffers: true })),
    'checkpoint/optimizer.npz': encodeNpz(slots),
  };
}
