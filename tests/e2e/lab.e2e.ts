import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickPane, MOD, nodeEl, until } from './editor-driver';
import { chooseOption, inspector, openTemplate } from './estimator-driver';
import { labPanel, labRow, labRows, runLab } from './lab-driver';
import { dock, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * The estimator lab from the canvas, in Chromium against the real web-mode server, on the latent
 * factor template (16 Bernoulli latents, score function): the maths panel names the latent's
 * estimator and follows the inspector when it changes; the lab opened from the top bar before any run,
 * run at the initial weights with a few estimates (the table read back and checked against what the
 * lab measures on this model: the moving-average baseline cuts the score function's variance by
 * orders of magnitude; relaxed gradients have more variance at a lower temperature), cancelled
 * mid-way, and run again on the checkpoint of a short training run. Screenshots land in
 * test-artifacts/e2e/lab/.
 */
const SHOTS = join(ARTIFACTS, 'lab');
const TITLE = /^Latent factor model/;
/** A few estimates and a small reference keep each lab under ten seconds on two cores. */
const R = 3;
const REFERENCE = 32;

let app: WebApp;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const table = () => labPanel(page).getByRole('table', { name: 'Estimator statistics' });

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

/** The maths panel's gradient estimators, as KaTeX drew them. */
const estimatorsInMaths = async () =>
  (await page.getByRole('region', { name: 'Maths', exact: true }).locator('.maths-section--estimators .katex-html').allInnerTexts()).join(' ').replace(/[\s\u00a0]+/g, ' ');

describe('the estimator lab on the latent factor model', () => {
  it('names the estimator in the maths panel, which follows a change in the inspector', async () => {
    await openTemplate(page, TITLE, 7);
    await page.getByRole('button', { name: 'Maths', exact: true }).click();
    await until(async () => (await estimatorsInMaths()).includes('score function, baseline: moving-average'), 'the maths panel names the score function');
    await nodeEl(page, 'z').click();
    await chooseOption(inspector(page).getByLabel('Estimator', { exact: true }), /^Straight[- ]through$/i);
    await until(async () => (await estimatorsInMaths()).includes('straight-through'), 'the maths panel follows the inspector');
    expect(await estimatorsInMaths()).not.toContain('score function');
    // Back to the template's estimator for the lab (whose rows are every estimator anyway).
    await page.keyboard.press(`${MOD}+z`);
    await until(async () => (await estimatorsInMaths()).includes('score function, baseline: moving-average'), 'undo restores the score function');
    await page.getByRole('button', { name: 'Maths', exact: true }).click();
    await clickPane(page);
  }, 30_000);

  it('opens from the top bar before any run, on its own tab of the dock', async () => {
    expect(await dock(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Lab', exact: true }).click();
    await dock(page).waitFor();
    expect(await dock(page).getByRole('tab', { name: 'Estimator lab' }).getAttribute('aria-selected')).toBe('true');
    expect(await labPanel(page).getByLabel('Weights').inputValue()).toBe('');
    expect(await labPanel(page).getByText('Compare the gradient estimators').count()).toBe(1);
  }, 30_000);

  it('runs at the initial weights and shows each estimator with its variance, cosine and time', async () => {
    await runLab(page, R, REFERENCE);
    await labPanel(page).getByRole('button', { name: 'Cancel' }).waitFor();
    await table().waitFor({ timeout: 60_000 });
    await labPanel(page).getByRole('button', { name: 'Run lab' }).waitFor();
    const rows = await labRows(page);
    expect(rows.map((r) => `${r.estimator} ${r.setting}`)).toEqual([
      'score-function none', 'score-function moving-average',
      'relaxed τ = 0.1', 'relaxed τ = 0.5', 'relaxed τ = 1', 'relaxed τ = 2',
      'straight-through τ = 0.1', 'straight-through τ = 0.5', 'straight-through τ = 1', 'straight-through τ = 2',
    ]);
    for (const r of rows) {
      expect(r.latent).toBe('z');
      expect(r.variance, r.varianceText).toBeGreaterThan(0);
      expect(r.meanNorm).toBeGreaterThan(0);
      expect(Math.abs(r.cosine)).toBeLessThanOrEqual(1);
      expect(r.ms).toBeGreaterThan(0);
    }
    // Measured on this model at initialisation (README): about 60,000-fold for the baseline; τ = 0.1
    // has about 200 times the variance of τ = 2.
    expect(labRow(rows, 'score-function', 'none').variance / labRow(rows, 'score-function', 'moving-average').variance).toBeGreaterThan(1000);
    expect(labRow(rows, 'relaxed', 'τ = 0.1').variance).toBeGreaterThan(10 * labRow(rows, 'relaxed', 'τ = 2').variance);
    const context = await labPanel(page).locator('.lab__context').innerText();
    expect(context).toContain('Latent factor model (16 binary latents, score function) at initialisation');
    expect(context).toContain('encoder (160,216 parameters)');
    expect(context).toContain(`R = ${R} estimates per estimator`);
    expect(context).toMatch(new RegExp(`Reference gradient: mean of ${REFERENCE} score-function \\(leave-one-out\\) estimates per example \\(norm [^)]+\\)\\.`));
    // One bar per row on the log-scale chart (no exact, zero-variance row here).
    expect(await labPanel(page).getByRole('figure', { name: /^Variance of each estimator/ }).locator('.recharts-bar-rectangle').count()).toBe(rows.length);
    await labPanel(page).getByText('Not run (4)').click();
    expect(await labPanel(page).getByText('no running statistics yet (step 0)').count()).toBe(1);
    await shot('01-lab-initial-weights');
  }, 90_000);

  it('cancels a lab at once and keeps the last report', async () => {
    await runLab(page, 10_000, REFERENCE);
    await until(async () => /1 of \d+/.test(await labPanel(page).getByRole('status').innerText()), 'the lab reports its first estimator', 30_000);
    await labPanel(page).getByRole('button', { name: 'Cancel' }).click();
    await until(async () => (await labPanel(page).getByRole('status').innerText()) === 'Cancelled.', 'the lab says it was cancelled');
    expect(await labPanel(page).getByRole('button', { name: 'Run lab' }).isEnabled()).toBe(true);
    expect((await labRows(page)).length).toBe(10);
  }, 60_000);

  it("studies a run's checkpoint, named with its step", async () => {
    await setTraining(page, { steps: 40, evalEvery: 40 });
    await trainButton(page).click();
    await waitForStatus(page, 'done', 90_000);
    await dock(page).getByRole('tab', { name: 'Estimator lab' }).click();
    const weights = labPanel(page).getByLabel('Weights');
    const options = await weights.locator('option').allInnerTexts();
    expect(options).toEqual(['Initial (the graph as it is now)', 'Run 1, step 40 (Untitled)']);
    await weights.selectOption({ index: 1 });
    await runLab(page, R, REFERENCE);
    await until(async () => (await labPanel(page).locator('.lab__context').innerText()).includes('at step 40'), 'the report is of the run at step 40', 60_000);
    // After 40 steps the running statistics exist, so the standardised baseline runs too.
    await labPanel(page).getByRole('button', { name: 'Run lab' }).waitFor();
    expect((await labRows(page)).map((r) => r.setting)).toContain('standardised');
    await shot('02-lab-run-checkpoint');
  }, 150_000);
});

describe('the page', () => {
  it('logged no error and threw nothing through all of it', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
