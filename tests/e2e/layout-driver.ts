/**
 * Boxes of the window's parts for the layout test: the canvas, the minimap, nodes, and whether
 * two boxes overlap or one lies inside another.
 */
import type { Locator, Page } from 'playwright-core';

/** A box in CSS pixels of the page (Playwright's boundingBox). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The box of an element that must be on the page. */
export async function boxOf(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error(`${String(l)} is not visible`);
  return b;
}

/** Whether two boxes overlap by more than a pixel (edges that meet at a fraction of a pixel do not count). */
export function intersects(a: Box, b: Box): boolean {
  const e = 1;
  return a.x < b.x + b.width - e && a.x + a.width > b.x + e && a.y < b.y + b.height - e && a.y + a.height > b.y + e;
}

/** Whether `inner` lies wholly inside `outer` (half a pixel of rounding allowed). */
export function inside(inner: Box, outer: Box): boolean {
  const e = 0.5;
  return inner.x >= outer.x - e && inner.y >= outer.y - e && inner.x + inner.width <= outer.x + outer.width + e && inner.y + inner.height <= outer.y + outer.height + e;
}

/** Every canvas node's id and box. */
export async function nodeBoxes(page: Page): Promise<{ id: string; box: Box }[]> {
  const out: { id: string; box: Box }[] = [];
  for (const node of await page.locator('.react-flow__node').all()) out.push({ id: (await node.getAttribute('data-id')) ?? '?', box: await boxOf(node) });
  return out;
}

/** The nodes not wholly inside the canvas's pane. */
export async function nodesOutsidePane(page: Page): Promise<string[]> {
  const pane = await boxOf(page.locator('.react-flow__pane'));
  return (await nodeBoxes(page)).filter((n) => !inside(n.box, pane)).map((n) => n.id);
}

/** The least height the canvas keeps in a window `height` pixels high: 40% and 240 px. */
export const canvasMinimum = (height: number): number => Math.max(240, 0.4 * height);

/** The model canvas (the region around React Flow). */
export const canvas = (page: Page): Locator => page.getByRole('region', { name: 'Model canvas' });
