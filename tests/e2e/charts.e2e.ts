import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, until } from './editor-driver';
import { legend, openTemplate } from './estimator-driver';
import { dock, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * What the dock's charts say about different models, in Chromium against the real web-mode server:
 * a classifier's charts are titled for what they show (log-likelihood, accuracy), a new run is
 * overlaid only on a run of the same graph or data set, and a VAE whose decoder also reads the
 * labels says why it has no samples from the prior. Screenshots in test-artifacts/e2e/charts/.
 */
const SHOTS = join(ARTIFACTS, 'charts');

let app: WebApp;
let page: Page;

const shot = async (name: string) => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

/** The titles of the dock's charts, in order. */
const chartTitles = (p: Page) => dock(p).locator('figure.run-chart').evaluateAll((figs) => (figs as unknown as Attributed[]).map((f) => f.getAttribute('data-chart-title')));

/** An element as read in the page (the test's tsconfig has no DOM types). */
type Attributed = { getAttribute(name: string): string | null };

/** Opens or closes the training dock. */
async function setDockOpen(open: boolean): Promise<void> {
  const toggle = dock(page).getByRole('button', { name: 'Training', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== String(open)) await toggle.click();
}

/** Leaves the open graph (without saving) for a template of the start screen, with the dock closed so the whole graph fits. */
async function switchToTemplate(title: RegExp, nodeCount: number): Promise<void> {
  await setDockOpen(false);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const dontSave = page.getByRole('button', { name: "Don't save" });
  if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
  await openTemplate(page, title, nodeCount);
}

/** Trains with the panel's settings and waits until the run named `runName` is done. */
async function trainToEnd(runName: string, timeoutMs = 90_000): Promise<void> {
  await trainButton(page).click();
  await dock(page).waitFor();
  await setDockOpen(true);
  await until(async () => (await dock(page).getByTestId('dock-run-name').innerText().catch(() => '')) === runName, `${runName} is shown`, 30_000);
  await waitForStatus(page, 'done', timeoutMs);
}

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  expect(app?.pageErrors ?? []).toEqual([]);
  await app?.close();
});

describe('the charts of different models', () => {
  it('titles a classifier\u2019s charts Log-likelihood and Held-out accuracy, with no ELBO, reconstruction or KL chart', async () => {
    await openTemplate(page, /^Digit classifier on MNIST/, 3);
    await setTraining(page, {});
    // The template trains for an epoch: a few steps are enough here.
    await page.getByRole('radio', { name: 'Steps' }).check();
    await setTraining(page, { steps: 60, evalEvery: 30 });
    await trainToEnd('Run 1');
    // Read at once: the message stays 4 s.
    expect(await page.locator('.statusline__message').innerText()).toMatch(/^Run 1 finished: log-likelihood −\d+\.\d\d, held-out −\d+\.\d\d, held-out accuracy \d+\.\d% after 60 steps\.$/);
    await dock(page).getByRole('figure', { name: /^Accuracy chart/ }).waitFor();
    expect(await chartTitles(page)).toEqual(['Log-likelihood', 'Learning rate', 'Held-out accuracy']);
    expect(await page.getByRole('figure', { name: /^Log-likelihood chart/ }).count()).toBe(1);
    expect((await legend(page, 'Log-likelihood')).map((e) => e.name)).toEqual(['Run 1 · train', 'Run 1 · held-out']);
    await shot('01-classifier');
  }, 150_000);

  it('does not overlay the classifier on a VAE of other data, and overlays two runs of the same graph', async () => {
    await switchToTemplate(/^Variational autoencoder on two moons/, 6);
    await setTraining(page, { steps: 60, evalEvery: 30 });
    await trainToEnd('Run 2');
    expect(await chartTitles(page)).toEqual(['ELBO', 'Reconstruction', 'KL divergence', 'Learning rate']);
    expect((await legend(page, 'ELBO')).map((e) => e.name)).toEqual(['Run 2 · train', 'Run 2 · held-out']);
    await trainToEnd('Run 3');
    expect((await legend(page, 'ELBO')).map((e) => e.name)).toEqual(['Run 3 · train', 'Run 3 · held-out', 'Run 2 · train', 'Run 2 · held-out']);
    // The run shown is painted last, on top of the one compared.
    const painted = await dock(page)
      .locator('figure[data-chart-name="elbo"] .recharts-line path.recharts-line-curve')
      .evaluateAll((paths) => (paths as unknown as Attributed[]).map((p) => p.getAttribute('stroke')));
    const colours = await legend(page, 'ELBO');
    expect(painted.at(-1)?.toLowerCase()).toBe(colours[0]!.color.toLowerCase());
    await shot('02-two-moons-overlaid');
  }, 150_000);

  it('draws a row of samples per label for a VAE whose decoder also reads the labels', async () => {
    await switchToTemplate(/^Variational autoencoder on MNIST/, 6);
    await connect(page, ['mnist', 'label'], ['decoder', 'in']);
    await setTraining(page, { steps: 20, evalEvery: 20 });
    await trainToEnd('Run 4', 120_000);
    await dock(page).getByRole('tab', { name: 'Samples' }).click();
    const grid = dock(page).getByRole('figure', { name: '8 samples of x for each label from 0 to 9, a row each, latents from the prior through the decoder' });
    await grid.waitFor();
    expect(await grid.locator('.run-chart__title').innerText()).toBe('Samples for each label');
    expect(await dock(page).getByRole('note').count()).toBe(0);
    expect(await dock(page).locator('.run-recon canvas').count()).toBe(1);
    await shot('03-conditional-decoder-samples');
  }, 180_000);
});
