import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../../shared/protocol/runs';
import { nextRunNumber, newRunId, runNumber } from '../../../../../electron/engine/runs/run-id';
import { serializeRunFile } from '../../../../../electron/engine/runs/run-file';
import { RunExistsError, RunStore } from '../../../../../electron/engine/runs/run-store';
import { RunManager } from '../../../../../electron/engine/runs/run-manager';
import { record } from './fake-worker';

let runsDir: string;
const warnings: string[] = [];
beforeEach(() => {
  runsDir = join(mkdtempSync(join(tmpdir(), 'ls-run-store-')), 'runs');
  warnings.length = 0;
});
afterEach(() => rmSync(join(runsDir, '..'), { recursive: true, force: true }));

const store = () => new RunStore(runsDir, (w) => warnings.push(w));

function summary(id: string, extra: Partial<RunSummary> = {}): RunSummary {
  return { id, name: 'Run 1', graphName: 'g.json', createdAt: 1000, status: 'done', settings: { backend: 'cpu' }, step: 10, checkpointStep: null, networks: [], ...extra };
}

describe('run ids and names', () => {
  it('makes ids from the UTC time that sort in creation order', () => {
    const t = Date.UTC(2026, 10, 26, 13, 45, 1);
    expect(newRunId(t, () => 'ab12')).toBe('20261126-134501-ab12');
    const ids = [t, t + 1000, t + 86_400_000].map((x) => newRunId(x));
    expect([...ids].sort()).toEqual(ids);
    expect(newRunId(t)).toMatch(/^20261126-134501-[0-9a-f]{4}$/);
  });

  it('numbers the next run after the highest in the history', () => {
    expect(nextRunNumber([])).toBe(1);
    expect(nextRunNumber(['Run 1', 'Run 4 (imported)', 'Damaged run x', 'Run 2'])).toBe(5);
    expect(runNumber('Run 12')).toBe(12);
    expect(runNumber('Running')).toBeNull();
  });
});

describe('the run store', () => {
  it('creates a run folder whole, and refuses an id that is taken', async () => {
    const s = store();
    await s.create({ summary: summary('a1'), graphText: '{}', baseDir: '/data', metrics: [record(10)] });
    expect(readdirSync(join(runsDir, 'a1')).sort()).toEqual(['evals.jsonl', 'graph-text.json', 'metrics.jsonl', 'run.json']);
    await expect(s.create({ summary: summary('a1'), graphText: '{}' })).rejects.toBeInstanceOf(RunExistsError);
    const [loaded] = await s.loadAll();
    expect(loaded).toEqual({ summary: summary('a1'), baseDir: '/data' });
    expect((await s.readMetrics('a1')).records).toEqual([record(10)]);
  });

  it('lists a run whose run.json is damaged as failed, saying which file and why, and leaves its files alone', async () => {
    const s = store();
    await s.create({ summary: summary('20261126-134501-ab12'), graphText: '{}', metrics: [record(10), record(20)] });
    const file = join(runsDir, '20261126-134501-ab12', 'run.json');
    writeFileSync(file, '{"format": "latent-studio.run", "id": ');
    const [run] = await store().loadAll();
    expect(run!.damaged).toMatch(/not valid JSON/);
    expect(run!.summary).toMatchObject({ id: '20261126-134501-ab12', status: 'failed', step: 20, checkpointStep: null, createdAt: Date.UTC(2026, 10, 26, 13, 45, 1) });
    expect(run!.summary.error?.message).toContain(file);
    expect(run!.summary.error?.message).toMatch(/cannot be resumed/);
    expect(readFileSync(file, 'utf8')).toBe('{"format": "latent-studio.run", "id": ');
    expect(warnings.some((w) => w.includes('is damaged'))).toBe(true);
  });

  it('refuses a run.json from a newer version, one of another run, and a missing one, without failing the others', async () => {
    const s = store();
    for (const id of ['good', 'newer', 'moved', 'empty']) await s.create({ summary: summary(id), graphText: '{}' });
    writeFileSync(join(runsDir, 'newer', 'run.json'), serializeRunFile(summary('newer')).replace('"version": 1', '"version": 7'));
    writeFileSync(join(runsDir, 'moved', 'run.json'), serializeRunFile(summary('other')));
    rmSync(join(runsDir, 'empty', 'run.json'));
    const runs = Object.fromEntries((await store().loadAll()).map((r) => [r.summary.id, r]));
    expect(runs.good!.damaged).toBeUndefined();
    expect(runs.newer!.damaged).toMatch(/newer Latent Studio .*version 7/);
    expect(runs.moved!.damaged).toMatch(/belongs to run other/);
    expect(runs.empty!.damaged).toMatch(/missing/);
  });

  it('skips folders that are not runs and removes half-made staging folders', async () => {
    mkdirSync(join(runsDir, 'not a run!'), { recursive: true });
    mkdirSync(join(runsDir, '.staging-x-1234'));
    writeFileSync(join(runsDir, 'stray.txt'), 'x');
    expect(await store().loadAll()).toEqual([]);
    expect(readdirSync(runsDir).sort()).toEqual(['not a run!', 'stray.txt']);
    expect(warnings.filter((w) => /not a run folder/.test(w))).toHaveLength(2);
  });

  it('skips damaged lines of the logs and reads the rest', async () => {
    const s = store();
    await s.create({ summary: summary('r'), graphText: '{}' });
    writeFileSync(join(runsDir, 'r', 'metrics.jsonl'), `${JSON.stringify(record(10))}\nnot json\n{"step": "x"}\n${JSON.stringify(record(30))}\n{"step": 40, "tot`);
    writeFileSync(join(runsDir, 'r', 'inspection.json'), '{broken');
    const read = await s.readMetrics('r');
    expect(read.records.map((r) => r.step)).toEqual([10, 30]);
    expect(read.skipped).toBe(3);
    expect(await s.readInspection('r')).toBeUndefined();
  });

  it('a manager starts on a damaged history and can delete the damaged run', async () => {
    const s = store();
    await s.create({ summary: summary('r'), graphText: '{}' });
    writeFileSync(join(runsDir, 'r', 'run.json'), '\u0000\u0001 garbage');
    const m = new RunManager({ runsDir, defaultBaseDir: runsDir, warn: (w) => warnings.push(w) });
    const [run] = await m.list();
    expect(run).toMatchObject({ id: 'r', status: 'failed', error: { kind: 'failed' } });
    await expect(m.resume('r')).rejects.toThrow(/cannot be resumed/);
    await m.delete('r');
    expect(readdirSync(runsDir)).toEqual([]);
  });

  it('cuts the logs back to a step', async () => {
    const s = store();
    await s.create({ summary: summary('r'), graphText: '{}', metrics: [record(10), record(20), record(30)], evals: [{ step: 20, valElbo: 1, valAccuracy: {} }, { step: 30, valElbo: 2, valAccuracy: {} }] });
    await s.truncateTo('r', 20);
    expect((await s.readMetrics('r')).records.map((r) => r.step)).toEqual([10, 20]);
    expect((await s.readEvals('r')).records.map((r) => r.step)).toEqual([20]);
  });

  it('writes the newest of several inspections queued at once', async () => {
    const s = store();
    await s.create({ summary: summary('r'), graphText: '{}' });
    await Promise.all([1, 2, 3, 4].map((step) => s.writeInspection('r', { step })));
    expect(await s.readInspection('r')).toEqual({ step: 4 });
  });
});
