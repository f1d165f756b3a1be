/**
 * The lab.* methods through dispatch, with real worker threads on tiny binary-factor graphs (cpu
 * backend): the report the worker sends equals the lab's own in this process, progress comes in
 * order, a lab is cancelled at once, a run's checkpoint is studied at its step, refusals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import type { BackendEvent } from '../../../../shared/protocol/events';
import { labReportSchema } from '../../../../shared/protocol/lab';
import { type Backend, createBackend } from '../../../../electron/api/handlers';
import { runEstimatorLab } from '../../../../electron/engine/lab/lab';
import { labReportData } from '../../../../electron/engine/lab/lab-report';
import { prepareLabSubject } from '../../../../electron/engine/lab/lab-subject';
import { tinyFactors } from '../../../helpers/tiny-graphs';
import { caller, EventLog, failure } from './run-helpers';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'ls-lab-api-'));
let backend: Backend;
let call: ReturnType<typeof caller>;
let log: EventLog;
beforeAll(async () => {
  await tf.setBackend('cpu');
  backend = createBackend({ mode: 'web', projectDir: project, examplesDir });
  call = caller(backend);
  log = new EventLog(backend);
});
afterAll(async () => {
  await backend.dispose();
  rmSync(project, { recursive: true, force: true });
});

const doc = tinyFactors({ estimator: 'score-function', baseline: 'moving-average' });
const GRAPH = serializeGraphFile(doc);
const labEvents = (labId: string): BackendEvent[] => log.events.filter((e) => e.type.startsWith('lab.') && 'labId' in e && e.labId === labId);
const ended = (labId: string) => log.next((e) => (e.type === 'lab.done' || e.type === 'lab.failed' || e.type === 'lab.cancelled') && e.labId === labId);

describe('the estimator lab through the API, in a worker thread', () => {
  it('reports, after the reference and each estimator in turn, the same statistics as the lab run in this process', async () => {
    const { labId } = await call('lab.start', { graphText: GRAPH, graphName: 'factors.json', samples: 6, seed: 3, referenceDraws: 32, backend: 'cpu' });
    const end = await ended(labId);
    expect(end.type).toBe('lab.done');
    const report = labReportSchema.parse((end as Extract<BackendEvent, { type: 'lab.done' }>).report);
    const events = labEvents(labId);
    expect(events[0]).toEqual({ type: 'lab.started', labId, backend: 'cpu' });
    const progress = events.filter((e) => e.type === 'lab.progress') as Array<Extract<BackendEvent, { type: 'lab.progress' }>>;
    expect(progress[0]).toMatchObject({ label: 'reference gradient', done: 0 });
    expect(progress.slice(1).map((p) => p.done)).toEqual(Array.from({ length: progress[0]!.total }, (_, i) => i + 1));

    const subject = prepareLabSubject(doc, process.cwd());
    const here = labReportData(runEstimatorLab(subject, { samples: 6, seed: 3, referenceDraws: 32 }), 'factors.json', 'cpu');
    subject.model.dispose();
    expect(report).toMatchObject({ graph: 'factors.json', step: 0, samples: 6, seed: 3, parameters: here.parameters, reference: here.reference, skipped: here.skipped });
    expect(report.estimators.map(({ msPerEstimate: _, ...row }) => row)).toEqual(here.estimators.map(({ msPerEstimate: _, ...row }) => row));
    expect(report.estimators.map((r) => r.label)).toEqual(expect.arrayContaining(['score-function (none)', 'score-function (moving-average)', 'relaxed τ = 0.1', 'enumeration']));
  });

  it('cancels a running lab at once, and a new one may start after it', async () => {
    const { labId } = await call('lab.start', { graphText: GRAPH, samples: 10_000, referenceDraws: 32, backend: 'cpu' });
    await log.next((e) => e.type === 'lab.progress' && e.labId === labId && e.done >= 1);
    expect((await failure(call('lab.start', { graphText: GRAPH, samples: 2, backend: 'cpu' }))).message).toMatch(/^cannot start the estimator lab: the estimator lab is already running/);
    const end = ended(labId);
    await call('lab.cancel', { labId });
    expect((await end).type).toBe('lab.cancelled');
    const next = await call('lab.start', { graphText: GRAPH, samples: 2, referenceDraws: 16, backend: 'cpu' });
    expect(next.labId).not.toBe(labId);
    expect((await ended(next.labId)).type).toBe('lab.done');
    expect(labEvents(labId).filter((e) => e.type === 'lab.done')).toEqual([]);
  });

  it("studies a run's checkpoint at its step, with the run's own graph", async () => {
    const run = await call('runs.start', { graphText: GRAPH, graphName: 'factors.json', settings: { steps: 40, backend: 'cpu' } });
    await log.status(run.id, 'done');
    const { labId } = await call('lab.start', { graphText: '(ignored for a run)', runId: run.id, samples: 2, referenceDraws: 16, backend: 'cpu' });
    const end = (await ended(labId)) as Extract<BackendEvent, { type: 'lab.done' }>;
    expect(end.report).toMatchObject({ step: 40, runId: run.id, graph: 'factors.json (Run 1)' });
  });

  it('refuses an invalid graph (with its problems), an unknown run, and fewer than two estimates', async () => {
    const broken = serializeGraphFile({ ...doc, graph: { ...doc.graph, edges: doc.graph.edges.filter((e) => e.id !== 'e3') } });
    const invalid = await failure(call('lab.start', { graphText: broken, samples: 2 }));
    expect(invalid.code).toBe('invalid-graph');
    expect(invalid.message).toMatch(/^cannot start the estimator lab: the graph cannot be trained: /);
    expect((await failure(call('lab.start', { graphText: GRAPH, runId: 'run-nope', samples: 2 }))).code).toBe('not-found');
    expect((await failure(call('lab.start', { graphText: GRAPH, samples: 1 }))).code).toBe('invalid-params');
  });
});
