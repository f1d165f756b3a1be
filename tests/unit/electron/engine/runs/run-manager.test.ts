import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataIdentity, parseGraphFile, serializeGraphFile } from '../../../../../shared/graph/index';
import { type RunEvent, runEventSchema, runIdSchema } from '../../../../../shared/protocol/runs';
import { RunManager } from '../../../../../electron/engine/runs/run-manager';
import { RunRequestError } from '../../../../../electron/engine/runs/run-request-error';
import { tinyVae } from '../../../../helpers/tiny-graphs';
import { fakeWorkers, record } from './fake-worker';
import { rejection } from '../../../../helpers/rejection';

const GRAPH = serializeGraphFile(tinyVae());
const BROKEN = (() => {
  const doc = tinyVae();
  // Without e4, the latent z has no approximate posterior.
  return serializeGraphFile({ ...doc, graph: { ...doc.graph, edges: doc.graph.edges.filter((e) => e.id !== 'e4') } });
})();

let dir: string;
let runsDir: string;
const warnings: string[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-run-manager-'));
  runsDir = join(dir, 'runs');
  warnings.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function manager(workers = fakeWorkers(), extra: Partial<ConstructorParameters<typeof RunManager>[0]> = {}) {
  const m = new RunManager({ runsDir, defaultBaseDir: dir, startRun: workers.startRun, summaryDelayMs: 10, stopTimeoutMs: 200, warn: (w) => warnings.push(w), ...extra });
  const events: RunEvent[] = [];
  m.subscribe((e) => events.push(e));
  return { m, workers, events };
}

const failure = (p: Promise<unknown>): Promise<RunRequestError> => rejection(p, RunRequestError);

const settings = { steps: 100, backend: 'cpu' as const };

describe('starting a run', () => {
  it('creates a numbered run with a time-sortable id, saves the graph text and starts a worker writing into the run folder', async () => {
    const { m, workers, events } = manager();
    const a = await m.start({ graphText: GRAPH, graphName: 'tiny.json', settings });
    const b = await m.start({ graphText: GRAPH, settings, baseDir: '/data' });
    expect([a.name, b.name]).toEqual(['Run 1', 'Run 2']);
    expect(a.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(runIdSchema.safeParse(a.id).success).toBe(true);
    expect(a).toMatchObject({ status: 'starting', graphName: 'tiny.json', step: 0, checkpointStep: null, settings });
    expect(b.graphName).toBe('Untitled');
    // What it trains on, so the renderer overlays runs of the same data set.
    expect(a.data).toBe(dataIdentity(parseGraphFile(GRAPH).graph));
    expect(a.data).toMatch(/^data\./);
    expect(readFileSync(join(runsDir, a.id, 'graph-text.json'), 'utf8')).toBe(GRAPH);
    expect(workers.runs[0]!.request).toMatchObject({ runId: a.id, graphText: GRAPH, out: join(runsDir, a.id), baseDir: dir, steps: 100, backend: 'cpu' });
    expect(workers.runs[0]!.request.resume).toBeUndefined();
    expect(workers.runs[1]!.request.baseDir).toBe('/data');
    expect(events.map((e) => e.type)).toEqual(['run.updated', 'run.updated']);
    expect((await m.list()).map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('refuses an invalid graph with its problems listed, and creates no run', async () => {
    const { m, workers, events } = manager();
    const e = await failure(m.start({ graphText: BROKEN, settings }));
    expect(e.code).toBe('invalid-graph');
    expect(e.message).toMatch(/the graph cannot be trained: \d+ problems?: /);
    expect(e.message).toMatch(/posterior/);
    expect(e.problems.length).toBeGreaterThan(0);
    const notAGraph = await failure(m.start({ graphText: '{"nope": 1}', settings }));
    expect(notAGraph.code).toBe('invalid-graph');
    expect(workers.runs).toHaveLength(0);
    expect(events).toHaveLength(0);
    expect(await m.list()).toEqual([]);
    expect(readdirSync(dir)).not.toContain('runs');
  });

  it('refuses steps and epochs together', async () => {
    const { m } = manager();
    expect((await failure(m.start({ graphText: GRAPH, settings: { steps: 10, epochs: 2, backend: 'cpu' } }))).code).toBe('invalid-settings');
  });
});

describe('worker messages', () => {
  it('turn into events and a current summary, and the logs land on disk', async () => {
    const { m, workers, events } = manager();
    const { id } = await m.start({ graphText: GRAPH, settings });
    const w = workers.runs[0]!;
    events.length = 0;
    w.send({ type: 'started', runId: id, backend: 'cpu' });
    w.send({ type: 'metrics', runId: id, batch: [record(10), record(20)] });
    w.send({ type: 'eval', runId: id, step: 20, valElbo: -95, valAccuracy: {} });
    w.send({ type: 'checkpoint', runId: id, step: 20 });
    w.send({ type: 'inspection', runId: id, inspection: { step: 20, samples2d: { observed: 'x', data: [0, 1], samples: [1, 0] } } });
    w.send({ type: 'networks', runId: id, step: 20, names: ['encoder', 'decoder'] });
    w.send({ type: 'done', runId: id, steps: 20, elbo: -98, valElbo: -95, valAccuracy: {}, stepsPerSec: 40, stopped: false });
    for (const e of events) expect(runEventSchema.safeParse(e).success).toBe(true);
    expect(events.map((e) => (e.type === 'run.updated' ? `updated:${e.run.status}` : e.type))).toEqual([
      'updated:running',
      'run.metrics',
      'run.eval',
      'updated:running',
      'run.inspection',
      'updated:running',
      'updated:done',
    ]);
    const summary = await m.summary(id);
    expect(summary).toMatchObject({ status: 'done', backend: 'cpu', step: 20, totalSteps: 100, elbo: -98, valElbo: -95, stepsPerSec: 40, checkpointStep: 20, networks: ['encoder', 'decoder'], networksStep: 20 });
    const detail = await m.get(id);
    expect(detail.metrics.map((r) => r.step)).toEqual([10, 20]);
    expect(detail.evals).toEqual([{ step: 20, valElbo: -95, valAccuracy: {} }]);
    expect(detail.inspection?.step).toBe(20);
    expect(detail.graphText).toBe(GRAPH);
    await m.dispose();
    expect(JSON.parse(readFileSync(join(runsDir, id, 'run.json'), 'utf8'))).toMatchObject({ format: 'latent-studio.run', version: 1, status: 'done', step: 20 });
  });

  it('marks a crashed worker as crashed, keeps other error kinds, and keeps the last good checkpoint', async () => {
    const { m, workers } = manager();
    const a = await m.start({ graphText: GRAPH, settings });
    const b = await m.start({ graphText: GRAPH, settings });
    workers.runs[0]!.send({ type: 'checkpoint', runId: a.id, step: 40 });
    workers.runs[0]!.send({ type: 'error', runId: a.id, kind: 'failed', message: 'the training worker crashed: it exited with code 3' });
    workers.runs[1]!.send({ type: 'error', runId: b.id, kind: 'non-finite', message: 'NaN', node: 'decoder', quantity: 'loc', step: 55, lastCheckpointStep: 50 });
    expect(await m.summary(a.id)).toMatchObject({ status: 'failed', checkpointStep: 40, error: { kind: 'crashed', message: /crashed/ } });
    expect(await m.summary(b.id)).toMatchObject({ status: 'failed', checkpointStep: 50, error: { kind: 'non-finite', node: 'decoder', quantity: 'loc', step: 55 } });
  });
});

describe('runs at once', () => {
  it('trains at most one run per core, refusing another with the reason, and lets a paused run resume only when a core is free', async () => {
    const { m, workers } = manager(fakeWorkers(), { maxTraining: 2 });
    const a = await m.start({ graphText: GRAPH, settings });
    const b = await m.start({ graphText: GRAPH, settings });
    const refused = await failure(m.start({ graphText: GRAPH, settings }));
    expect(refused.code).toBe('busy');
    expect(refused.message).toBe("2 runs are training already, one for each of this machine's 2 cores: stop or pause one before starting another");
    expect((await m.list()).length).toBe(2); // the refusal leaves no run behind

    workers.runs[0]!.send({ type: 'started', runId: a.id, backend: 'cpu' });
    await m.pause(a.id);
    workers.runs[0]!.send({ type: 'paused', runId: a.id, step: 10 });
    const c = await m.start({ graphText: GRAPH, settings }); // a paused run frees its core
    expect((await failure(m.resume(a.id))).code).toBe('busy');
    workers.runs[2]!.send({ type: 'done', runId: c.id, steps: 100, elbo: -1, valElbo: null, valAccuracy: {}, stepsPerSec: 1, stopped: false });
    await m.resume(a.id);
    expect(workers.runs[0]!.calls).toEqual(['pause', 'resume']);
    expect(b.status).toBe('starting');
  });
});

describe('controlling runs', () => {
  it('pauses, resumes and stops a live run through its worker', async () => {
    const { m, workers } = manager();
    const { id } = await m.start({ graphText: GRAPH, settings });
    const w = workers.runs[0]!;
    w.send({ type: 'started', runId: id, backend: 'cpu' });
    await m.pause(id);
    w.send({ type: 'paused', runId: id, step: 30 });
    expect((await m.summary(id)).status).toBe('paused');
    await m.pause(id); // already paused: nothing more is asked of the worker
    await m.resume(id);
    w.send({ type: 'resumed', runId: id, step: 30 });
    await m.resume(id); // running: nothing to do
    await m.stop(id);
    expect(w.calls).toEqual(['pause', 'resume', 'stop']);
    w.send({ type: 'done', runId: id, steps: 40, elbo: -1, valElbo: null, valAccuracy: {}, stepsPerSec: 1, stopped: true });
    expect((await m.summary(id)).status).toBe('stopped');
    expect((await failure(m.pause(id))).code).toBe('run-state');
  });

  it('resumes a stopped run from its checkpoint in a new worker, cutting the logs back to the checkpoint', async () => {
    const { m, workers } = manager();
    const { id } = await m.start({ graphText: GRAPH, settings });
    const w = workers.runs[0]!;
    w.send({ type: 'metrics', runId: id, batch: [record(10), record(20), record(30)] });
    w.send({ type: 'eval', runId: id, step: 20, valElbo: -9, valAccuracy: {} });
    w.send({ type: 'eval', runId: id, step: 30, valElbo: -8, valAccuracy: {} });
    w.send({ type: 'checkpoint', runId: id, step: 20 });
    w.send({ type: 'error', runId: id, kind: 'failed', message: 'the training worker crashed: boom' });
    const resumed = await m.resume(id);
    expect(resumed).toMatchObject({ status: 'starting', step: 20, elbo: record(20).elbo });
    expect(resumed.error).toBeUndefined();
    expect(workers.runs).toHaveLength(2);
    expect(workers.runs[1]!.request).toMatchObject({ runId: id, resume: join(runsDir, id), out: join(runsDir, id), steps: 100 });
    const detail = await m.get(id);
    expect(detail.metrics.map((r) => r.step)).toEqual([10, 20]);
    expect(detail.evals.map((r) => r.step)).toEqual([20]);
    // A second click while it starts changes nothing.
    await m.resume(id);
    expect(workers.runs).toHaveLength(2);
  });

  it('refuses to resume a finished run or one without a checkpoint', async () => {
    const { m, workers } = manager();
    const a = await m.start({ graphText: GRAPH, settings });
    const b = await m.start({ graphText: GRAPH, settings });
    workers.runs[0]!.send({ type: 'done', runId: a.id, steps: 100, elbo: -1, valElbo: -1, valAccuracy: {}, stepsPerSec: 1, stopped: false });
    workers.runs[1]!.send({ type: 'error', runId: b.id, kind: 'failed', message: 'no data' });
    expect((await failure(m.resume(a.id))).message).toMatch(/finished/);
    expect((await failure(m.resume(b.id))).message).toMatch(/no checkpoint/);
    expect((await failure(m.resume('nope'))).code).toBe('not-found');
  });

  it('deletes only runs that are not live, with their files, and says so to subscribers', async () => {
    const { m, workers, events } = manager();
    const { id } = await m.start({ graphText: GRAPH, settings });
    expect((await failure(m.delete(id))).code).toBe('run-state');
    workers.runs[0]!.send({ type: 'done', runId: id, steps: 5, elbo: null, valElbo: null, valAccuracy: {}, stepsPerSec: 1, stopped: true });
    await m.delete(id);
    expect(events.at(-1)).toEqual({ type: 'run.deleted', runId: id });
    expect(readdirSync(runsDir).filter((f) => !f.startsWith('.'))).toEqual([]);
    expect(await m.list()).toEqual([]);
    expect((await failure(m.get(id))).code).toBe('not-found');
  });

  it('never gives a deleted run\'s name again, in this process or the next', async () => {
    const { m, workers } = manager();
    const done = (i: number, runId: string) => workers.runs[i]!.send({ type: 'done', runId, steps: 5, elbo: null, valElbo: null, valAccuracy: {}, stepsPerSec: 1, stopped: true });
    const first = await m.start({ graphText: GRAPH, settings });
    done(0, first.id);
    const second = await m.start({ graphText: GRAPH, settings });
    done(1, second.id);
    await m.delete(second.id);
    const third = await m.start({ graphText: GRAPH, settings });
    expect([first.name, third.name]).toEqual(['Run 1', 'Run 3']);
    done(2, third.id);
    await m.delete(third.id);
    await m.dispose();
    const later = manager();
    expect((await later.m.start({ graphText: GRAPH, settings })).name).toBe('Run 4');
  });

  it('stops every live run on dispose and waits for them to end, then refuses new runs', async () => {
    const workers = fakeWorkers({
      onStop: (run) => setTimeout(() => run.send({ type: 'done', runId: run.request.runId, steps: 7, elbo: null, valElbo: null, valAccuracy: {}, stepsPerSec: 1, stopped: true }), 20),
    });
    const { m } = manager(workers);
    const a = await m.start({ graphText: GRAPH, settings });
    const b = await m.start({ graphText: GRAPH, settings });
    await m.dispose();
    expect(workers.runs.map((r) => r.calls)).toEqual([['stop'], ['stop']]);
    expect((await m.summary(a.id)).status).toBe('stopped');
    expect(JSON.parse(readFileSync(join(runsDir, b.id, 'run.json'), 'utf8')).status).toBe('stopped');
    expect((await failure(m.start({ graphText: GRAPH, settings }))).code).toBe('unavailable');
  });

  it('keeps telling other subscribers when one throws', async () => {
    const { m, events } = manager();
    m.subscribe(() => {
      throw new Error('socket gone');
    });
    await m.start({ graphText: GRAPH, settings });
    expect(events).toHaveLength(1);
    expect(warnings.some((w) => /listener failed: socket gone/.test(w))).toBe(true);
  });
});

describe('the history on disk', () => {
  it('is listed again by a new manager, with metrics; interrupted runs become stopped at their checkpoint', async () => {
    const first = manager();
    const done = await first.m.start({ graphText: GRAPH, graphName: 'a.json', settings });
    const live = await first.m.start({ graphText: GRAPH, graphName: 'b.json', settings });
    const [wd, wl] = first.workers.runs;
    wd!.send({ type: 'metrics', runId: done.id, batch: [record(10)] });
    wd!.send({ type: 'done', runId: done.id, steps: 10, elbo: -99, valElbo: null, valAccuracy: {}, stepsPerSec: 1, stopped: false });
    wl!.send({ type: 'started', runId: live.id, backend: 'cpu' });
    wl!.send({ type: 'metrics', runId: live.id, batch: [record(10), record(20), record(30)] });
    // The checkpoint is on disk but the app "closes" before the summary records it.
    mkdirSync(join(runsDir, live.id, 'checkpoint'), { recursive: true });
    writeFileSync(join(runsDir, live.id, 'checkpoint', 'checkpoint.json'), JSON.stringify({ format: 'latent-studio.checkpoint', version: 1, step: 20, bytes: 8 }));
    writeFileSync(join(runsDir, live.id, 'checkpoint', 'state.bin'), new Uint8Array(8));
    // Let queued writes land without stopping the run: a crash, not a clean shutdown.
    await new Promise((r) => setTimeout(r, 50));

    const second = manager();
    const runs = await second.m.list();
    expect(runs.map((r) => [r.name, r.graphName, r.status])).toEqual([
      ['Run 1', 'a.json', 'done'],
      ['Run 2', 'b.json', 'stopped'],
    ]);
    expect(runs[1]).toMatchObject({ step: 30, checkpointStep: 20 });
    expect((await second.m.get(live.id)).metrics.map((r) => r.step)).toEqual([10, 20, 30]);
    expect((await second.m.get(done.id)).metrics).toEqual([record(10)]);
    // Numbering continues after the history.
    expect((await second.m.start({ graphText: GRAPH, settings })).name).toBe('Run 3');
    // That worker never answers the stop: dispose gives up after stopTimeoutMs rather than hang.
    const t0 = Date.now();
    await second.m.dispose();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(JSON.parse(readFileSync(join(runsDir, live.id, 'run.json'), 'utf8'))).toMatchObject({ status: 'stopped', checkpointStep: 20 });
  });
});

describe('shutting down', () => {
  it('starts no worker for a run whose start was under way when dispose began', async () => {
    const { m, workers } = manager();
    let disposed: Promise<void> | undefined;
    // The run is created, then shutdown begins (here: as its first event goes out), then its worker would start.
    m.subscribe((e) => {
      if (e.type === 'run.updated' && e.run.status === 'starting') disposed ??= m.dispose();
    });
    const run = await m.start({ graphText: GRAPH, settings });
    await disposed;
    expect(workers.runs).toHaveLength(0);
    expect((await m.summary(run.id)).status).toBe('stopped');
    expect(JSON.parse(readFileSync(join(runsDir, run.id, 'run.json'), 'utf8')).status).toBe('stopped');
  });
});
