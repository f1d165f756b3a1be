import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, report, scan } from './axe';
import { until } from './editor-driver';
import { openTemplate } from './estimator-driver';
import { dock, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * Generation for a chosen label, in Chromium against the real web-mode server: the conditional VAE
 * template trained for a few steps, its Samples tab's label chooser driven from the keyboard (every
 * label a row each, then label 3's sixteen draws at twice the size), and the same chooser on
 * the run reopened from the history after a reload. Screenshots in test-artifacts/e2e/class-samples/.
 */
const SHOTS = join(ARTIFACTS, 'class-samples');
let app: WebApp;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const chooser = () => dock(page).getByLabel('Show samples for');
const figure = () => dock(page).locator('figure.run-images').first();
/** What the grid's canvas draws, as a data URL (the test's tsconfig has no DOM types). */
const drawn = () => figure().locator('canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
const ALL = '8 samples of x for each label from 0 to 9, a row each, latents from the prior through the decoder';

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('the Samples tab of a conditional VAE', () => {
  it('shows every label a row each, then the full grid of the label chosen from the keyboard', async () => {
    await openTemplate(page, /^Conditional VAE on MNIST/, 6);
    await setTraining(page, { steps: 120, evalEvery: 120 });
    // Smaller batches than the template's 128, so that the test stays short on a busy machine.
    await page.getByLabel('Batch size', { exact: true }).fill('32');
    await page.getByLabel('Batch size', { exact: true }).press('Enter');
    await trainButton(page).click();
    await dock(page).waitFor();
    await waitForStatus(page, 'done', 60_000);
    await dock(page).getByRole('tab', { name: 'Samples' }).click();
    await figure().waitFor();
    expect(await figure().getAttribute('aria-label')).toBe(ALL);
    expect(await figure().locator('.run-chart__title').innerText()).toBe('Samples for each label');
    expect(await chooser().locator('option').allInnerTexts()).toEqual(['every label (a row each)', ...Array.from({ length: 10 }, (_, k) => `label ${k}`)]);
    const every = await drawn();
    await shot('00-every-label');

    // From the keyboard: focus the chooser and step down to label 3.
    await chooser().focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await until(async () => (await figure().getAttribute('aria-label')) === '16 samples of x for label 3, latents from the prior through the decoder', 'label 3 is shown');
    expect(await chooser().inputValue()).toBe('3');
    expect(await figure().locator('.run-chart__title').innerText()).toBe('Samples for label 3');
    expect(await figure().locator('.run-chart__meta').innerText()).toMatch(/^16 draws of z from the prior, label = 3 · step 120$/);
    const three = await drawn();
    expect(three).not.toBe(every);
    // Two rows of 8 digits of 28 pixels drawn twice their size, 2 px apart (every label: 10 rows at 1×).
    const size = () => figure().locator('canvas').evaluate((c) => [(c as unknown as { width: number }).width, (c as unknown as { height: number }).height]);
    expect(await size()).toEqual([8 * 56 + 7 * 2, 2 * 56 + 2]);
    await shot('01-label-3');
    // The chooser and the grid pass axe-core (no serious or critical violation).
    const violations = blocking(await scan(page));
    expect(violations, report('the Samples tab with label 3 chosen', violations)).toEqual([]);

    await chooser().selectOption('7');
    await until(async () => (await figure().locator('.run-chart__title').innerText()) === 'Samples for label 7', 'label 7 is shown');
    expect(await drawn()).not.toBe(three);
  }, 90_000);

  it('works on the run reopened from the history after a reload', async () => {
    await app.reload();
    page = app.page;
    // The edited training settings were never saved: the new page offers them back; not wanted here.
    await page.getByRole('dialog', { name: 'Restore unsaved work?' }).getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { name: 'Start a model' }).waitFor();
    const toggle = dock(page).getByRole('button', { name: 'Training', exact: true });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await dock(page).getByRole('tab', { name: 'Runs' }).click();
    await dock(page).getByRole('button', { name: 'Run 1', exact: true }).click();
    await dock(page).getByRole('tab', { name: 'Samples' }).click();
    await figure().waitFor();
    expect(await figure().getAttribute('aria-label')).toBe(ALL);
    await chooser().selectOption('3');
    await until(async () => (await figure().locator('.run-chart__title').innerText()) === 'Samples for label 3', 'label 3 is shown after the reload');
    await shot('02-reopened-label-3');
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
