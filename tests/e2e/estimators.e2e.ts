import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickPane, nodeEl, until } from './editor-driver';
import { chooseOption, estimatorBadge, inspector, inspectorSettings, legend, openTemplate, runRows, selectedOption, toHex } from './estimator-driver';
import { chartLines, dock, progressStep, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * Comparing gradient estimators from the canvas, in Chromium against the real web-mode server: the
 * "Latent factor model" template (16 Bernoulli latents, score function) opened from the start
 * screen and trained briefly; its latent switched to straight-through in the inspector, which then
 * shows the temperature settings instead of the baseline ones and relabels the node's badge; a
 * second run; both runs overlaid on the ELBO chart in their colours and ticked in the Runs tab.
 * Screenshots land in test-artifacts/e2e/estimators/.
 */
const SHOTS = join(ARTIFACTS, 'estimators');
/** Short runs: each finishes in about 15 s on two cores. */
const STEPS = 150;
const EVAL_EVERY = 50;
const TITLE = /^Latent factor model/;

let app: WebApp;
let page: Page;
/** Each run's colour, as the ELBO chart's legend gives it (#rrggbb). */
let runColours: Record<string, string> = {};

const shot = async (name: string) => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

/** Trains once with the settings of the Training panel and waits for the run to finish. */
async function trainToEnd(runName: string): Promise<void> {
  await trainButton(page).click();
  await dock(page).waitFor();
  await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()) === runName, `${runName} is shown`, 30_000);
  await waitForStatus(page, 'done', 90_000);
  expect(await progressStep(page)).toBe(STEPS);
}

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('comparing the score function with straight-through on the latent factor model', () => {
  it('opens the template from the start screen, its latent badged as score function with a moving-average baseline', async () => {
    const card = page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: TITLE });
    expect(await card.innerText()).toContain('16 binary latents, score function');
    // The first example opened after a page load is not fitted to the view (an app bug, reported):
    // openTemplate then clicks Fit View so that every node can be clicked.
    const outOfViewOnOpen = await openTemplate(page, TITLE, 7);
    if (outOfViewOnOpen.length) console.warn(`known app bug: the template opened without fitting the view; out of view: ${outOfViewOnOpen.join(', ')} (Fit View clicked)`);
    expect(await page.getByText('No problems: the model is ready to train.').count()).toBe(1);
    expect(await nodeEl(page, 'z').innerText()).toContain('Bernoulli [16], latent');
    const badge = await estimatorBadge(page, 'z');
    expect(badge.text).toBe('score fn · moving avg');
    expect(badge.title).toMatch(/^Gradient estimator: score function \(REINFORCE\), baseline: moving avg/);
    // Only the latent carries a badge: the posterior and the observed Bernoulli do not.
    expect(await page.locator('.studio-node__estimator').count()).toBe(1);
    await shot('01-template-opened');
  }, 30_000);

  it('trains a short first run with the score function, whose baseline is charted', async () => {
    await setTraining(page, { steps: STEPS, evalEvery: EVAL_EVERY });
    expect(await trainButton(page).innerText()).toContain(`${STEPS} steps`);
    await trainToEnd('Run 1');
    // Charts redraw at most twice a second: the last report's point may follow "done" by 0.5 s.
    await until(async () => ((await chartLines(page, 'elbo'))[0]?.points.length ?? 0) >= STEPS / 10, 'the ELBO chart shows every report', 5000);
    const elbo = await chartLines(page, 'elbo');
    // Train (every 10 steps) and held-out (every EVAL_EVERY) lines of Run 1, in its colour.
    expect(elbo.length).toBe(2);
    expect(new Set(elbo.map((l) => l.stroke)).size).toBe(1);
    expect(elbo[0]!.points.length).toBeGreaterThanOrEqual(STEPS / 10);
    // A score-function latent gets the Baselines chart, with its running baseline.
    const baselines = page.getByRole('figure', { name: /^Baselines chart/ });
    await baselines.waitFor();
    expect((await legend(page, 'Baselines')).map((e) => e.name)).toEqual(['Run 1 · baseline z']);
    await shot('02-run-1-score-function');
    await baselines.screenshot({ path: join(SHOTS, '02b-baselines-chart.png') });
  }, 120_000);

  it('shows the score-function settings in the inspector when the latent is selected', async () => {
    await nodeEl(page, 'z').click();
    await inspector(page).getByRole('heading', { name: 'z', exact: true }).waitFor();
    const estimator = inspector(page).getByLabel('Estimator', { exact: true });
    expect(await selectedOption(estimator)).toBe('Score function');
    const settings = await inspectorSettings(page);
    expect(settings).toEqual(expect.arrayContaining(['Estimator', 'Baseline', 'Baseline decay']));
    for (const hidden of ['Temperature', 'Minimum temperature', 'Temperature decay rate (per step)']) expect(settings, hidden).not.toContain(hidden);
    expect(await selectedOption(inspector(page).getByLabel('Baseline', { exact: true }))).toBe('Moving average');
    expect(await inspector(page).getByText('subtracted from the learning signal to lower the variance').isVisible()).toBe(true);
    await shot('03-inspector-score-function');
  }, 30_000);

  it('switches the latent to straight-through: temperature settings replace the baseline ones and the badge follows', async () => {
    const estimator = inspector(page).getByLabel('Estimator', { exact: true });
    await chooseOption(estimator, /^Straight[- ]through$/i);
    await until(async () => (await estimatorBadge(page, 'z')).text.startsWith('straight-through'), 'the badge says straight-through');
    expect(await selectedOption(estimator)).toMatch(/^Straight[- ]through$/i);

    const settings = await inspectorSettings(page);
    for (const gone of ['Baseline', 'Baseline decay']) expect(settings, gone).not.toContain(gone);
    expect(settings).toEqual(expect.arrayContaining(['Estimator', 'Temperature', 'Minimum temperature', 'Temperature decay rate (per step)']));
    expect(await inspector(page).getByText('subtracted from the learning signal').count()).toBe(0);
    expect(await inspector(page).getByLabel('Temperature', { exact: true }).inputValue()).toBe('1');
    expect(await inspector(page).getByLabel('Minimum temperature', { exact: true }).inputValue()).toBe('0.5');

    const badge = await estimatorBadge(page, 'z');
    expect(badge.text).toBe('straight-through τ=1');
    expect(badge.title).toMatch(/^Gradient estimator: straight-through .*temperature 1/);
    // Still a valid model, ready to train.
    expect(await page.getByText('No problems: the model is ready to train.').count()).toBe(1);
    await shot('04-inspector-straight-through');
  }, 30_000);

  it('trains a second run with straight-through, overlaid on the first in the Curves tab', async () => {
    await clickPane(page);
    await trainToEnd('Run 2');
    await dock(page).getByRole('tab', { name: 'Curves' }).click();

    // The ELBO chart draws four lines, each run in its colour: Run 1's train and held-out, then Run 2's
    // painted over them (the run shown lies on top); the legend lists the run shown first.
    await until(async () => (await chartLines(page, 'elbo')).length === 4, 'the ELBO chart draws both runs', 10_000);
    const entries = await legend(page, 'ELBO');
    expect(entries.map((e) => e.name)).toEqual(['Run 2 · train', 'Run 2 · held-out', 'Run 1 · train', 'Run 1 · held-out']);
    const colourOf = (name: string) => toHex(entries.find((e) => e.name === name)!.color);
    runColours = { 'Run 1': colourOf('Run 1 · train'), 'Run 2': colourOf('Run 2 · train') };
    expect(runColours['Run 1']).not.toBe(runColours['Run 2']);
    expect(colourOf('Run 1 · held-out')).toBe(runColours['Run 1']);
    expect(colourOf('Run 2 · held-out')).toBe(runColours['Run 2']);
    // Held-out lines are dashed, training lines solid.
    expect(entries.map((e) => e.dashed)).toEqual([false, true, false, true]);

    // Every 10 steps for training, every EVAL_EVERY held out; the final evaluation of Run 2 may be
    // drawn a moment after the run reports done (charts redraw at most twice a second).
    const expected = [STEPS / 10, STEPS / EVAL_EVERY, STEPS / 10, STEPS / EVAL_EVERY];
    await until(async () => JSON.stringify((await chartLines(page, 'elbo')).map((l) => l.points.length)) === JSON.stringify(expected), 'every point is drawn', 10_000);
    const lines = await chartLines(page, 'elbo');
    expect(lines.map((l) => toHex(l.stroke))).toEqual([runColours['Run 1'], runColours['Run 1'], runColours['Run 2'], runColours['Run 2']]);
    expect(lines.map((l) => l.points.length)).toEqual(expected);
    // Both ELBOs rose (SVG y grows downwards).
    for (const i of [0, 2]) expect(lines[i]!.points.at(-1)!.y).toBeLessThan(lines[i]!.points[0]!.y);

    // Only Run 1 trained with a score-function baseline: the Baselines chart has no Run 2 entry.
    expect((await legend(page, 'Baselines')).map((e) => e.name)).toEqual(['Run 1 · baseline z']);
    await shot('05-two-runs-overlaid');
    await dock(page).getByRole('figure', { name: /^ELBO chart/ }).screenshot({ path: join(SHOTS, '05b-elbo-chart.png') });
    await dock(page).getByRole('figure', { name: /^Baselines chart/ }).screenshot({ path: join(SHOTS, '05c-baselines-chart.png') });
  }, 120_000);

  it('lists both runs ticked in the Runs tab, in the colours of their lines; unticking Run 1 takes it off the chart', async () => {
    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    await until(async () => (await runRows(page)).length === 2, 'the history lists two runs');
    const rows = await runRows(page);
    expect(rows.map((r) => r.name)).toEqual(['Run 2', 'Run 1']);
    for (const r of rows) {
      expect(r.status, r.name).toBe('done');
      expect(r.ticked, r.name).toBe(true);
      expect(r.steps, r.name).toBe(`${STEPS} / ${STEPS}`);
      expect(r.color, `${r.name}'s swatch`).toBe(runColours[r.name]);
    }
    // The run shown cannot be unticked; the compared one can.
    expect(await dock(page).getByRole('checkbox', { name: 'Compare Run 2' }).isDisabled()).toBe(true);
    expect(await dock(page).getByRole('checkbox', { name: 'Compare Run 1' }).isDisabled()).toBe(false);
    await shot('06-runs-tab');

    await dock(page).getByRole('checkbox', { name: 'Compare Run 1' }).uncheck();
    await dock(page).getByRole('tab', { name: 'Curves' }).click();
    await until(async () => (await chartLines(page, 'elbo')).length === 2, 'only Run 2 is drawn');
    expect(new Set((await chartLines(page, 'elbo')).map((l) => toHex(l.stroke)))).toEqual(new Set([runColours['Run 2']]));
    expect((await legend(page, 'ELBO')).map((e) => e.name)).toEqual(['Run 2 · train', 'Run 2 · held-out']);
    await shot('07-run-1-unticked');

    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    await dock(page).getByRole('checkbox', { name: 'Compare Run 1' }).check();
    await dock(page).getByRole('tab', { name: 'Curves' }).click();
    await until(async () => (await chartLines(page, 'elbo')).length === 4, 'Run 1 is drawn again');
  }, 60_000);
});

describe('the page', () => {
  it('logged no error and threw nothing through all of it', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
