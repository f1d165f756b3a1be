/**
 * A graph (or a run of it) as a PyTorch project: model.py, train.py, README.md, the data and the
 * weights to start from. Refused, with the node and the reason, when the graph holds something the
 * export cannot write yet.
 */
import { analyzeGraph, isTrainable, serializeGraphFile, type GraphFile } from '../../../../shared/graph/index';
import { APP_VERSION } from '../../../../shared/version';
import type { Checkpoint } from '../../train/checkpoint';
import { prepareTraining, restoreWeights } from '../../train/trainer';
import { pytorchRefusal, type ExportRefusal } from './coverage';
import { splitArchive } from './data-files';
import { writeModelPy } from './model-py';
import { encodeNpz } from './npy';
import { writeReadme } from './readme-md';
import { toStateDict, type NamedArray } from './state-dict';
import { writeTrainPy } from './train-py';
import { TORCH_SLOTS } from './optimizer-slots';
import { PYTORCH_EXPORT_FORMAT, type ProjectManifest } from './project-manifest';

/** The graph holds something the PyTorch export cannot write yet. */
export class ExportRefusedError extends Error {
  constructor(readonly refusal: ExportRefusal) {
    super(`cannot export to PyTorch: ${refusal.message}`);
    this.name = 'ExportRefusedError';
  }
}

export interface PytorchExportRequest {
  readonly doc: GraphFile;
  /** The folder the graph's data paths are relative to. */
  readonly baseDir: string;
  /** Web mode: the project folder no data file may lie outside. */
  readonly dataRoot?: string;
  /** What the graph is called in the files' headers (its file name). */
  readonly source: string;
  /** Continue a run: its checkpoint (weights, optimiser state, step). */
  readonly checkpoint?: Checkpoint;
}

/**
 * The export's files by relative path.
 * @throws ExportRefusedError when the graph cannot be exported yet
 * @throws GraphInvalidError when the graph cannot train at all
 */
export function exportPytorch(req: PytorchExportRequest): Record<string, Uint8Array> {
  // Refuse before loading any data: what the data tell (a label's classes) never changes the answer.
  const first = analyzeGraph(req.doc.graph, {}, req.doc.training);
  if (isTrainable(first.problems)) {
    const refusal = pytorchRefusal(first, req.doc.training);
    if (refusal) throw new ExportRefusedError(refusal);
  }
  const p = prepareTraining(req.doc, req.baseDir, undefined, req.dataRoot);
  try {
    if (req.checkpoint) restoreWeights(p.model, req.checkpoint, 'the run');
    const training = p.doc.training;
    const title = p.doc.meta.title ?? req.source.replace(/\.json$/, '');
    const model = writeModelPy(p.analysis, training, { title, ...(p.doc.meta.description ? { description: p.doc.meta.description } : {}), source: req.source, appVersion: APP_VERSION });
    const stepsPerEpoch = Math.ceil(p.data.train.length / training.batchSize);
    const steps = 'steps' in training.duration ? training.duration.steps : training.duration.epochs * stepsPerEpoch;
    const variables: NamedArray[] = p.model.namedVariables.map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array }));
    const slots: Record<string, ReturnType<typeof toStateDict>[string]> = {};
    const cp = req.checkpoint;
    if (cp) {
      for (const [slot, values] of Object.entries(cp.optimizer.slots)) {
        const torchSlot = TORCH_SLOTS[cp.optimizer.kind]?.[slot];
        if (!torchSlot) throw new Error(`internal: no PyTorch name for the ${cp.optimizer.kind} optimiser's slot ${slot}`);
        Object.assign(slots, toStateDict(model.parameters, variables.map((v, i) => ({ ...v, values: values[i]! })), { slot: torchSlot }));
      }
    }
    const state = { format: 'latent-studio.pytorch-checkpoint', step: cp?.step ?? 0, optimizerStep: cp?.optimizer.step ?? 0, seed: training.seed };
    const text = (s: string) => new TextEncoder().encode(s);
    const manifest: ProjectManifest = {
      format: PYTORCH_EXPORT_FORMAT,
      version: 1,
      appVersion: APP_VERSION,
      source: req.source,
      variables: variables.map((v) => ({ name: v.name, shape: [...v.shape] })),
      parameters: model.parameters as ProjectManifest['parameters'],
    };
    return {
      'graph.json': text(serializeGraphFile(req.doc)),
      'latent-studio.json': text(`${JSON.stringify(manifest, null, 2)}\n`),
      'model.py': text(model.text),
      'train.py': text(writeTrainPy({ title, steps, training })),
      'README.md': text(writeReadme({ title, source: req.source, appVersion: APP_VERSION, steps, batchSize: training.batchSize, trainExamples: p.data.train.length, heldOutExamples: p.data.heldOut.length, fromStep: cp?.step ?? null })),
      'data/train.npz': splitArchive(p.data.train, model.columns),
      'data/held_out.npz': splitArchive(p.data.heldOut, model.columns),
      'checkpoint/state.json': text(`${JSON.stringify(state, null, 2)}\n`),
      'checkpoint/model.npz': encodeNpz(toStateDict(model.parameters, variables, { withBuffers: true })),
      'checkpoint/optimizer.npz': encodeNpz(slots),
    };
  } finally {
    p.model.dispose();
  }
}
