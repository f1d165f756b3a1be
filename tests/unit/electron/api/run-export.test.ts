/**
 * runs.export and runs.import on a finished tiny run (a real worker): the web download (.zip or
 * the single file), the desktop folder, and the bundle imported back as a new run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraphFile } from '../../../../shared/graph/index';
import { type RunSummary, runSummarySchema } from '../../../../shared/protocol/runs';
import { type Backend, createBackend } from '../../../../electron/api/handlers';
import { fileLoadHandler } from '../../../../electron/engine/export/node-file-io';
import { tinyMixture, tinyVae } from '../../../helpers/tiny-graphs';
import { caller, EventLog, failure } from './run-helpers';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'ls-run-export-'));
const project = join(root, 'project');
mkdirSync(project);
const GRAPH = serializeGraphFile(tinyVae({ evalEvery: 40 }));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
const ALL = { networks: true, bundle: true, metricsCsv: true };

let web: Backend;
let call: ReturnType<typeof caller>;
let run: RunSummary;
const folderAnswers: (string | null)[] = [];
let desktop: ReturnType<typeof caller>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  web = createBackend({ mode: 'web', projectDir: project, examplesDir });
  call = caller(web);
  const log = new EventLog(web);
  const started = await call('runs.start', { graphText: GRAPH, graphName: 'tiny.json', settings: { steps: 100, backend: 'cpu' } });
  run = await log.status(started.id, 'done', 'failed');
  expect(run.status).toBe('done');
  const dialogs = { open: async () => null, save: async () => null, chooseFolder: async () => folderAnswers.shift() ?? null };
  desktop = caller(createBackend({ mode: 'desktop', projectDir: project, examplesDir, dialogs }));
});
afterAll(async () => {
  await web?.dispose();
  rmSync(root, { recursive: true, force: true });
});

function asDownload(r: unknown): { name: string; mimeType: string; bytes: Buffer; files: string[] } {
  const { download, files } = r as { download: { name: string; mimeType: string; base64: string }; files: string[] };
  return { name: download.name, mimeType: download.mimeType, bytes: Buffer.from(download.base64, 'base64'), files };
}

/** Writes unzipped files under `dir`. */
function extract(files: Record<string, Uint8Array>, dir: string): void {
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
}

/** Max |a(x) − b(x)| over every output of two LayersModels on the same input. */
function maxDiff(a: tf.LayersModel, b: tf.LayersModel, x: tf.Tensor): number {
  return tf.tidy(() => {
    const outA = [a.predict(x)].flat() as tf.Tensor[];
    const outB = [b.predict(x)].flat() as tf.Tensor[];
    expect(outA).toHaveLength(outB.length);
    return Math.max(...outA.map((t, i) => tf.max(tf.abs(tf.sub(t, outB[i]!))).dataSync()[0]!));
  });
}

