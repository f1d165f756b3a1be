/**
 * Reading the parts of the editor and the dock that an estimator comparison looks at: a template
 * opened from the start screen with every node in view, the inspector's settings, a latent's
 * estimator badge, a chart's legend and the run history with its compare ticks.
 */
import type { Locator, Page } from 'playwright-core';
import { nodeEl, until } from './editor-driver';
import { dock } from './train-driver';

/** The canvas nodes whose box is not wholly inside the canvas, or lies under the minimap or zoom controls. */
export async function nodesOutOfView(page: Page): Promise<string[]> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const covers = [await page.locator('.react-flow__minimap').boundingBox(), await page.locator('.react-flow__controls').boundingBox()].filter((b) => b !== null);
  const out: string[] = [];
  for (const node of await page.locator('.react-flow__node').all()) {
    const b = await node.boundingBox();
    const id = (await node.getAttribute('data-id')) ?? '?';
    if (!b) {
      out.push(id);
      continue;
    }
    const inside = b.x >= pane.x && b.y >= pane.y && b.x + b.width <= pane.x + pane.width && b.y + b.height <= pane.y + pane.height;
    const covered = covers.some((c) => b.x < c.x + c.width && b.x + b.width > c.x && b.y < c.y + c.height && b.y + b.height > c.y);
    if (!inside || covered) out.push(id);
  }
  return out;
}

/**
 * Opens a template from the start screen's gallery by (the start of) its title and waits until its
 * nodes are drawn. Returns the nodes that were out of view right after opening (see the report of
 * the first example opened after a page load not being fitted); clicks "Fit View" when there are
 * any, so every node can be clicked.
 */
export async function openTemplate(page: Page, title: RegExp | string, nodeCount: number): Promise<string[]> {
  await page.getByRole('list', { name: 'Templates' }).getByRole('button', { name: title }).click();
  await page.locator('.start').waitFor({ state: 'detached' });
  await until(async () => (await page.locator('.react-flow__node').count()) === nodeCount, `${nodeCount} nodes are drawn`);
  // Let React Flow measure the nodes and settle the viewport.
  await page.waitForTimeout(400);
  const outOfView = await nodesOutOfView(page);
  if (outOfView.length) {
    await page.getByRole('button', { name: 'Fit View' }).click();
    await until(async () => (await nodesOutOfView(page)).length === 0, 'every node is in view after Fit View', 3000);
  }
  return outOfView;
}

/** The inspector (right-hand panel). */
export const inspector = (page: Page): Locator => page.getByRole('complementary', { name: 'Inspector' });

/** The labels of the settings the inspector shows, in order ("Role", "Size", "Estimator", …). */
export async function inspectorSettings(page: Page): Promise<string[]> {
  return (await inspector(page).locator('label.field__label').allInnerTexts()).map((t) => t.trim());
}

/** The visible text of a select's chosen option. */
export async function selectedOption(select: Locator): Promise<string> {
  return (await select.locator('option:checked').innerText()).trim();
}

/** Chooses the option of a select whose visible text matches `label`. */
export async function chooseOption(select: Locator, label: RegExp): Promise<void> {
  const option = select.locator('option', { hasText: label });
  if ((await option.count()) !== 1) throw new Error(`no single option matching ${label}: ${(await select.locator('option').allInnerTexts()).join(', ')}`);
  await select.selectOption((await option.getAttribute('value'))!);
}

/** A latent's estimator badge on its node: the short text and the tooltip spelling it out. */
export async function estimatorBadge(page: Page, nodeId: string): Promise<{ text: string; title: string }> {
  const badge = nodeEl(page, nodeId).locator('.studio-node__estimator');
  return { text: (await badge.innerText()).trim(), title: (await badge.getAttribute('title')) ?? '' };
}

/** A legend entry under a chart: its name and colour. */
export interface LegendItem {
  readonly name: string;
  readonly color: string;
  readonly dashed: boolean;
}

/** The legend of a dock chart by its title ("ELBO", "Baselines", …). */
export async function legend(page: Page, title: string): Promise<LegendItem[]> {
  const items = dock(page).getByRole('list', { name: `${title} legend`, exact: true }).locator('[data-legend-item]');
  const out: LegendItem[] = [];
  for (const item of await items.all()) {
    out.push({ name: (await item.innerText()).trim(), color: (await item.getAttribute('data-color')) ?? '', dashed: ((await item.getAttribute('data-dash')) ?? '') !== '' });
  }
  return out;
}

/** One row of the run history (Runs tab). */
export interface RunRow {
  readonly name: string;
  readonly status: string;
  /** Whether its Compare box is ticked (the run shown is always ticked). */
  readonly ticked: boolean;
  /** Its colour on the charts, from the swatch beside the tick, as #rrggbb. */
  readonly color: string;
  readonly steps: string;
}

/** The run history as the Runs tab lists it (newest first); the Runs tab must be shown and the table still (rows are read one by one). */
export async function runRows(page: Page): Promise<RunRow[]> {
  const rows = dock(page).getByRole('table', { name: 'Run history' }).locator('tbody tr');
  const out: RunRow[] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allInnerTexts();
    const rgb = await row.locator('.runs__swatch').evaluate((el) => (el as unknown as { style: { background: string; backgroundColor: string } }).style.backgroundColor);
    out.push({
      name: (await row.getByRole('rowheader').innerText()).trim(),
      status: (cells[2] ?? '').trim(),
      ticked: await row.getByRole('checkbox').isChecked(),
      color: toHex(rgb),
      steps: (cells[3] ?? '').trim(),
    });
  }
  return out;
}

/** "rgb(0, 114, 178)" → "#0072b2"; anything else as it is, lower-cased. */
export function toHex(color: string): string {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color.trim());
  if (!m) return color.trim().toLowerCase();
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
}
