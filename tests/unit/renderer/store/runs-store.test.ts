import { describe, expect, it } from 'vitest';
import type { MetricRecord, RunSummary } from '../../../../shared/protocol/runs';
import { chartedRunIds, createRunsStore, mergeByStep } from '../../../../renderer/store/runs-store';

function summary(id: string, createdAt: number, extra: Partial<RunSummary> = {}): RunSummary {
  return { id, name: `Run ${id}`, graphName: 'vae.json', createdAt, status: 'running', settings: { backend: 'auto' }, step: 0, checkpointStep: null, networks: [], ...extra };
}
function metric(step: number, elbo = -100 + step / 10): MetricRecord {
  return { step, totalSteps: 300, elbo, reconstruction: elbo + 5, kl: { z: 5 }, learningRate: 1e-3, stepsPerSec: 30 };
}
const steps = (records: readonly { step: number }[]) => records.map((r) => r.step);

describe('mergeByStep', () => {
  it('appends records that come after the last one', () => {
    expect(steps(mergeByStep([metric(10), metric(20)], [metric(30), metric(40)]))).toEqual([10, 20, 30, 40]);
  });
  it('replaces the records a resumed run repeats from its checkpoint, without duplicates', () => {
    const merged = mergeByStep([metric(10), metric(20), metric(30), metric(40)], [metric(30, -1), metric(50)]);
    expect(steps(merged)).toEqual([10, 20, 30, 50]);
    expect(merged[2]!.elbo).toBe(-1);
  });
  it('leaves the records alone when nothing arrives', () => {
    const a = [metric(10)];
    expect(mergeByStep(a, [])).toBe(a);
  });
});

describe('runs store', () => {
  it('lists the history oldest first and shows the newest run', () => {
    const store = createRunsStore();
    store.getState().setHistory([summary('b', 200), summary('a', 100), summary('c', 300)]);
    expect(store.getState().order).toEqual(['a', 'b', 'c']);
    expect(store.getState().activeRunId).toBe('c');
  });

  it('streams metrics, evals and inspections into the run they belong to', () => {
    const store = createRunsStore();
    store.getState().apply({ type: 'run.updated', run: summary('r1', 1, { status: 'starting' }) });
    store.getState().apply({ type: 'run.metrics', runId: 'r1', metrics: [metric(10), metric(20)] });
    store.getState().apply({ type: 'run.metrics', runId: 'r1', metrics: [metric(30)] });
    store.getState().apply({ type: 'run.eval', runId: 'r1', eval: { step: 30, valElbo: -97, valAccuracy: {} } });
    store.getState().apply({ type: 'run.inspection', runId: 'r1', inspection: { step: 30 } });
    store.getState().apply({ type: 'run.metrics', runId: 'unknown', metrics: [metric(10)] });
    const r = store.getState().runs.r1!;
    expect(steps(r.metrics)).toEqual([10, 20, 30]);
    expect(r.evals).toEqual([{ step: 30, valElbo: -97, valAccuracy: {} }]);
    expect(r.inspection).toEqual({ step: 30 });
    expect(r.detailLoaded).toBe(true);
    expect(store.getState().runs.unknown).toBeUndefined();
  });

  it('follows a new run and overlays the one it showed before; ticking runs adds and removes them', () => {
    const store = createRunsStore();
    const s = () => store.getState();
    s().apply({ type: 'run.updated', run: summary('r1', 1, { status: 'starting' }) });
    expect(chartedRunIds(s())).toEqual(['r1']);
    s().apply({ type: 'run.updated', run: summary('r2', 2, { status: 'starting' }) });
    expect(s().activeRunId).toBe('r2');
    expect(chartedRunIds(s())).toEqual(['r2', 'r1']);
    s().toggleCompared('r1');
    expect(chartedRunIds(s())).toEqual(['r2']);
    s().toggleCompared('r1');
    s().toggleCompared('nope');
    expect(chartedRunIds(s())).toEqual(['r2', 'r1']);
    // An update of a known run changes its summary only.
    s().apply({ type: 'run.updated', run: summary('r1', 1, { status: 'done', step: 300 }) });
    expect(s().activeRunId).toBe('r2');
    expect(s().runs.r1!.summary.status).toBe('done');
  });

  it('overlays the run shown before only when it is of the same graph file or the same data set', () => {
    const store = createRunsStore();
    const s = () => store.getState();
    const mnist = 'data.mnist {"binarize":true}';
    s().apply({ type: 'run.updated', run: summary('r1', 1, { graphName: 'classifier.json', data: 'data.mnist {"binarize":false}' }) });
    s().apply({ type: 'run.updated', run: summary('r2', 2, { graphName: 'vae.json', data: mnist }) });
    expect(chartedRunIds(s())).toEqual(['r2']);
    // Another graph on the same data: overlaid.
    s().apply({ type: 'run.updated', run: summary('r3', 3, { graphName: 'Untitled', data: mnist }) });
    expect(chartedRunIds(s())).toEqual(['r3', 'r2']);
    // Two untitled graphs on different data: not the same graph for being both untitled.
    s().apply({ type: 'run.updated', run: summary('r4', 4, { graphName: 'Untitled', data: 'data.two-moons {}' }) });
    expect(chartedRunIds(s())).toEqual(['r4']);
    // The same file, from before runs recorded their data: overlaid.
    s().setActive('r2');
    s().apply({ type: 'run.updated', run: summary('r5', 5, { graphName: 'vae.json' }) });
    expect(chartedRunIds(s())).toEqual(['r5', 'r2']);
  });

  it('merges a loaded detail with what streamed in meanwhile', () => {
    const store = createRunsStore();
    store.getState().setHistory([summary('r1', 1, { step: 20 })]);
    expect(store.getState().runs.r1!.detailLoaded).toBe(false);
    store.getState().apply({ type: 'run.metrics', runId: 'r1', metrics: [metric(30)] });
    store.getState().setDetail({ summary: summary('r1', 1, { step: 20 }), graphText: '{}', metrics: [metric(10), metric(20)], evals: [], inspection: { step: 20 } });
    const r = store.getState().runs.r1!;
    expect(steps(r.metrics)).toEqual([10, 20, 30]);
    expect(r.graphText).toBe('{}');
    expect(r.detailLoaded).toBe(true);
  });

  it('forgets a deleted run everywhere and shows the newest remaining one', () => {
    const store = createRunsStore();
    const s = () => store.getState();
    s().setHistory([summary('r1', 1), summary('r2', 2), summary('r3', 3)]);
    s().toggleCompared('r2');
    s().apply({ type: 'run.deleted', runId: 'r3' });
    expect(s().order).toEqual(['r1', 'r2']);
    expect(s().activeRunId).toBe('r2');
    s().apply({ type: 'run.deleted', runId: 'r2' });
    expect(s().compared).toEqual([]);
    expect(s().activeRunId).toBe('r1');
  });

  it('keeps loaded records when the history is listed again (a reconnect)', () => {
    const store = createRunsStore();
    store.getState().setHistory([summary('r1', 1)]);
    store.getState().apply({ type: 'run.metrics', runId: 'r1', metrics: [metric(10)] });
    store.getState().setHistory([summary('r1', 1, { step: 10 }), summary('r2', 2)]);
    expect(steps(store.getState().runs.r1!.metrics)).toEqual([10]);
    expect(store.getState().runs.r1!.summary.step).toBe(10);
    expect(store.getState().activeRunId).toBe('r1');
  });
});
