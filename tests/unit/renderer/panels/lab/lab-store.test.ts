import { describe, expect, it } from 'vitest';
import type { LabReportData } from '../../../../../shared/protocol/lab';
import { createLabStore } from '../../../../../renderer/panels/lab/lab-store';
import { formatCosine, formatVariance } from '../../../../../renderer/panels/lab/lab-format';

const report = { type: 'estimators', graph: 'g', backend: 'cpu', step: 0, samples: 2, particles: 1, batchSize: 4, seed: 0, parameters: { nodes: ['encoder'], names: ['w'], size: 1 }, reference: { kind: 'exact-enumeration', description: 'exact', draws: 1, norm: 1 }, estimators: [], skipped: [] } satisfies LabReportData;

describe('the lab store', () => {
  it("keeps the events that arrive before the start call's answer and applies those of its lab once it answers", () => {
    const store = createLabStore();
    store.getState().starting('the initial weights of g', 0);
    store.getState().apply({ type: 'lab.started', labId: 'lab-2', backend: 'wasm' });
    store.getState().apply({ type: 'lab.progress', labId: 'lab-1', label: 'stale', done: 9, total: 9 });
    store.getState().apply({ type: 'lab.progress', labId: 'lab-2', label: 'relaxed τ = 1', done: 3, total: 10 });
    expect(store.getState().status).toBe('starting');
    store.getState().started('lab-2');
    expect(store.getState()).toMatchObject({ status: 'running', labId: 'lab-2', backend: 'wasm', progress: { label: 'relaxed τ = 1', done: 3, total: 10 }, early: [] });
  });

  it("ignores other labs' events, keeps the last report while a new lab runs, and ends as the lab ends", () => {
    const store = createLabStore();
    store.getState().starting('s', 0);
    store.getState().started('lab-1');
    store.getState().apply({ type: 'lab.done', labId: 'lab-9', report });
    expect(store.getState().status).toBe('running');
    store.getState().apply({ type: 'lab.done', labId: 'lab-1', report });
    expect(store.getState()).toMatchObject({ status: 'done', report });
    store.getState().starting('s', 1);
    store.getState().started('lab-2');
    expect(store.getState().report).toBe(report);
    store.getState().apply({ type: 'lab.cancelled', labId: 'lab-2' });
    expect(store.getState()).toMatchObject({ status: 'cancelled', report });
    store.getState().starting('s', 2);
    store.getState().refused({ message: 'the estimator lab is already running' });
    expect(store.getState()).toMatchObject({ status: 'failed', failure: { message: 'the estimator lab is already running' } });
  });
});

describe('lab numbers', () => {
  it('writes variances in three significant digits, in powers of ten outside [0.01, 10⁴), and cosines with a true minus', () => {
    expect([1.3, 2.12e-5, 0, 12345, 0.0123, -3.4e-7].map(formatVariance)).toEqual(['1.30', '2.12 × 10⁻⁵', '0', '1.23 × 10⁴', '0.0123', '−3.40 × 10⁻⁷']);
    expect([-0.0754, 0.9951].map(formatCosine)).toEqual(['−0.075', '0.995']);
  });
});
