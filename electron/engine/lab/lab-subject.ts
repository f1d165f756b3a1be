import type { GraphFile } from '../../../shared/graph/index';
import { BaselineStates } from '../estimators/baseline-state';
import { loadCheckpoint } from '../train/checkpoint';
import { prepareTraining, restoreWeights } from '../train/trainer';
import type { LabSubject } from './lab';

/**
 * What the lab studies, made ready: the graph compiled with its data at its initial weights, or at
 * the weights and running baselines of the checkpoint in `checkpointDir` (a run's folder). The
 * caller disposes of `subject.model` when done. Throws GraphInvalidError for a graph that cannot
 * be trained.
 */
export function prepareLabSubject(doc: GraphFile, baseDir: string, checkpointDir?: string, dataRoot?: string): LabSubject {
  const p = prepareTraining(doc, baseDir, undefined, dataRoot);
  if (checkpointDir === undefined) return { doc, data: p.data, model: p.model, step: 0, baselines: new BaselineStates() };
  try {
    const cp = loadCheckpoint(checkpointDir);
    restoreWeights(p.model, cp, checkpointDir);
    return { doc, data: p.data, model: p.model, step: cp.step, baselines: BaselineStates.fromJSON(cp.baselines) };
  } catch (e) {
    p.model.dispose();
    throw e;
  }
}
