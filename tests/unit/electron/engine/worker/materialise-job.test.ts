/**
 * Materialising an imported run without a thread: from a checkpoint, the networks a training run
 * would have written and an inspection; a checkpoint that does not fit the graph says so, naming
 * the mismatch, and writes nothing.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../../shared/graph/index';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining, train } from '../../../../../electron/engine/train/trainer';
import { runMaterialiseJob } from '../../../../../electron/engine/worker/materialise-job';
import type { MaterialiseWorkerMessage } from '../../../../../electron/engine/worker/messages';
import { exportNetworks } from '../../../../../electron/engine/worker/networks-export';
import { tinyVae } from '../../../../helpers/tiny-graphs';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'materialise-'));
  dirs.push(d);
  return d;
};
beforeAll(async () => {
  await initBackend('cpu');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('materialising an imported run', () => {
  it('writes the networks of the checkpoint (as training wrote them) and an inspection at its step', async () => {
    const doc = tinyVae({ duration: { steps: 30 } });
    const trained = temp();
    const p = prepareTraining(doc, '.');
    await train(p, { out: trained });
    await exportNetworks(p.model, trained);
    p.model.dispose();

    // The imported run's folder holds the checkpoint only.
    const home = temp();
    cpSync(join(trained, 'checkpoint'), join(home, 'checkpoint'), { recursive: true });
    const sent: MaterialiseWorkerMessage[] = [];
    await runMaterialiseJob({ type: 'materialise', runId: 'r', graphText: serializeGraphFile(doc), baseDir: '.', backend: 'cpu', dir: home }, (m) => sent.push(m));
    expect(sent.map((m) => m.type)).toEqual(['inspection', 'networks', 'materialised']);
    const networks = sent[1] as Extract<MaterialiseWorkerMessage, { type: 'networks' }>;
    expect(networks.step).toBe(30);
    expect([...networks.names].sort()).toEqual(['decoder', 'encoder']);
    expect((sent[0] as Extract<MaterialiseWorkerMessage, { type: 'inspection' }>).inspection.step).toBe(30);
    for (const name of networks.names) {
      expect(readFileSync(join(home, 'networks', name, 'weights.bin')), name).toEqual(readFileSync(join(trained, 'networks', name, 'weights.bin')));
    }
  }, 60_000);

  it('says why when the checkpoint belongs to another graph, and writes nothing', async () => {
    const trained = temp();
    const p = prepareTraining(tinyVae({ duration: { steps: 5 } }), '.');
    await train(p, { out: trained });
    p.model.dispose();
    const sent: MaterialiseWorkerMessage[] = [];
    const other = serializeGraphFile(tinyVae({ duration: { steps: 5 } }, [8]));
    await runMaterialiseJob({ type: 'materialise', runId: 'r', graphText: other, baseDir: '.', backend: 'cpu', dir: trained }, (m) => sent.push(m));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'materialise-failed', runId: 'r' });
    expect((sent[0] as { message: string }).message).toMatch(/belongs to another graph/);
    expect(existsSync(join(trained, 'networks'))).toBe(false);
  }, 60_000);
});
