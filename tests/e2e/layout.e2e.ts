import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEl, until } from './editor-driver';
import { boxOf, canvas, canvasMinimum, inside, intersects, nodeBoxes, nodesOutsidePane } from './layout-driver';
import { chartLines, dock, setTraining, trainButton, waitForStatus } from './train-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * The page layout at 1024×700 and 1440×900 (issue 10), by the boxes of what is drawn: the canvas
 * keeps its share beside the dock and the Problems list, the minimap covers no node, the side
 * panels fold and stay folded, the start screen's cards and buttons are clear of the dock and the
 * zoom controls, the view follows undo and redo, the run history's actions are in view, the charts'
 * legends are whole, and an export with the dock folded still has its charts. One app, resized
 * between the two sizes. Screenshots land in LAYOUT_SHOTS or test-artifacts/e2e/layout/.
 */
const SHOTS = process.env.LAYOUT_SHOTS ?? join(ARTIFACTS, 'layout');
const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1440, height: 900 };
let app: WebApp;
let page: Page;
let bundle = '';

const shot = async (name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};
const VAE = 'Variational autoencoder on MNIST';

async function openVae(): Promise<void> {
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: VAE }).click();
  await page.locator('.start').waitFor({ state: 'detached' });
  await until(async () => (await page.locator('.react-flow__node').count()) === 6, 'the six nodes are drawn');
  // Let React Flow measure the nodes and settle the view.
  await page.waitForTimeout(500);
}

/** The nodes the minimap covers. */
async function nodesUnderMinimap(): Promise<string[]> {
  const minimap = await boxOf(page.locator('.react-flow__minimap'));
  return (await nodeBoxes(page)).filter((n) => intersects(n.box, minimap)).map((n) => n.id);
}

