/**
 * A graph (or a run of it) as a PyTorch project, for the CLI: the weights come from compiling the
 * graph (the seed's initial ones) or from the run's checkpoint. Refused, with the node and the
 * reason, when the graph holds something the export cannot write yet.
 */
import type { GraphFile } from '../../../../shared/graph/index';
import { CompiledModel } from '../../compile/model';
import type { Checkpoint } from '../../train/checkpoint';
import { exportSubject, pytorchProject } from './pytorch-project';
import type { NamedArray } from './state-dict';

export { ExportRefusedError } from './pytorch-project';

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
  const subject = exportSubject(req.doc, req.baseDir, req.dataRoot);
  const cp = req.checkpoint;
  if (cp) {
    if (cp.seed !== req.doc.training.seed) throw new Error(`the run was trained with seed ${cp.seed}, its graph says ${req.doc.training.seed}`);
    return pytorchProject({ subject, source: req.source, variables: cp.variables, from: { step: cp.step, optimizer: cp.optimizer } });
  }
  // The seed's initial weights: the graph compiled as training would compile it.
  const model = new CompiledModel(subject.analysis, req.doc.training);
  try {
    const variables: NamedArray[] = model.namedVariables.map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array }));
    return pytorchProject({ subject, source: req.source, variables });
  } finally {
    model.dispose();
  }
}