describe('runs.export in web mode', () => {
  let zip: Record<string, Uint8Array>;

  it('returns one .zip named after the graph and run, holding every chosen part', async () => {
    const d = asDownload(await call('runs.export', { runId: run.id, parts: ALL, charts: [{ name: 'elbo', png: PNG }] }));
    expect(d.name).toBe('tiny-run-1.zip');
    expect(d.mimeType).toBe('application/zip');
    zip = unzipSync(new Uint8Array(d.bytes));
    expect(Object.keys(zip).sort()).toEqual(d.files.slice().sort());
    expect(d.files).toEqual([
      'networks/decoder/model.json',
      'networks/decoder/weights.bin',
      'networks/encoder/model.json',
      'networks/encoder/weights.bin',
      'project/graph.json',
      'project/run.json',
      'project/metrics.json',
      'project/checkpoint/checkpoint.json',
      'project/checkpoint/state.bin',
      'metrics.csv',
      'charts/elbo.png',
    ]);
    expect(Buffer.from(zip['charts/elbo.png']!).toString('base64')).toBe(PNG);
  });

  it('exports networks that load with tf.loadLayersModel and compute what the run\'s own networks compute', async () => {
    const dir = join(root, 'unzipped');
    extract(zip, dir);
    const x = tf.randomNormal([5, 2], 0, 1, 'float32', 3);
    for (const name of ['encoder', 'decoder']) {
      const exported = await tf.loadLayersModel(fileLoadHandler(join(dir, 'networks', name, 'model.json')));
      const own = await tf.loadLayersModel(fileLoadHandler(join(project, '.latent-studio', 'runs', run.id, 'networks', name, 'model.json')));
      expect(maxDiff(exported, own, x)).toBe(0);
      // And they are trained: not all weights are zero.
      expect(exported.getWeights().some((w) => tf.tidy(() => tf.max(tf.abs(w)).dataSync()[0]!) > 0)).toBe(true);
      exported.dispose();
      own.dispose();
    }
    x.dispose();
  });

  it('writes metrics.csv with one row per report and the held-out ELBO where evaluated', async () => {
    const detail = await call('runs.get', { runId: run.id });
    const lines = new TextDecoder().decode(zip['metrics.csv']).trimEnd().split('\n');
    expect(lines[0]).toBe('step,elbo,reconstruction,kl_z,learning_rate,val_elbo');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => Number(r[0]))).toEqual([...new Set([...detail.metrics.map((m) => m.step), ...detail.evals.map((e) => e.step)])].sort((a, b) => a - b));
    const at = (step: number) => rows.find((r) => Number(r[0]) === step)!;
    const m = detail.metrics[2]!;
    expect(at(m.step).slice(1, 5).map(Number)).toEqual([m.elbo, m.reconstruction, m.kl.z, m.learningRate]);
    expect(Number(at(40)[5])).toBe(detail.evals.find((e) => e.step === 40)!.valElbo);
    expect(at(10)[5]).toBe('');
  });

  it('writes a project bundle whose graph opens and whose run.json is the run', () => {
    const text = new TextDecoder();
    expect(text.decode(zip['project/graph.json'])).toBe(GRAPH);
    expect(() => parseGraphFile(text.decode(zip['project/graph.json']))).not.toThrow();
    const runJson = JSON.parse(text.decode(zip['project/run.json']));
    expect(runJson).toMatchObject({ format: 'latent-studio.run', version: 1 });
    expect(runJson.baseDir).toBeUndefined();
    expect(runSummarySchema.parse(runJson)).toEqual(run);
  });

  it('returns a single file as itself, named after the run', async () => {
    const d = asDownload(await call('runs.export', { runId: run.id, parts: { networks: false, bundle: false, metricsCsv: true } }));
    expect(d).toMatchObject({ name: 'tiny-run-1-metrics.csv', mimeType: 'text/csv', files: ['metrics.csv'] });
    expect(d.bytes.toString('utf8')).toBe(new TextDecoder().decode(zip['metrics.csv']));
  });

  it('refuses an export of nothing, a chart that is not a PNG, and a folder (web pages never name server folders)', async () => {
    const none = { networks: false, bundle: false, metricsCsv: false };
    expect((await failure(call('runs.export', { runId: run.id, parts: none }))).message).toMatch(/nothing to export/);
    expect((await failure(call('runs.export', { runId: run.id, parts: none, charts: [{ name: 'loss', png: 'aGVsbG8=' }] }))).message).toMatch(/chart 'loss' is not a PNG/);
    expect((await failure(call('runs.export', { runId: run.id, parts: ALL, folder: root }))).code).toBe('unavailable');
    expect((await failure(call('runs.export', { runId: 'missing', parts: ALL }))).code).toBe('not-found');
  });

  it('imports the bundle back as a new run with identical metrics, checkpoint and networks', async () => {
    const d = asDownload(await call('runs.export', { runId: run.id, parts: ALL }));
    const imported = await call('runs.import', { name: d.name, base64: d.bytes.toString('base64') });
    expect(imported.graphText).toBe(GRAPH);
    expect(() => parseGraphFile(imported.graphText)).not.toThrow();
    expect(imported.run).toMatchObject({ name: 'Run 2 (imported)', status: 'done', step: run.step, checkpointStep: run.checkpointStep, networks: ['decoder', 'encoder'], elbo: run.elbo, settings: run.settings });
    expect(imported.run.id).not.toBe(run.id);
    const [a, b] = await Promise.all([call('runs.get', { runId: run.id }), call('runs.get', { runId: imported.run.id })]);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.evals).toEqual(a.evals);
    const runs = join(project, '.latent-studio', 'runs');
    expect(readFileSync(join(runs, imported.run.id, 'checkpoint', 'state.bin'))).toEqual(readFileSync(join(runs, run.id, 'checkpoint', 'state.bin')));
    // It exports again, networks and all.
    const again = asDownload(await call('runs.export', { runId: imported.run.id, parts: { networks: true, bundle: false, metricsCsv: false } }));
    expect(again.name).toBe('tiny-run-2-imported.zip');
    // Without its networks folder, an export of networks says what is missing.
    rmSync(join(runs, imported.run.id, 'networks'), { recursive: true });
    const e = await failure(call('runs.export', { runId: imported.run.id, parts: ALL }));
    expect(e.code).toBe('not-found');
    expect(e.message).toMatch(/Run 2 \(imported\) has no trained networks to export/);
    await call('runs.delete', { runId: imported.run.id });
  });

  it('imports a desktop export folder zipped by hand (one top-level folder)', async () => {
    const d = asDownload(await call('runs.export', { runId: run.id, parts: { networks: false, bundle: true, metricsCsv: false } }));
    const files = unzipSync(new Uint8Array(d.bytes));
    const nested = zipSync(Object.fromEntries(Object.entries(files).map(([p, data]) => [`tiny-run-1/${p}`, data])));
    const imported = await call('runs.import', { name: 'by-hand.zip', base64: Buffer.from(nested).toString('base64') });
    expect(imported.run).toMatchObject({ status: 'done', networks: [] });
    await call('runs.delete', { runId: imported.run.id });
  });

  it('refuses what is not a bundle with invalid-bundle, and creates no run', async () => {
    const before = await call('runs.list');
    const hostile = zipSync({ 'project/run.json': new TextEncoder().encode('{}'), '../escape.txt': new Uint8Array([1]) });
    const cases: [string, string, RegExp][] = [
      ['junk.zip', Buffer.from('not a zip at all').toString('base64'), /not a readable \.zip/],
      ['hostile.zip', Buffer.from(hostile).toString('base64'), /refused the entry "\.\.\/escape\.txt": it leads out of the archive/],
      ['empty.zip', Buffer.from(zipSync({ 'readme.txt': new Uint8Array([65]) })).toString('base64'), /project\/run\.json is missing/],
    ];
    for (const [name, base64, why] of cases) {
      const e = await failure(call('runs.import', { name, base64 }));
      expect(e.code, name).toBe('invalid-bundle');
      expect(e.message, name).toMatch(why);
      expect(e.message).toContain(name);
    }
    expect((await failure(call('runs.import', { name: 'x.zip', base64: '%%%' }))).code).toBe('invalid-params');
    expect(await call('runs.list')).toEqual(before);
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
  });
});