/** Chart legend entries cut by their chart's card, as "chart: entry". */
async function cutLegendEntries(): Promise<string[]> {
  const cut: string[] = [];
  for (const figure of await dock(page).locator('figure[data-chart-name]').all()) {
    const card = await boxOf(figure);
    for (const item of await figure.locator('[data-legend-item]').all()) {
      const b = await boxOf(item);
      if (!inside(b, card)) cut.push(`${await figure.getAttribute('data-chart-name')}: ${(await item.innerText()).trim()}`);
    }
  }
  return cut;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startOnStartScreen(SHOTS);
  page = app.page;
  await page.setViewportSize(SMALL);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('at 1024×700', () => {
  it('keeps "Open a file…" clear of the zoom controls on the start screen', async () => {
    await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: VAE }).waitFor();
    await shot('1024-01-start-screen');
    const open = page.getByRole('button', { name: 'Open a file…' });
    await open.scrollIntoViewIfNeeded();
    const controls = page.locator('.react-flow__controls');
    if ((await controls.count()) > 0 && (await controls.isVisible())) {
      expect(intersects(await boxOf(open), await boxOf(controls)), '"Open a file…" overlaps the zoom controls').toBe(false);
    }
  });

  it('fits a template in view when it opens, with no node under the minimap', async () => {
    await openVae();
    expect(await nodesOutsidePane(page)).toEqual([]);
    expect(await nodesUnderMinimap()).toEqual([]);
    await shot('1024-02-vae-template');
  });

  it('folds the palette and the inspector to rails that widen the canvas, and remembers it after a reload', async () => {
    const before = await boxOf(canvas(page));
    const fold = async (name: string) => {
      const button = page.getByRole('button', { name: `Collapse the ${name}` });
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      // Keyboard: focus and Enter.
      await button.focus();
      await page.keyboard.press('Enter');
      expect(await page.getByRole('button', { name: `Expand the ${name}` }).getAttribute('aria-expanded')).toBe('false');
    };
    await fold('palette');
    await fold('inspector');
    await page.waitForTimeout(200);
    const folded = await boxOf(canvas(page));
    expect(folded.width).toBeGreaterThan(before.width + 400);
    expect(await page.getByRole('navigation', { name: 'Node palette' }).count()).toBe(0);
    await shot('1024-03-panels-folded');

    await app.reload();
    page = app.page;
    await page.setViewportSize(SMALL);
    await page.getByRole('heading', { name: 'Start a model' }).waitFor();
    expect(await page.getByRole('button', { name: 'Expand the palette' }).getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'Expand the inspector' }).getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('button', { name: 'Expand the palette' }).click();
    await page.getByRole('button', { name: 'Expand the inspector' }).click();
    await page.getByRole('navigation', { name: 'Node palette' }).waitFor();
    expect((await boxOf(canvas(page))).width).toBeCloseTo(before.width, 0);
  });

  it('hides the minimap with a toggle, remembered after a reload', async () => {
    await openVae();
    await page.getByRole('button', { name: 'Hide the overview map' }).click();
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await app.reload();
    page = app.page;
    await page.setViewportSize(SMALL);
    await openVae();
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show the overview map' }).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Show the overview map' }).click();
    await page.locator('.react-flow__minimap').waitFor();
  });

  it('brings the nodes back into view after an edit, undo and redo', async () => {
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(600);
    // Zoomed in on a corner: the layout's undo and redo move nodes out of this view.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.waitForTimeout(300);
    expect((await nodesOutsidePane(page)).length, 'the zoomed view leaves nodes out').toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForTimeout(500);
    expect(await nodesOutsidePane(page), 'after undo').toEqual([]);
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.waitForTimeout(500);
    expect(await nodesOutsidePane(page), 'after redo').toEqual([]);
  });

  it('keeps the canvas 40% of the window high with the dock and a long Problems list open', async () => {
    await setTraining(page, { steps: 300, evalEvery: 100 });
    await trainButton(page).click();
    await dock(page).waitFor();
    await until(async () => ((await chartLines(page, 'elbo'))[0]?.points.length ?? 0) >= 3, 'the ELBO chart has 3 points', 120_000);
    // The dock took room from the canvas: the graph is still clear of the minimap.
    expect(await nodesUnderMinimap(), 'nodes under the minimap with the dock open').toEqual([]);
    await shot('1024-04-training-dock');
    // The dock dragged as high as it goes.
    const separator = page.getByRole('separator', { name: 'Resize the training panel' });
    await separator.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowUp');
    // Problems: nodes that are not wired in.
    for (const name of ['Normal', 'Bernoulli', 'MLP', 'Categorical']) await page.getByRole('button', { name, exact: true }).click();
    await until(async () => (await page.getByRole('list', { name: 'Problems' }).locator('li').count()) >= 4, 'problems are listed');
    const problems = page.getByRole('list', { name: 'Problems' }).locator('..');
    expect(await problems.getByRole('button', { name: 'Problems' }).getAttribute('aria-expanded')).toBe('true');
    const box = await boxOf(canvas(page));
    expect(box.height).toBeGreaterThanOrEqual(canvasMinimum(SMALL.height) - 1);
    // The dock and the list share the rest, each still showing its header.
    expect(inside(await boxOf(dock(page)), { x: 0, y: 0, ...SMALL })).toBe(true);
    await shot('1024-05-dock-and-problems');
    // Back to the template as it was.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Undo' }).click();
  }, 300_000);

  it('exports the charts as PNG with the dock folded', async () => {
    await waitForStatus(page, 'done', 180_000);
    await dock(page).getByRole('button', { name: 'Training', exact: true }).click();
    expect(await dock(page).locator('figure[data-chart-name]').count()).toBe(0);
    await dock(page).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Run 1' });
    expect(await dialog.getByRole('checkbox', { name: /^Charts as PNG/ }).isChecked()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    bundle = join(app.projectDir, download.suggestedFilename());
    await download.saveAs(bundle);
    const names = Object.keys(unzipSync(new Uint8Array(readFileSync(bundle))));
    expect(names).toContain('charts/elbo.png');
    const png = unzipSync(new Uint8Array(readFileSync(bundle)))['charts/elbo.png']!;
    // A PNG, of a chart's size (not an empty canvas).
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  }, 240_000);

  it('keeps the start screen\'s templates clear of the dock', async () => {
    // The dock as training leaves it: open.
    const toggle = dock(page).getByRole('button', { name: 'Training', exact: true });
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dontSave = page.getByRole('button', { name: "Don't save" });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    await page.getByRole('heading', { name: 'Start a model' }).waitFor();
    await page.waitForTimeout(300);
    await shot('1024-06-start-screen-with-runs');
    const start = await boxOf(page.locator('.start'));
    const dockBox = await boxOf(dock(page));
    const cards = await page.getByRole('list', { name: 'Templates' }).getByRole('button').all();
    expect(cards.length).toBeGreaterThanOrEqual(7);
    for (const card of cards) {
      // Scrolled as little as shows it whole (if it can be shown whole); the box is not clipped.
      await card.evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'nearest' }));
      const b = await boxOf(card);
      const name = (await card.innerText()).split('\n')[0];
      expect(inside(b, start), `${name} is wholly on the start screen`).toBe(true);
      expect(intersects(b, dockBox), `${name} is clear of the dock`).toBe(false);
    }
    const open = page.getByRole('button', { name: 'Open a file…' });
    await open.scrollIntoViewIfNeeded();
    expect(inside(await boxOf(open), start)).toBe(true);
  });
});

