/**
 * A run's networks as LayersModels in `<out>/networks/<name>/`, written after each segment of a
 * run (pause, stop, end) and, when training diverges, from the last good checkpoint, so a run
 * always leaves usable networks behind.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledModel } from '../compile/model';
import { exportNetwork } from '../export/layers-model';
import { observationMeans } from '../export/observation-means';
import { loadCheckpoint } from '../train/checkpoint';
import { restoreWeights } from '../train/trainer';

/** The folder under a run's `out` that holds one folder per network. */
export const NETWORKS_DIR = 'networks';

/**
 * The folder a network is written to. Node names are free text (up to 100 characters), so
 * characters that would leave the folder or that file systems refuse become `_`; the names
 * people use (encoder, decoder_2, prior net) are kept as they are.
 */
export function networkDir(out: string, name: string): string {
  // eslint-disable-next-line no-control-regex
  let safe = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim();
  if (safe === '' || /^\.+$/.test(safe)) safe = `_${safe}`;
  return join(out, NETWORKS_DIR, safe);
}

/**
 * Writes every network of the model as it is now, as the CLI does (with the means of the observed
 * variables its heads parameterise as extra outputs); returns their names, in graph order.
 *
 * @throws Error naming the folder when a network cannot be written
 */
export async function exportNetworks(model: CompiledModel, out: string): Promise<string[]> {
  const names: string[] = [];
  for (const [id, net] of model.networks) {
    const dir = networkDir(out, net.name);
    try {
      await exportNetwork(net, dir, observationMeans(model, id));
    } catch (e) {
      throw new Error(`could not write network ${net.name} to ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
    names.push(net.name);
  }
  return names;
}

/**
 * After a failure: puts the weights of the checkpoint taken at `step` back into the model and
 * writes its networks to `out`. The checkpoint is looked for in `out` first, then in each of
 * `elsewhere` (a resumed run's first checkpoint is the one it resumed from, in another folder).
 * The model's weights are replaced: only for a run that is over.
 *
 * @returns the networks' names, or null when no checkpoint of that step is found
 */
export async function exportCheckpointNetworks(model: CompiledModel, out: string, step: number, elsewhere: readonly string[] = []): Promise<string[] | null> {
  for (const dir of [out, ...elsewhere]) {
    if (!existsSync(join(dir, 'checkpoint')) && !existsSync(join(dir, 'checkpoint.old'))) continue;
    const cp = loadCheckpoint(dir);
    if (cp.step !== step) continue;
    restoreWeights(model, cp, dir);
    return exportNetworks(model, out);
  }
  return null;
}
