import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../../shared/graph/index';
import { initBackend } from '../../../../../electron/engine/backend';
import { fileLoadHandler } from '../../../../../electron/engine/export/node-file-io';
import { loadCheckpoint } from '../../../../../electron/engine/train/checkpoint';
import type { LabWorkerMessage, MaterialiseWorkerMessage, RunRequest, WorkerMessage, WorkerMessageOf } from '../../../../../electron/engine/worker/messages';
import { startRun, type RunHandle } from '../../../../../electron/engine/worker/run-host';
import { serve } from '../../../../../electron/engine/worker/training-worker';
import { tinyVae } from '../../../../helpers/tiny-graphs';

const baseDir = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'run-host-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// For loading the exported networks in this thread (training runs in the workers).
beforeAll(async () => {
  await initBackend('cpu');
});

/** Starts a run and collects its messages; `react` may control the run as messages arrive. */
function run(graphText: string, extra: Partial<RunRequest> = {}, react?: (m: WorkerMessage, h: RunHandle) => void) {
  const messages: WorkerMessage[] = [];
  const handle: RunHandle = startRun({ runId: 'r', graphText, baseDir, backend: 'cpu', seed: 7, steps: 200, ...extra }, (m) => {
    messages.push(m);
    react?.(m, handle);
  });
  return { messages, handle };
}
const vae = serializeGraphFile(tinyVae({ evalEvery: 100 }));
const records = (ms: WorkerMessage[]) => ms.flatMap((m) => (m.type === 'metrics' ? m.batch : []));
const ofType = <T extends WorkerMessage['type']>(ms: WorkerMessage[], type: T) => ms.filter((m): m is WorkerMessageOf<T> => m.type === type);

/**
 * Checks that the LayersModels in `<out>/networks/` load and hold the weights of the checkpoint in
 * `out`: the decoder whole (hidden layer and its one head), the encoder's hidden layer.
 */
async function expectNetworksOfCheckpoint(out: string, step: number): Promise<void> {
  const cp = loadCheckpoint(out);
  expect(cp.step).toBe(step);
  const saved = (name: string) => Array.from(cp.variables.find((v) => v.name === name)!.values);
  const load = (net: string) => tf.loadLayersModel(fileLoadHandler(join(out, 'networks', net, 'model.json')));
  const layerWeights = (m: tf.LayersModel, layer: string) => m.getLayer(layer).getWeights().map((w) => Array.from(w.dataSync()));
  const decoder = await load('decoder');
  expect(layerWeights(decoder, 'dense_0')).toEqual([saved('decoder/dense_0/kernel'), saved('decoder/dense_0/bias')]);
  expect(layerWeights(decoder, 'loc')).toEqual([saved('decoder/heads/kernel'), saved('decoder/heads/bias')]);
  expect(saved('decoder/heads/kernel').every(Number.isFinite)).toBe(true);
  const encoder = await load('encoder');
  expect(layerWeights(encoder, 'dense_0')).toEqual([saved('encoder/dense_0/kernel'), saved('encoder/dense_0/bias')]);
  expect((encoder.predict(tf.zeros([3, 2])) as tf.Tensor[]).map((t) => t.shape)).toEqual([[3, 2], [3, 2]]);
  decoder.dispose();
  encoder.dispose();
}

describe('the worker protocol without a thread', () => {
  it('answers a malformed host message with a failed error instead of throwing', () => {
    const sent: Array<WorkerMessage | LabWorkerMessage | MaterialiseWorkerMessage> = [];
    let listener: (m: unknown) => void = () => {};
    serve({ on: (_e, fn) => (listener = fn), postMessage: (m) => sent.push(m) });
    listener({ type: 'bogus' });
    listener({ type: 'start', runId: 'x' }); // missing fields
    listener({ type: 'pause' }); // no run yet: ignored
    expect(sent.map((m) => m.type === 'error' && m.kind)).toEqual(['failed', 'failed']);
  });
});