describe('at 1440×900', () => {
  it('shows the start screen, the template clear of the minimap and the dock during a run', async () => {
    await page.setViewportSize(LARGE);
    await page.waitForTimeout(300);
    await shot('1440-01-start-screen');
    await openVae();
    // Soft: the run below is needed by the checks after this one either way.
    expect.soft(await nodesOutsidePane(page), 'nodes out of the canvas').toEqual([]);
    expect.soft(await nodesUnderMinimap(), 'nodes under the minimap').toEqual([]);
    await shot('1440-02-vae-template');
    // A second run overlaid on the first: the legends hold both.
    await setTraining(page, { steps: 200, evalEvery: 100, learningRate: 0.003 });
    await trainButton(page).click();
    await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()) === 'Run 2', 'Run 2 is shown', 30_000);
    await until(async () => (await chartLines(page, 'elbo')).filter((l) => l.points.length >= 3).length >= 2, 'both runs are drawn', 120_000);
    await shot('1440-03-training-dock');
    expect(await cutLegendEntries()).toEqual([]);
    const box = await boxOf(canvas(page));
    expect(box.height).toBeGreaterThanOrEqual(canvasMinimum(LARGE.height) - 1);
    await waitForStatus(page, 'done', 180_000);
  }, 300_000);

  it('has every run\'s actions in view in the run history, without hiding a column', async () => {
    // Two more runs, imported from the bundle exported above.
    const table = dock(page).getByRole('table', { name: 'Run history' });
    for (const n of [3, 4]) {
      await dock(page).getByRole('tab', { name: /^Runs/ }).click();
      await page.getByLabel('Import a run bundle (.zip)').setInputFiles(bundle);
      await until(async () => (await dock(page).getByTestId('dock-run-name').innerText()).endsWith('(imported)') && (await dock(page).locator('.dock__count').innerText()) === String(n), `run ${n} is imported`, 30_000);
    }
    await dock(page).getByRole('tab', { name: /^Runs/ }).click();
    expect(await table.locator('tbody tr').count()).toBe(4);
    await shot('1440-04-run-history');
    const viewport = { x: 0, y: 0, ...LARGE };
    const dockBox = await boxOf(dock(page));
    for (const button of await table.locator('.runs__actions button').all()) {
      // Rows below the panel's fold are scrolled to (vertically); nothing should need a sideways scroll.
      await button.evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'nearest', inline: 'nearest' }));
      const b = await boxOf(button);
      const label = await button.getAttribute('aria-label');
      expect(inside(b, viewport), `${label} is in the window`).toBe(true);
      expect(inside(b, dockBox), `${label} is in the dock`).toBe(true);
    }
    // Nothing slides under the actions: the table fits its panel.
    const widths = await table.evaluate((t) => {
      const el = t as unknown as { scrollWidth: number; parentElement: { clientWidth: number } };
      return { table: el.scrollWidth, panel: el.parentElement.clientWidth };
    });
    expect(widths.table).toBeLessThanOrEqual(widths.panel);
  }, 120_000);

  it('keeps the charts\' legends whole with two runs at both sizes', async () => {
    await dock(page).getByRole('button', { name: 'Run 2', exact: true }).click();
    await dock(page).getByRole('tab', { name: 'Curves' }).click();
    await until(async () => (await chartLines(page, 'elbo')).length >= 2, 'the curves are drawn');
    expect(await cutLegendEntries(), 'at 1440').toEqual([]);
    await page.setViewportSize(SMALL);
    await page.waitForTimeout(500);
    expect(await cutLegendEntries(), 'at 1024').toEqual([]);
    await shot('1024-07-two-runs-curves');
    await page.setViewportSize(LARGE);
  });

  it('logged no error and threw nothing', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
