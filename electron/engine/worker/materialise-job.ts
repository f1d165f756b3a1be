/**
 * The worker's side of materialising an imported run: the graph compiled, the checkpoint's
 * weights put in, one inspection (as a training run's last) and the networks as LayersModels, so
 * a run trained elsewhere shows its samples and exports its networks like one trained here.
 */
import { parseGraphFile } from '../../../shared/graph/index';
import { inspectionSchema } from '../../../shared/protocol/runs';
import { initBackend } from '../backend';
import { buildInspection } from '../inspect/inspection';
import { loadCheckpoint } from '../train/checkpoint';
import { prepareTraining, restoreWeights, type Prepared } from '../train/trainer';
import { inspectionSeed } from './inspection-schedule';
import type { MaterialiseMessage, MaterialiseWorkerMessage } from './messages';
import { exportNetworks } from './networks-export';

/** Runs the job; every failure becomes `materialise-failed`. */
export async function runMaterialiseJob(m: MaterialiseMessage, post: (message: MaterialiseWorkerMessage) => void): Promise<void> {
  const { runId } = m;
  let prepared: Prepared | null = null;
  try {
    await initBackend(m.backend);
    prepared = prepareTraining(parseGraphFile(m.graphText), m.baseDir, m.seed, m.dataRoot);
    const cp = loadCheckpoint(m.dir);
    restoreWeights(prepared.model, cp, m.dir);
    post({ type: 'inspection', runId, inspection: inspectionSchema.parse(buildInspection(prepared, cp.step, inspectionSeed(prepared.model.training.seed))) });
    post({ type: 'networks', runId, step: cp.step, names: await exportNetworks(prepared.model, m.dir) });
    post({ type: 'materialised', runId });
  } catch (e) {
    post({ type: 'materialise-failed', runId, message: e instanceof Error ? e.message : String(e) });
  } finally {
    prepared?.model.dispose();
  }
}
