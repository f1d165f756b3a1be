import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGraphFile, serializeGraphFile } from '../../shared/graph/index';
import { nodeEl, until } from './editor-driver';
import { dock, setTraining, trainButton } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * Several runs from one window: Train while a run trains asks whether to stop it or run both; a
 * third run on this two-core machine is refused with the reason; each running run has its Stop in
 * the Runs tab; a run whose data cannot be loaded is listed as "did not start", and one click
 * removes such runs. Screenshots land in test-artifacts/e2e/runs-at-once/.
 */
const SHOTS = join(ARTIFACTS, 'runs-at-once');
let app: WebApp;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
  // A graph whose CSV file has four classes for three logits: the file loads and the graph validates
  // (the classes are known only once the data is read), so its run starts and fails before its first
  // step. (A missing file no longer makes a run: the start is refused, see data-checks.e2e.ts.)
  writeFileSync(join(app.projectDir, 'four-classes.csv'), ['a,b,kind', ...Array.from({ length: 40 }, (_, i) => `${i % 5},${i % 3},${['red', 'green', 'blue', 'grey'][i % 4]}`)].join('\n'));
  const wrongClasses = makeGraphFile({
    graph: {
      nodes: [
        { id: 'd', kind: 'data.csv', name: 'table', params: { path: 'four-classes.csv', columns: ['a', 'b'], labelColumn: 'kind' } },
        { id: 'n', kind: 'network.mlp', name: 'net', params: { hidden: [4], heads: [{ name: 'logits', size: 3 }] } },
        { id: 'y', kind: 'dist.categorical', name: 'kind', params: { role: 'observed' } },
      ],
      edges: [
        { id: 'e1', source: { node: 'd', port: 'x' }, target: { node: 'n', port: 'in' } },
        { id: 'e2', source: { node: 'n', port: 'logits' }, target: { node: 'y', port: 'logits' } },
        { id: 'e3', source: { node: 'd', port: 'label' }, target: { node: 'y', port: 'value' } },
      ],
    },
  });
  writeFileSync(join(app.projectDir, 'wrong-classes.json'), serializeGraphFile(wrongClasses));
  await page.getByRole('button', { name: 'Variational autoencoder on two moons' }).click();
  await nodeEl(page, 'decoder').waitFor();
  await setTraining(page, { steps: 200_000 });
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const question = () => page.getByRole('dialog', { name: /is training$/ });
/** The runs listed, newest first, read in one go (rows come and go while the table is read). */
const runNames = async (): Promise<string[]> =>
  (await dock(page).getByRole('table', { name: 'Run history' }).locator('tbody tr').getByRole('rowheader').allInnerTexts()).map((t) => t.trim());
/** The status a run's row shows, read from the row found by its name (rows move as runs are added). */
const statusOf = async (name: string): Promise<string | undefined> => {
  const row = dock(page).getByRole('table', { name: 'Run history' }).locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });
  if ((await row.count()) !== 1) return undefined;
  return (await row.locator('td').nth(2).innerText()).trim();
};
const showRuns = () => dock(page).getByRole('tab', { name: /^Runs/ }).click();

describe('several runs from one window', () => {
  it('asks, when Train is pressed during a run, whether to stop it or train both', async () => {
    await trainButton(page).click();
    await dock(page).waitFor();
    await showRuns();
    await until(async () => (await statusOf('Run 1')) === 'running', 'Run 1 runs', 60_000);

    await trainButton(page).click();
    await question().waitFor();
    expect(await question().getByRole('heading').innerText()).toBe('Run 1 is training');
    expect(await question().getByRole('button').allInnerTexts()).toEqual(expect.arrayContaining(['Stop Run 1 and train', 'Train both', 'Cancel']));
    await shot('01-asked');
    await question().getByRole('button', { name: 'Cancel' }).click();
    expect(await runNames()).toEqual(['Run 1']);

    await trainButton(page).click();
    await question().getByRole('button', { name: 'Train both' }).click();
    await until(async () => (await statusOf('Run 2')) === 'running' && (await statusOf('Run 1')) === 'running', 'both runs train', 60_000);
    await shot('02-both-running');
  }, 120_000);

  it('refuses a run beyond one per core, saying why', async () => {
    const cores = availableParallelism();
    expect(cores, 'this test expects the 2-core CI machine').toBe(2);
    await trainButton(page).click();
    await question().getByRole('button', { name: 'Train both' }).click();
    const alert = page.getByRole('alert').filter({ hasText: "2 runs are training already, one for each of this machine's 2 cores: stop or pause one before starting another" });
    await alert.waitFor();
    expect(await runNames()).toEqual(['Run 2', 'Run 1']);
    await shot('03-refused');
  }, 60_000);

  it('has a Stop for each running run in the Runs tab', async () => {
    const stop1 = dock(page).getByRole('button', { name: 'Stop Run 1', exact: true });
    expect(await dock(page).getByRole('button', { name: /^Stop Run \d$/ }).count()).toBe(2);
    await stop1.click();
    await until(async () => (await statusOf('Run 1')) === 'stopped', 'Run 1 stops', 60_000);
    expect(await statusOf('Run 2')).toBe('running');
    expect(await stop1.count()).toBe(0);
    expect(await dock(page).getByRole('button', { name: 'Resume Run 1', exact: true }).count()).toBe(1);
    // Every row's actions are in view at 1440 px with the inspector open, however wide the table.
    const area = (await dock(page).boundingBox())!;
    for (const name of ['Run 1', 'Run 2']) {
      const del = (await dock(page).getByRole('button', { name: `Delete ${name}`, exact: true }).boundingBox())!;
      expect(del.x + del.width, `Delete ${name} is in view`).toBeLessThanOrEqual(area.x + area.width);
    }
  }, 90_000);

  it('stops the run shown and trains, when asked to', async () => {
    await trainButton(page).click();
    await question().getByRole('button', { name: 'Stop Run 2 and train' }).click();
    await until(async () => (await statusOf('Run 2')) === 'stopped' && (await statusOf('Run 3')) === 'running', 'Run 2 stops and Run 3 trains', 60_000);
    await dock(page).getByRole('button', { name: 'Stop Run 3', exact: true }).click();
    await until(async () => (await statusOf('Run 3')) === 'stopped', 'Run 3 stops', 60_000);
    await shot('04-stopped-and-trained');
  }, 120_000);

  it('lists a run that fails before its first step as "did not start", and removes such runs in one click', async () => {
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    // The template was changed (its steps): leave it unsaved.
    await page.getByRole('dialog', { name: 'Unsaved changes' }).getByRole('button', { name: "Don't save" }).click();
    const open = page.getByRole('dialog', { name: 'Open a graph' });
    await open.getByRole('button', { name: /wrong-classes\.json/ }).first().click();
    await open.waitFor({ state: 'detached' });
    await nodeEl(page, 'd').waitFor();
    await trainButton(page).click();
    await showRuns();
    await until(async () => (await statusOf('Run 4')) === 'did not start', 'Run 4 did not start', 60_000);
    await shot('05-did-not-start');
    const remove = dock(page).getByRole('button', { name: 'Remove the run that did not start' });
    await remove.click();
    await until(async () => !(await runNames()).includes('Run 4'), 'Run 4 is removed');
    expect(await runNames()).toEqual(['Run 3', 'Run 2', 'Run 1']);
    expect(await remove.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 90_000);
});
