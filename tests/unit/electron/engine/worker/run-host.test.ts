import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../../shared/graph/index';
import type { WorkerMessage } from '../../../../../electron/engine/worker/messages';
import { startRun, type RunHandle } from '../../../../../electron/engine/worker/run-host';
import { serve } from '../../../../../electron/engine/worker/training-worker';
import { tinyVae } from '../../../../helpers/tiny-graphs';

const baseDir = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'run-host-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Starts a run and collects its messages; `react` may control the run as messages arrive. */
function run(graphText: string, extra: { steps?: number; out?: string } = {}, react?: (m: WorkerMessage, h: RunHandle) => void) {
  const messages: WorkerMessage[] = [];
  const handle: RunHandle = startRun({ runId: 'r', graphText, baseDir, backend: 'cpu', seed: 7, steps: 200, ...extra }, (m) => {
    messages.push(m);
    react?.(m, handle);
  });
  return { messages, handle };
}
const vae = serializeGraphFile(tinyVae({ evalEvery: 100 }));
const records = (ms: WorkerMessage[]) => ms.flatMap((m) => (m.type === 'metrics' ? m.batch : []));

describe('the worker protocol without a thread', () => {
  it('answers a malformed host message with a failed error instead of throwing', () => {
    const sent: WorkerMessage[] = [];
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
  });

  it('pauses and resumes, finishing exactly as the uninterrupted run', async () => {
    let pausedOnce = false;
    const { messages, handle } = run(vae, {}, (m, h) => {
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