describe('runs.export on the desktop', () => {
  it('writes into a subfolder named after the run, of the folder chosen in the dialog; a cancel writes nothing', async () => {
    const target = join(root, 'exports');
    mkdirSync(target);
    folderAnswers.push(null);
    expect(await desktop('runs.export', { runId: run.id, parts: ALL })).toEqual({ cancelled: true });
    folderAnswers.push(target);
    const r = (await desktop('runs.export', { runId: run.id, parts: ALL, charts: [{ name: 'elbo', png: PNG }] })) as { folder: string; files: string[] };
    expect(r.folder).toBe(join(target, 'tiny-run-1'));
    for (const f of r.files) expect(existsSync(join(r.folder, f)), f).toBe(true);
    expect(readFileSync(join(r.folder, 'project', 'graph.json'), 'utf8')).toBe(GRAPH);
    // Again, into the same folder given explicitly: the files are replaced.
    const again = (await desktop('runs.export', { runId: run.id, parts: { networks: false, bundle: false, metricsCsv: true }, folder: target })) as { folder: string };
    expect(again.folder).toBe(r.folder);
    expect((await failure(desktop('runs.export', { runId: run.id, parts: ALL, folder: 'relative/path' }))).code).toBe('path-refused');
    expect((await failure(desktop('runs.export', { runId: run.id, parts: ALL, folder: join(root, 'nope') }))).code).toBe('not-found');
  });
});

