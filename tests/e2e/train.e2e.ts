import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLoadHandler } from '../../electron/engine/export/node-file-io';
import { parseGraphFile } from '../../shared/graph/index';
import { hasTorch, runPython } from '../helpers/python-torch';
import { MOD, nodeEl, until } from './editor-driver';
import { chartLines, dock, progressStep, runStatus, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * Training from the canvas, in Chromium against the real web-mode server: the VAE template trained
 * for 300 steps on the CLI's default backend, its curves growing live, pause, resume, stop and a
 * later resume; the samples panel; an exported bundle whose decoder loads with tf.loadLayersModel;
 * the run exported as a PyTorch project;
 * a second run overlaid on the first; and a run that diverges, shown as an error while the app
 * keeps working. Screenshots land in test-artifacts/e2e/train/.
 */
const SHOTS = join(ARTIFACTS, 'train');
let app: WebApp;
let page: Page;
let scratch: string;
let bundlePath = '';

const shot = async (name: string) => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
  scratch = mkdtempSync(join(tmpdir(), 'latent-studio-train-e2e-'));
  await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).click();
  await nodeEl(page, 'decoder').waitFor();
  await setTraining(page, { steps: 300, evalEvery: 100 });
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('training the VAE template from the canvas', () => {
  it('trains: the ELBO chart grows to 20 points and more, and the ELBO rises', async () => {
    await trainButton(page).click();
    await dock(page).waitFor();
    expect(await dock(page).getByTestId('dock-run-name').innerText()).toBe('Run 1');
    // Pause early, so there is time to check that nothing moves while paused.
    await until(async () => ((await chartLines(page, 'elbo'))[0]?.points.length ?? 0) >= 3, 'the ELBO chart has 3 points', 90_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitForStatus(page, 'paused');
    const pausedAt = await progressStep(page);
    await page.waitForTimeout(1500);
    expect(await progressStep(page)).toBe(pausedAt);
    await shot('01-paused');

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitForStatus(page, 'running');
    await until(async () => ((await chartLines(page, 'elbo'))[0]?.points.length ?? 0) >= 20, 'the ELBO chart has 20 points', 90_000);
    await shot('02-run-in-progress');
    // Stop at once: the run is still short of its 300 steps.
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await waitForStatus(page, 'stopped');
    await shot('02b-stopped');

    const [train] = await chartLines(page, 'elbo');
    expect(train!.points.length).toBeGreaterThanOrEqual(20);
    // SVG y grows downwards: a rising ELBO ends higher on screen than it starts.
    expect(train!.points.at(-1)!.y).toBeLessThan(train!.points[0]!.y);
    const stoppedAt = await progressStep(page);
    expect(stoppedAt).toBeGreaterThanOrEqual(200);
    expect(stoppedAt).toBeLessThan(300);
    // Every chart is named for its metric.
    for (const name of ['ELBO chart', 'Reconstruction chart', 'KL chart', 'Learning rate chart']) {
      expect(await page.getByRole('figure', { name: new RegExp(`^${name}`) }).count(), name).toBe(1);
    }
  }, 240_000);

  it('resumes the stopped run later, from its checkpoint, to its 300 steps', async () => {
    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    await page.getByRole('button', { name: 'Resume Run 1' }).click();
    await dock(page).getByRole('tab', { name: 'Curves' }).click();
    await waitForStatus(page, 'done', 120_000);
    expect(await progressStep(page)).toBe(300);
    // Charts redraw at most twice a second: the last report's point may follow "done" by 0.5 s.
    await until(async () => ((await chartLines(page, 'elbo'))[0]?.points.length ?? 0) >= 30, 'the ELBO chart shows every report', 5000);
    const [train] = await chartLines(page, 'elbo');
    expect(train!.points.length).toBe(30);
  }, 180_000);

  it('shows samples from the prior as an image', async () => {
    await dock(page).getByRole('tab', { name: 'Samples' }).click();
    const grid = page.getByRole('img', { name: /samples of x from the prior/ });
    await grid.waitFor();
    // The canvas holds a picture: grey levels that vary (not a blank or uniform grid).
    const spread = await grid.evaluate((el) => {
      // The element is the canvas itself (role img); no DOM types in the test's tsconfig.
      const canvas = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let min = 255;
      let max = 0;
      for (let i = 0; i < data.length; i += 4) {
        min = Math.min(min, data[i]!);
        max = Math.max(max, data[i]!);
      }
      return max - min;
    });
    expect(spread).toBeGreaterThan(100);
    await shot('03-samples');
    await dock(page).getByRole('tab', { name: 'Latent space' }).click();
    await page.getByRole('figure', { name: /^Latent map of z: 1,000 held-out examples/ }).waitFor();
    await shot('04-latent-space');
  }, 60_000);

  it('exports a bundle whose decoder loads with tf.loadLayersModel and decodes a latent vector to 784 values in [0, 1]', async () => {
    await dock(page).getByRole('tab', { name: 'Curves' }).click();
    await dock(page).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Run 1' });
    await dialog.waitFor();
    for (const name of [/^Networks as TensorFlow.js LayersModels/, /^Project bundle/, /^Metrics as CSV/, /^Charts as PNG/]) {
      expect(await dialog.getByRole('checkbox', { name }).isChecked(), String(name)).toBe(true);
    }
    await shot('05-export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zipPath = join(scratch, download.suggestedFilename());
    await download.saveAs(zipPath);
    bundlePath = zipPath;
    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const names = Object.keys(files);
    for (const expected of ['networks/decoder/model.json', 'networks/decoder/weights.bin', 'networks/encoder/model.json', 'project/graph.json', 'metrics.csv', 'charts/elbo.png']) {
      expect(names, expected).toContain(expected);
    }
    // The bundle's graph reopens in the app's format.
    expect(parseGraphFile(new TextDecoder().decode(files['project/graph.json'])).graph.nodes).toHaveLength(6);
    expect(new TextDecoder().decode(files['metrics.csv']).split('\n')[0]).toMatch(/^step,elbo,reconstruction,kl_z/);

    for (const [name, bytes] of Object.entries(files)) {
      if (!name.startsWith('networks/decoder/')) continue;
      mkdirSync(dirname(join(scratch, name)), { recursive: true });
      writeFileSync(join(scratch, name), bytes);
    }
    await tf.setBackend('cpu');
    const decoder = await tf.loadLayersModel(fileLoadHandler(join(scratch, 'networks/decoder/model.json')));
    const outputs = decoder.predict(tf.randomNormal([1, 20], 0, 1, 'float32', 3)) as tf.Tensor[];
    const mean = outputs[decoder.outputNames.indexOf('x_mean')]!;
    const values = mean.dataSync();
    expect(values).toHaveLength(784);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    decoder.dispose();
  }, 120_000);

  it('exports the run as a PyTorch project that continues from its checkpoint, and whose code compiles', async () => {
    await dock(page).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Run 1' });
    await dialog.waitFor();
    const pytorch = dialog.getByRole('checkbox', { name: /^PyTorch project/ });
    expect(await pytorch.isEnabled()).toBe(true);
    expect(await pytorch.isChecked()).toBe(false);
    expect(await dialog.innerText()).toMatch(/the weights at step 300 to continue from/);
    await pytorch.check();
    for (const name of [/^Networks as TensorFlow.js LayersModels/, /^Project bundle/, /^Metrics as CSV/, /^Charts as PNG/]) {
      await dialog.getByRole('checkbox', { name }).uncheck();
    }
    await shot('05b-export-pytorch');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByRole('button', { name: 'Download' }).click()]);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(files).sort();
    expect(names).toEqual(expect.arrayContaining(['pytorch/README.md', 'pytorch/model.py', 'pytorch/train.py', 'pytorch/data/train.npz', 'pytorch/data/held_out.npz', 'pytorch/checkpoint/state.json', 'pytorch/checkpoint/model.npz', 'pytorch/checkpoint/optimizer.npz']));
    expect(names.filter((n) => !n.startsWith('pytorch/'))).toEqual([]);
    expect(JSON.parse(new TextDecoder().decode(files['pytorch/checkpoint/state.json']))).toMatchObject({ step: 300 });
    const modelPy = new TextDecoder().decode(files['pytorch/model.py']);
    // Names from the graph: its networks are modules named after their nodes.
    expect(modelPy).toMatch(/self\.encoder = /);
    expect(modelPy).toMatch(/self\.decoder = /);
    if (hasTorch()) {
      const dir = join(scratch, 'pytorch-export');
      for (const name of ['pytorch/model.py', 'pytorch/train.py']) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), files[name]!);
      }
      runPython(['-m', 'py_compile', 'model.py', 'train.py'], join(dir, 'pytorch'));
    }
  }, 120_000);

  it('imports the exported bundle back into the run history, with its curves', async () => {
    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    await page.getByLabel('Import a run bundle (.zip)').setInputFiles(bundlePath);
    await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()) === 'Run 2 (imported)', 'the imported run is shown', 30_000);
    expect(await runStatus(page)).toBe('done');
    await dock(page).getByRole('tab', { name: 'Curves' }).click();
    await until(async () => ((await chartLines(page, 'elbo'))[0]?.points.length ?? 0) === 30, 'the imported curve is drawn');
    await shot('06a-imported');
    // Back to Run 1 for what follows.
    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    await page.getByRole('button', { name: 'Run 1', exact: true }).click();
  }, 60_000);

  it('overlays a second run on the first', async () => {
    // The same model at three times the learning rate: a comparison worth looking at.
    await setTraining(page, { learningRate: 0.003 });
    await trainButton(page).click();
    await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()) === 'Run 3', 'Run 3 is shown', 30_000);
    await until(async () => ((await chartLines(page, 'elbo')).find((l, i) => i > 0 && l.points.length >= 10) ? true : false), 'both runs are drawn', 120_000);
    const lines = await chartLines(page, 'elbo');
    // Run 3's lines (train, held-out) come first, then Run 1's, in another colour.
    const strokes = new Set(lines.map((l) => l.stroke));
    expect(strokes.size).toBeGreaterThanOrEqual(2);
    const legend = await page.getByRole('figure', { name: /^ELBO chart/ }).innerText();
    expect(legend).toContain('Run 1 · train');
    expect(legend).toContain('Run 3 · train');
    await shot('06-two-runs-compared');
    await waitForStatus(page, 'done', 120_000);
    await shot('07-two-runs-done');
  }, 240_000);
});

