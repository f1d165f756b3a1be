import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, report, scan } from './axe';
import { clickPane, nodeEl } from './editor-driver';
import { dock, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * axe-core over the app in Chromium (WCAG 2.x A/AA and best practices): the start screen, the
 * editor with the VAE template (nothing selected, then a node in the inspector, then the maths
 * panel open beside it), and the training
 * dock while a short run trains and after it ends. No serious or critical violation may remain;
 * what remains at minor or moderate is printed for a person to read.
 */
const SHOTS = join(ARTIFACTS, 'accessibility');
let app: WebApp;
let page: Page;

/** Scans and reports; a soft expectation, so every scan of a test runs and reports even after one fails. */
async function expectNoBlocking(where: string): Promise<void> {
  const violations = await scan(page);
  console.log(report(where, violations));
  expect.soft(blocking(violations).map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target).join(', ')}`), where).toEqual([]);
}

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on the start screen', async () => {
    await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).waitFor();
    await expectNoBlocking('start screen');
  });

  it('finds none in the editor with the VAE template, with nothing and with a node selected', async () => {
    await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).click();
    await nodeEl(page, 'decoder').waitFor();
    await clickPane(page);
    await expectNoBlocking('editor with the VAE, training settings in the inspector');
    await nodeEl(page, 'x').click();
    await page.getByRole('heading', { name: 'x', exact: true }).waitFor();
    await expectNoBlocking('editor with the VAE, observed x in the inspector');
  });

  it('finds none with the maths panel open beside the VAE, the selected node\'s terms highlighted', async () => {
    const toggle = page.getByRole('group', { name: 'Study' }).getByRole('button', { name: 'Maths', exact: true });
    await toggle.click();
    await page.getByRole('region', { name: 'Maths', exact: true }).locator('.maths-entry--on').first().waitFor();
    await expectNoBlocking('editor with the VAE, maths panel open, observed x selected');
    await toggle.click();
  });

  it('finds none in the training dock while a short run trains and after it ends', async () => {
    await setTraining(page, { steps: 150, evalEvery: 50 });
    await trainButton(page).click();
    await dock(page).waitFor();
    await waitForStatus(page, 'running', 90_000);
    await expectNoBlocking('training dock, running');
    await waitForStatus(page, 'done', 180_000);
    await page.screenshot({ path: join(SHOTS, 'training-done.png') });
    await expectNoBlocking('training dock, done (curves)');
    for (const tab of ['Samples', 'Runs']) {
      await dock(page).getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await expectNoBlocking(`training dock, done (${tab})`);
    }
  }, 240_000);
});
