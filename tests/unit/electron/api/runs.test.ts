/**
 * The runs.* methods through dispatch, with real training workers on a tiny VAE (cpu backend, a
 * few hundred steps): start, pause, resume, stop, a resume by a later process, refusals.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import type { BackendEvent } from '../../../../shared/protocol/events';
import { type Backend, createBackend } from '../../../../electron/api/handlers';
import { RunManager } from '../../../../electron/engine/runs/run-manager';
import { tinyVae } from '../../../helpers/tiny-graphs';
import { fakeWorkers } from '../engine/runs/fake-worker';
import { caller, EventLog, failure } from './run-helpers';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'ls-runs-api-'));
const backends: Backend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((b) => b.dispose()));
  rmSync(project, { recursive: true, force: true });
});

function open(): { backend: Backend; call: ReturnType<typeof caller>; log: EventLog } {
  const backend = createBackend({ mode: 'web', projectDir: project, examplesDir });
  backends.push(backend);
  return { backend, call: caller(backend), log: new EventLog(backend) };
}

const GRAPH = serializeGraphFile(tinyVae({ evalEvery: 50 }));
const TOTAL = 300;
/** Reports fall on multiples of 10 (the worker's REPORT_EVERY), also after a resume from a step between them. */
const reportsUpTo = (step: number) => Array.from({ length: Math.floor(step / 10) }, (_, i) => 10 * (i + 1));
const metricSteps = (events: BackendEvent[], runId: string) => events.flatMap((e) => (e.type === 'run.metrics' && e.runId === runId ? e.metrics.map((m) => m.step) : []));

describe('runs through the API, with worker threads', () => {
  it('refuses an invalid graph with its problems and creates no run', async () => {
    const { call } = open();
    const doc = tinyVae();
    const broken = serializeGraphFile({ ...doc, graph: { ...doc.graph, edges: doc.graph.edges.filter((e) => e.id !== 'e4') } });
    const e = await failure(call('runs.start', { graphText: broken, settings: { backend: 'cpu' } }));
    expect(e.code).toBe('invalid-graph');
    expect(e.message).toMatch(/^cannot start the run: the graph cannot be trained: \d+ problems?: .*q_z|z/);
    expect(await call('runs.list')).toEqual([]);
  });

  it('starts, pauses, resumes and stops a run; a later process resumes it to its total with metrics continuing from the checkpoint', async () => {
    const first = open();
    const run = await first.call('runs.start', { graphText: GRAPH, graphName: 'tiny.json', settings: { steps: TOTAL, seed: 5, backend: 'cpu' } });
    expect(run).toMatchObject({ name: 'Run 1', status: 'starting', graphName: 'tiny.json' });
    expect((await first.log.status(run.id, 'running')).backend).toBe('cpu');

    expect((await failure(first.call('runs.delete', { runId: run.id }))).code).toBe('run-state');

    await first.log.next((e) => e.type === 'run.metrics');
    await first.call('runs.pause', { runId: run.id });
    const paused = await first.log.status(run.id, 'paused');
    expect(paused.step % 10).toBe(0);
    expect(paused.step).toBeLessThan(TOTAL);
    expect(paused.checkpointStep).toBe(paused.step);

    await first.call('runs.resume', { runId: run.id });
    await first.log.status(run.id, 'running');
    await first.log.next((e) => e.type === 'run.metrics' && e.metrics.at(-1)!.step > paused.step);
    await first.call('runs.stop', { runId: run.id });
    const stopped = await first.log.status(run.id, 'stopped', 'done');
    expect(stopped.status).toBe('stopped');
    expect(stopped.step).toBeLessThan(TOTAL);
    expect(stopped.checkpointStep).toBe(stopped.step);
    const before = await first.call('runs.get', { runId: run.id });
    expect(before.metrics.map((m) => m.step)).toEqual(reportsUpTo(stopped.step));
    await first.backend.dispose();

    // A new process on the same project folder: the run is in the history and resumes from its checkpoint.
    const second = open();
    expect((await second.call('runs.list')).map((r) => [r.id, r.status, r.checkpointStep])).toEqual([[run.id, 'stopped', stopped.step]]);
    const resumed = await second.call('runs.resume', { runId: run.id });
    expect(resumed).toMatchObject({ status: 'starting', step: stopped.step });
    const done = await second.log.status(run.id, 'done', 'failed');
    expect(done).toMatchObject({ status: 'done', step: TOTAL, checkpointStep: TOTAL, networks: expect.arrayContaining(['encoder', 'decoder']) });
    const pushed = metricSteps(second.log.events, run.id);
    expect(pushed[0]).toBe(reportsUpTo(stopped.step + 10).at(-1));
    const detail = await second.call('runs.get', { runId: run.id });
    expect(detail.metrics.map((m) => m.step)).toEqual(reportsUpTo(TOTAL));
    expect(detail.metrics.slice(0, before.metrics.length)).toEqual(before.metrics);
    // Every evalEvery steps, plus where the trainer ended a segment (a pause): in order, none twice.
    const evalSteps = detail.evals.map((e) => e.step);
    expect(evalSteps).toEqual(expect.arrayContaining([50, 100, 150, 200, 250, 300]));
    expect(evalSteps).toEqual([...new Set(evalSteps)].sort((a, b) => a - b));
    expect(detail.inspection?.step).toBe(TOTAL);
    expect((await failure(second.call('runs.resume', { runId: run.id }))).code).toBe('run-state');

    await second.call('runs.delete', { runId: run.id });
    expect(await second.call('runs.list')).toEqual([]);
    expect((await failure(second.call('runs.get', { runId: run.id }))).code).toBe('not-found');
  });
});

describe('where a run\'s relative data paths resolve', () => {
  it("is the folder of the graph's file the editor names (inside the project folder in web mode), else the project folder", async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'ls-runs-basedir-')));
    try {
      const graphs = join(root, 'graphs');
      mkdirSync(graphs);
      writeFileSync(join(graphs, 'moons.json'), GRAPH);
      const workers = fakeWorkers();
      const manager = (dir: string) => new RunManager({ runsDir: join(dir, 'runs'), defaultBaseDir: dir, startRun: workers.startRun });
      const web = caller(createBackend({ mode: 'web', projectDir: root, examplesDir, runs: manager(root) }));
      await web('runs.start', { graphText: GRAPH, graphName: 'moons.json', settings: { backend: 'cpu' } });
      await web('runs.start', { graphText: GRAPH, graphName: 'moons.json', graphPath: 'graphs/moons.json', settings: { backend: 'cpu' } });
      const state = join(root, 'state');
      mkdirSync(state);
      const desktop = caller(createBackend({ mode: 'desktop', projectDir: state, examplesDir, runs: manager(state) }));
      await desktop('runs.start', { graphText: GRAPH, graphName: 'moons.json', graphPath: join(graphs, 'moons.json'), settings: { backend: 'cpu' } });
      // Without the graph's path (an unsaved graph) there is nothing to guess from its name.
      await desktop('runs.start', { graphText: GRAPH, graphName: 'moons.json', settings: { backend: 'cpu' } });
      expect(workers.runs.map((r) => r.request.baseDir)).toEqual([root, graphs, graphs, state]);
      expect((await failure(desktop('runs.start', { graphText: GRAPH, settings: { steps: 5, epochs: 1, backend: 'cpu' } }))).code).toBe('invalid-params');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
