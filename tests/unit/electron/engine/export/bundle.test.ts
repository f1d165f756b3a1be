import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../../shared/protocol/runs';
import { collectExportFiles, ExportError, exportBaseName, exportDownload, writeExportFolder } from '../../../../../electron/engine/export/bundle';
import { metricsCsv } from '../../../../../electron/engine/export/bundle-csv';
import { readZip } from '../../../../../electron/engine/export/zip';

const root = mkdtempSync(join(tmpdir(), 'ls-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SUMMARY: RunSummary = { id: 'r1', name: 'Run 3', graphName: 'vae-mnist.json', createdAt: 1, status: 'done', settings: { backend: 'cpu' }, step: 20, checkpointStep: null, networks: [] };
const metric = (step: number, kl: Record<string, number>) => ({ step, totalSteps: 30, elbo: -step, reconstruction: -step / 2, kl, learningRate: 0.01, stepsPerSec: 5 });

describe('metrics.csv', () => {
  it('has one row per report, KL per latent, and the held-out columns where evaluated', () => {
    const csv = metricsCsv(
      [metric(10, { z: 1, 'w,"odd"': 2 }), metric(20, { z: 1.5, 'w,"odd"': 2.5 })],
      [
        { step: 20, valElbo: -21, valAccuracy: { label: 0.5 } },
        { step: 25, valElbo: -24.5, valAccuracy: { label: 0.75 } },
      ],
    );
    expect(csv).toBe(
      [
        'step,elbo,reconstruction,kl_z,"kl_w,""odd""",learning_rate,val_elbo,val_accuracy_label',
        '10,-10,-5,1,2,0.01,,',
        '20,-20,-10,1.5,2.5,0.01,-21,0.5',
        '25,,,,,,-24.5,0.75',
        '',
      ].join('\n'),
    );
  });

  it('is a header alone for a run without reports', () => {
    expect(metricsCsv([], [])).toBe('step,elbo,reconstruction,learning_rate,val_elbo\n');
  });
});

describe('export files', () => {
  const source = (runDir: string) => ({ summary: SUMMARY, graphText: '{"g": 1}', metrics: [metric(10, { z: 1 })], evals: [], runDir });

  it('names exports after the graph file and the run', () => {
    expect(exportBaseName(SUMMARY)).toBe('vae-mnist-run-3');
    expect(exportBaseName({ ...SUMMARY, graphName: 'Untitled', name: 'Run 2 (imported)' })).toBe('untitled-run-2-imported');
    expect(exportBaseName({ ...SUMMARY, graphName: '***', name: '???' })).toBe('run');
  });

  it('says clearly when a run has no networks to export', async () => {
    const err = await collectExportFiles(source(join(root, 'empty')), { networks: true, bundle: false, metricsCsv: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect((err as ExportError).code).toBe('not-found');
    expect((err as Error).message).toMatch(/Run 3 has no trained networks to export yet: none has been written to .*networks/);
  });

  it('leaves the checkpoint out of a bundle when the run has none, and zips several files', async () => {
    const files = await collectExportFiles(source(join(root, 'empty')), { networks: false, bundle: true, metricsCsv: true });
    expect(files.map((f) => f.path)).toEqual(['project/graph.json', 'project/run.json', 'project/metrics.json', 'metrics.csv']);
    const d = exportDownload(files, 'vae-mnist-run-3');
    expect(d.name).toBe('vae-mnist-run-3.zip');
    expect([...readZip(d.data).keys()]).toEqual(files.map((f) => f.path));
  });

  it('exports the checkpoint a resume would continue from: the previous one, after a kill between the two renames of a swap', async () => {
    const runDir = join(root, 'half-swapped');
    mkdirSync(join(runDir, 'checkpoint.old'), { recursive: true });
    const manifest = JSON.stringify({ format: 'latent-studio.checkpoint', version: 1, step: 20, bytes: 8 });
    writeFileSync(join(runDir, 'checkpoint.old', 'checkpoint.json'), manifest);
    writeFileSync(join(runDir, 'checkpoint.old', 'state.bin'), new Uint8Array(8));
    const files = await collectExportFiles(source(runDir), { networks: false, bundle: true, metricsCsv: false });
    expect(files.map((f) => f.path)).toEqual(['project/graph.json', 'project/run.json', 'project/metrics.json', 'project/checkpoint/checkpoint.json', 'project/checkpoint/state.bin']);
    expect(new TextDecoder().decode(files[3]!.data)).toBe(manifest);
  });

  it('writes into <folder>/<name>/ and refuses a link or a file in the way', async () => {
    const files = [{ path: 'a/b.txt', data: new TextEncoder().encode('hi') }];
    const out = join(root, 'out');
    mkdirSync(out);
    expect(await writeExportFolder(out, 'run', files)).toBe(join(out, 'run'));
    expect(readFileSync(join(out, 'run', 'a', 'b.txt'), 'utf8')).toBe('hi');
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(out, 'linked'));
    await expect(writeExportFolder(out, 'linked', files)).rejects.toThrow(/not a folder is in the way/);
    writeFileSync(join(out, 'file'), '');
    await expect(writeExportFolder(out, 'file', files)).rejects.toThrow(/in the way/);
    await expect(writeExportFolder(join(root, 'missing'), 'run', files)).rejects.toThrow(/is not a folder/);
  });
});
