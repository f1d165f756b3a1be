/**
 * Small helpers over a Playwright page of the editor: find nodes, ports and controls by what a
 * user sees, drag edges, and reset to an empty document between tests.
 */
import type { Locator, Page } from 'playwright-core';

/** The canvas node whose id is `id` (new nodes get their name as id). */
export function nodeEl(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** A port's handle: outputs are sources, inputs targets. */
export function handle(page: Page, node: string, port: string, direction: 'in' | 'out'): Locator {
  return nodeEl(page, node).locator(`.react-flow__handle.${direction === 'out' ? 'source' : 'target'}[data-handleid="${port}"]`);
}

async function centreOf(l: Locator): Promise<{ x: number; y: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element is not visible');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Presses the mouse on `from`, moves onto `to` and returns a function that releases it. */
export async function startEdgeDrag(page: Page, from: Locator, to: Locator): Promise<() => Promise<void>> {
  const a = await centreOf(from);
  const b = await centreOf(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  return async () => {
    await page.mouse.up();
  };
}

/** Draws an edge from an output to an input. */
export async function connect(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  const release = await startEdgeDrag(page, handle(page, from[0], from[1], 'out'), handle(page, to[0], to[1], 'in'));
  await release();
}

/** The "Untitled ●"-style file label of the top bar. */
export function fileLabel(page: Page): Locator {
  return page.getByTestId('file-name');
}

/** Whether the top bar shows the unsaved-changes dot. */
export async function isDirty(page: Page): Promise<boolean> {
  return (await page.getByRole('img', { name: 'unsaved changes' }).count()) > 0;
}

/** Starts a new, empty document (discarding changes) and dismisses the start screen. */
export async function resetToEmpty(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const dontSave = page.getByRole('button', { name: "Don't save" });
  if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
  await page.getByRole('button', { name: 'Empty canvas' }).click();
  await page.locator('.start').waitFor({ state: 'detached' });
}

/** Clicks on an empty part of the canvas (clears the selection). */
export async function clickPane(page: Page): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const b = (await pane.boundingBox())!;
  await page.mouse.click(b.x + 30, b.y + 30);
}

/** Waits until `check` holds (polling), else fails with `what`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** "Mod" of the shortcuts on this machine's browser (the tests run on Linux: Control). */
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';