describe('training in a worker thread', () => {
  let uninterrupted: WorkerMessage[] = [];

  it('trains and sends started, batched metrics and done', async () => {
    const { messages, handle } = run(vae);
    const done = await handle.finished;
    uninterrupted = messages;
    expect(messages[0]).toMatchObject({ type: 'started', runId: 'r', backend: 'cpu' });
    expect(done).toMatchObject({ type: 'done', steps: 200, stopped: false });
    expect(messages.at(-1)).toBe(done);
    const steps = records(messages).map((r) => r.step);
    expect(steps).toEqual(Array.from({ length: 20 }, (_, i) => 10 * (i + 1)));
    expect(messages.filter((m) => m.type === 'metrics').length).toBeLessThan(20);
    expect(messages.filter((m) => m.type === 'eval').map((m) => (m as { step: number }).step)).toEqual([100, 200]);
    // The optimiser's learning rate with every record: the graph's, as nothing schedules it.
    expect(new Set(records(messages).map((r) => r.learningRate))).toEqual(new Set([tinyVae().training.optimizer.learningRate]));
    // Inspections: one early, at the first report, and one at the end, before `done`.
    const inspections = ofType(messages, 'inspection');
    expect(inspections[0]!.inspection.step).toBe(10);
    expect(inspections.at(-1)!.inspection.step).toBe(200);
    expect(messages.at(-2)).toBe(inspections.at(-1));
    for (const { inspection } of inspections) {
      expect(inspection.samples2d!.samples).toHaveLength(2000);
      expect(inspection.latentMaps![0]!.latent).toBe('z');
    }
    // Without `out`, no networks are written.
    expect(ofType(messages, 'networks')).toEqual([]);
  });

  it('pauses and resumes, finishing exactly as the uninterrupted run', async () => {
    let pausedOnce = false;
    const { messages, handle } = run(vae, { inspectEveryMs: 0 }, (m, h) => {
      if (m.type === 'metrics' && !pausedOnce) {
        pausedOnce = true;
        h.pause();
      }
      if (m.type === 'paused') setTimeout(() => h.resume(), 100);
    });
    const done = await handle.finished;
    const types = messages.map((m) => m.type);
    expect(types).toContain('paused');
    expect(types.indexOf('resumed')).toBeGreaterThan(types.indexOf('paused'));
    const paused = messages.find((m) => m.type === 'paused') as { step: number };
    expect(paused.step % 10).toBe(0);
    expect(paused.step).toBeLessThan(200);
    const a = uninterrupted.at(-1) as Extract<WorkerMessage, { type: 'done' }>;
    expect(done).toMatchObject({ type: 'done', steps: 200, stopped: false, valElbo: a.valElbo });
    expect((done as typeof a).elbo).toBeCloseTo(a.elbo!, 10);
    expect(records(messages).map((r) => [r.step, r.elbo, r.kl])).toEqual(records(uninterrupted).map((r) => [r.step, r.elbo, r.kl]));
    expect(ofType(messages, 'inspection')).toEqual([]); // inspectEveryMs: 0
  });

  it('a run stopped and resumed later in a new worker ends with the final ELBO of the uninterrupted run', async () => {
    const out = join(tmp, 'resumed-later');
    let stopped = false;
    const first = run(vae, { out, inspectEveryMs: 0 }, (m, h) => {
      if (m.type === 'metrics' && !stopped) {
        stopped = true;
        h.stop();
      }
    });
    const atStop = (await first.handle.finished) as WorkerMessageOf<'done'>;
    expect(atStop.stopped).toBe(true);
    expect(atStop.steps).toBeLessThan(100);
    const second = run(vae, { out, resume: out, inspectEveryMs: 0 });
    const done = (await second.handle.finished) as WorkerMessageOf<'done'>;
    const a = uninterrupted.at(-1) as WorkerMessageOf<'done'>;
    expect(done.steps).toBe(200);
    // The last 10% (20 steps) are the last two reports of both runs: the same mean.
    expect(done.elbo).toBeCloseTo(a.elbo!, 10);
    expect(done.valElbo).toBeCloseTo(a.valElbo!, 10);
  });

  it('stops early with stopped: true and keeps a checkpoint in out', async () => {
    const out = join(tmp, 'stopped');
    const { messages, handle } = run(vae, { steps: 100_000, out }, (m, h) => {
      if (m.type === 'metrics') h.stop();
    });
    const done = await handle.finished;
    expect(done).toMatchObject({ type: 'done', stopped: true });
    expect((done as { steps: number }).steps).toBeLessThan(1000);
    expect(messages.some((m) => m.type === 'checkpoint')).toBe(true);
    expect(existsSync(out)).toBe(true);
    // The networks as they were when the run stopped, announced before `done`.
    const networks = ofType(messages, 'networks');
    expect(networks).toEqual([{ type: 'networks', runId: 'r', step: (done as { steps: number }).steps, names: ['encoder', 'decoder'] }]);
    expect(messages.indexOf(networks[0]!)).toBeLessThan(messages.indexOf(done));
    await expectNetworksOfCheckpoint(out, (done as { steps: number }).steps);
  });

  it('writes the networks at a pause, before `paused`, and not again when stopped while paused', async () => {
    const out = join(tmp, 'paused');
    const { messages, handle } = run(vae, { steps: 100_000, out, inspectEveryMs: 0 }, (m, h) => {
      if (m.type === 'metrics' && !messages.some((x) => x.type === 'paused')) h.pause();
      if (m.type === 'paused') h.stop();
    });
    const done = await handle.finished;
    const paused = ofType(messages, 'paused');
    expect(paused).toHaveLength(1);
    expect(done).toMatchObject({ type: 'done', stopped: true, steps: paused[0]!.step });
    const networks = ofType(messages, 'networks');
    expect(networks).toEqual([{ type: 'networks', runId: 'r', step: paused[0]!.step, names: ['encoder', 'decoder'] }]);
    expect(messages.indexOf(networks[0]!)).toBeLessThan(messages.indexOf(paused[0]!));
    await expectNetworksOfCheckpoint(out, paused[0]!.step);
  });

  it('after a non-finite step, writes the networks of the last good checkpoint before the error', async () => {
    const out = join(tmp, 'diverged');
    const sgd = (learningRate: number) => serializeGraphFile(tinyVae({ evalEvery: 100, optimizer: { kind: 'sgd', learningRate, momentum: 0.9 } }));
    // 20 sane steps leave a checkpoint; continuing them with an absurd learning rate diverges
    // within a few steps, long before the next checkpoint (step 100).
    expect(await run(sgd(0.01), { steps: 20, out }).handle.finished).toMatchObject({ type: 'done', steps: 20 });
    const { messages, handle } = run(sgd(10), { steps: 200, out, resume: out });
    const err = await handle.finished;
    expect(err).toMatchObject({ type: 'error', kind: 'non-finite', lastCheckpointStep: 20, node: expect.any(String), nodeId: expect.any(String) });
    const e = err as WorkerMessageOf<'error'>;
    // The node's id is the id of the node its name names.
    expect(tinyVae().graph.nodes.find((n) => n.id === e.nodeId)?.name).toBe(e.node);
    expect(e.step).toBeGreaterThan(20);
    const networks = ofType(messages, 'networks');
    expect(networks).toEqual([{ type: 'networks', runId: 'r', step: 20, names: ['encoder', 'decoder'] }]);
    expect(messages.indexOf(networks[0]!)).toBeLessThan(messages.indexOf(err));
    await expectNetworksOfCheckpoint(out, 20);
  });

  it('reports an invalid graph with its problems', async () => {
    const doc = tinyVae();
    const broken = { ...doc, graph: { ...doc.graph, edges: doc.graph.edges.filter((e) => e.id !== 'e4') } };
    const { messages, handle } = run(serializeGraphFile(broken));
    const err = await handle.finished;
    expect(err).toMatchObject({ type: 'error', kind: 'invalid-graph' });
    expect((err as { problems?: unknown[] }).problems?.length).toBeGreaterThan(0);
    expect(messages.some((m) => m.type === 'started')).toBe(false);
  });

  it('turns a crashed worker into a failed error and the host carries on', async () => {
    const throwing = new URL(`data:text/javascript,${encodeURIComponent("setTimeout(() => { throw new Error('boom'); }, 10);")}`);
    const exiting = new URL(`data:text/javascript,${encodeURIComponent('process.exit(3);')}`);
    for (const [workerUrl, why] of [[throwing, 'boom'], [exiting, 'code 3']] as const) {
      const seen: WorkerMessage[] = [];
      const h = startRun({ runId: 'c', graphText: vae, baseDir, backend: 'cpu' }, (m) => seen.push(m), { workerUrl });
      const err = await h.finished;
      expect(err).toMatchObject({ type: 'error', runId: 'c', kind: 'failed' });
      expect((err as { message: string }).message).toMatch(new RegExp(`the training worker crashed: .*${why}`));
      expect(seen).toEqual([err]);
      h.stop(); // harmless after the end
    }
  });

  it('ends the run with a failed error when the worker sends a malformed message', async () => {
    const code = "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'metrics', runId: 'g', batch: 'oops' });";
    const h = startRun({ runId: 'g', graphText: vae, baseDir, backend: 'cpu' }, () => {}, { workerUrl: new URL(`data:text/javascript,${encodeURIComponent(code)}`) });
    const err = await h.finished;
    expect(err).toMatchObject({ type: 'error', kind: 'failed' });
    expect((err as { message: string }).message).toMatch(/invalid message/);
  });

  it('sends an invalid-graph error for a graph file that is not JSON', async () => {
    const { handle } = run('not json at all');
    expect(await handle.finished).toMatchObject({ type: 'error', kind: 'invalid-graph' });
  });
});