describe('runs.export of a PyTorch project', () => {
  it('writes the run as pytorch/ (model.py, train.py, data, its weights at its step) that imports back as a run', async () => {
    const d = asDownload(await call('runs.export', { runId: run.id, parts: { networks: false, bundle: false, metricsCsv: false, pytorch: true } }));
    expect(d.name).toBe('tiny-run-1.zip');
    const files = unzipSync(new Uint8Array(d.bytes));
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'checkpoint/model.npz', 'checkpoint/optimizer.npz', 'checkpoint/state.json', 'data/held_out.npz', 'data/train.npz', 'graph.json', 'latent-studio.json', 'model.py', 'train.py'].map((f) => `pytorch/${f}`),
    );
    const state = JSON.parse(new TextDecoder().decode(files['pytorch/checkpoint/state.json']));
    expect(state).toMatchObject({ step: run.checkpointStep, optimizerStep: run.checkpointStep });
    expect(new TextDecoder().decode(files['pytorch/model.py'])).toMatch(/class Model\(nn\.Module\)/);
    // As if train.py had run there: its checkpoint folder is the export's own.
    const trained = Object.fromEntries([
      ...Object.entries(files),
      ...Object.entries(files).filter(([p]) => p.startsWith('pytorch/checkpoint/')).map(([p, b]) => [p.replace('pytorch/checkpoint/', 'pytorch/run/checkpoint/'), b] as const),
    ]);
    const log = new EventLog(web);
    // Trained elsewhere, it has no networks nor samples: a worker writes them from its checkpoint.
    const materialised = log.next((e) => e.type === 'run.updated' && e.run.name.endsWith('(imported)') && e.run.networks.length > 0);
    const inspected = log.next((e) => e.type === 'run.inspection');
    const imported = await call('runs.import', { name: 'pytorch.zip', base64: Buffer.from(zipSync(trained)).toString('base64') });
    expect(imported.run.name).toMatch(/^Run \d+ \(imported\)$/);
    expect(imported.run).toMatchObject({ status: 'stopped', graphName: 'tiny.json', checkpointStep: run.checkpointStep, networks: [] });
    const runs = join(project, '.latent-studio', 'runs');
    const [a, b] = [run.id, imported.run.id].map((id) => readFileSync(join(runs, id, 'checkpoint', 'state.bin')));
    expect(b).toEqual(a);

    const withNetworks = (await materialised) as Extract<Awaited<typeof materialised>, { type: 'run.updated' }>;
    expect(withNetworks.run).toMatchObject({ id: imported.run.id, status: 'stopped', networks: run.networks, networksStep: run.checkpointStep });
    const inspection = (await inspected) as Extract<Awaited<typeof inspected>, { type: 'run.inspection' }>;
    expect(inspection).toMatchObject({ runId: imported.run.id, inspection: { step: run.checkpointStep } });
    // The same weights give the same networks as the run that exported them.
    for (const name of run.networks) {
      const [x, y] = [run.id, imported.run.id].map((id) => readFileSync(join(runs, id, 'networks', name, 'weights.bin')));
      expect(y, name).toEqual(x);
    }
    expect((await call('runs.get', { runId: imported.run.id })).inspection?.step).toBe(run.checkpointStep);
    await call('runs.delete', { runId: imported.run.id });
  });

  it('refuses a run whose graph it cannot write yet, naming the node, and exports nothing', async () => {
    const graphText = serializeGraphFile(tinyMixture({ estimator: 'score-function', baseline: 'moving-average' }));
    const log = new EventLog(web);
    const started = await call('runs.start', { graphText, graphName: 'mixture.json', settings: { steps: 5, backend: 'cpu' } });
    await log.status(started.id, 'done', 'failed');
    const e = await failure(call('runs.export', { runId: started.id, parts: { networks: false, bundle: true, metricsCsv: false, pytorch: true } }));
    expect(e.code).toBe('invalid-params');
    expect(e.message).toMatch(/cannot export to PyTorch: .*Categorical/);
    await call('runs.delete', { runId: started.id });
  });
});