describe('a run that diverges', () => {
  it('shows the error with the node where it appeared, and the app keeps working', async () => {
    await setTraining(page, { optimizer: 'SGD', learningRate: 10 });
    await trainButton(page).click();
    await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()) === 'Run 4', 'Run 4 is shown', 30_000);
    const alert = dock(page).getByRole('alert');
    await alert.waitFor({ timeout: 90_000 });
    expect(await runStatus(page)).toBe('failed');
    const text = await alert.innerText();
    expect(text).toMatch(/Run 4 failed at step \d+: training diverged/);
    expect(text).toMatch(/first appeared in .* of latent z/);
    await shot('08-diverged');
    // Show the node where it appeared.
    await alert.getByRole('button', { name: 'Show z' }).click();
    await until(async () => (await nodeEl(page, 'z').getAttribute('class'))?.includes('selected') ?? false, 'z is selected');
    // Still usable: back to a sane learning rate and training works again.
    await setTraining(page, { optimizer: 'Adam', learningRate: 0.001, steps: 40 });
    expect(await trainButton(page).isEnabled()).toBe(true);
    // The shortcut, from the field just edited: Ctrl+Enter trains (the field commits first).
    await page.keyboard.press(`${MOD}+Enter`);
    await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()) === 'Run 5', 'Run 5 is shown', 30_000);
    await waitForStatus(page, 'done', 120_000);
    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    expect(await page.getByRole('table', { name: 'Run history' }).locator('tbody tr').count()).toBe(5);
    await shot('09-history');
  }, 300_000);
});

describe('the page', () => {
  it('logged no error and threw nothing through all of it', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
