/**
 * Helpers for building a model by hand in the editor, as a user does: palette clicks, edges drawn
 * with the mouse between port handles, settings typed into the inspector. Nodes are found by the
 * name they show (a renamed node keeps its first id), and the page is read back as the graph it
 * shows (nodes, edges from their accessible names, problems), so a test can compare it with a file.
 */
import type { Locator, Page } from 'playwright-core';
import { getKind, type Graph } from '../../shared/graph/index';
import { until } from './editor-driver';

/** The canvas node that shows `name`. */
export function nodeNamed(page: Page, name: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.locator(`[data-node-name="${name}"]`) });
}

/** A port's handle on the node called `name`: outputs are sources, inputs targets. */
export function portOf(page: Page, name: string, port: string, direction: 'in' | 'out'): Locator {
  return nodeNamed(page, name).locator(`.react-flow__handle.${direction === 'out' ? 'source' : 'target'}[data-handleid="${port}"]`);
}

export const nodeCount = (page: Page) => page.locator('.react-flow__node').count();
export const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

/** Waits for the next animation frame twice: React has rendered what the last event changed. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { requestAnimationFrame(f: () => void): void };
    return new Promise<void>((r) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => r())));
  });
}

async function centreOf(l: Locator): Promise<{ x: number; y: number }> {
  await l.waitFor({ state: 'visible' });
  const b = await l.boundingBox();
  if (!b) throw new Error('element is not visible');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Presses the mouse on the output handle, moves (in small steps, as a hand does) onto the input
 * handle and returns the function that releases it: the test can look at the page mid-drag.
 * With `fromInput` the hand goes the other way, from the input to the output (React Flow and the
 * editor accept both; the edge still runs from the output to the input).
 */
export async function dragEdge(page: Page, from: [string, string], to: [string, string], options: { fromInput?: boolean } = {}): Promise<() => Promise<void>> {
  const output = portOf(page, from[0], from[1], 'out');
  const input = portOf(page, to[0], to[1], 'in');
  const [start, end] = options.fromInput ? [input, output] : [output, input];
  const a = await centreOf(start);
  const b = await centreOf(end);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + (b.x > a.x ? 12 : -12), a.y + 4, { steps: 3 });
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  return async () => {
    await page.mouse.up();
    await settle(page);
  };
}

/** Draws an edge between two ports and waits until it is on the canvas (labelled by its ports). */
export async function connectPorts(page: Page, from: [string, string], to: [string, string], options: { fromInput?: boolean } = {}): Promise<void> {
  const before = await edgeCount(page);
  const release = await dragEdge(page, from, to, options);
  await release();
  const label = `edge from ${from[1]} of ${from[0]} to ${to[1]} of ${to[0]}`;
  await until(async () => (await edgeCount(page)) === before + 1 && (await page.locator(`.react-flow__edge[aria-label^="${label}"]`).count()) === 1, `the ${label} is drawn`);
}

/** Clicks a palette button (by its accessible name); returns the id and the name of the node it added. */
export async function addFromPalette(page: Page, kindName: string): Promise<{ id: string; name: string }> {
  const ids = async () => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-id') ?? ''));
  const before = new Set(await ids());
  await page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name: kindName, exact: true }).click();
  let added: string | undefined;
  await until(async () => {
    added = (await ids()).find((id) => !before.has(id));
    return added !== undefined;
  }, `a ${kindName} node appears`);
  const name = await page.locator(`.react-flow__node[data-id="${added}"] .studio-node`).getAttribute('data-node-name');
  return { id: added!, name: name ?? '' };
}

/** The inspector's title (the selected node's name). */
export function inspectorTitle(page: Page): Locator {
  return page.locator('#inspector-title');
}

/** Selects the node called `name` by clicking its header, and waits for the inspector to show it. */
export async function selectNode(page: Page, name: string): Promise<void> {
  await nodeNamed(page, name).locator('.studio-node__header').click();
  await until(async () => (await inspectorTitle(page).innerText()) === name, `the inspector shows ${name}`);
}

/** Renames the node the inspector shows, through its Name field (committed with Enter). */
export async function renameSelected(page: Page, name: string): Promise<void> {
  const field = page.getByLabel('Name', { exact: true });
  await field.fill(name);
  await field.press('Enter');
  await until(async () => (await inspectorTitle(page).innerText()) === name && (await nodeNamed(page, name).count()) === 1, `the node is renamed ${name}`);
}

/** The messages of the Problems list, errors first (empty when the panel says there are none). */
export async function problemMessages(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Problems' }).locator('.problem__message').allInnerTexts();
}

/** The error and warning counts in the Problems panel's header. */
export async function problemCounts(page: Page): Promise<{ errors: number; warnings: number }> {
  const read = async (cls: string) => Number(/(\d+)/.exec(await page.locator(`.problems__counts .count--${cls}`).innerText())?.[1] ?? NaN);
  return { errors: await read('error'), warnings: await read('warning') };
}

/** Waits until the Problems list holds a message containing `text`. */
export async function waitForProblem(page: Page, text: string): Promise<void> {
  await until(async () => (await problemMessages(page)).some((m) => m.includes(text)), `the Problems list says “${text}”`);
}

/** Waits until the Problems list no longer holds a message containing `text`. */
export async function waitForNoProblem(page: Page, text: string): Promise<void> {
  await until(async () => !(await problemMessages(page)).some((m) => m.includes(text)), `the Problems list no longer says “${text}”`);
}

/** What the canvas shows, in words: each node's name, kind and summary, and each edge by its ports. */
export interface ShownGraph {
  readonly nodes: string[];
  readonly edges: string[];
}

/** Reads the canvas: nodes as "name (kind): summary", edges as "source.port -> target.port [shape]", both sorted. */
export async function shownGraph(page: Page): Promise<ShownGraph> {
  const nodes = await page.locator('.react-flow__node .studio-node').evaluateAll((els) =>
    els.map((e) => {
      const node = e as unknown as { querySelector(s: string): { textContent: string | null } | null };
      const text = (sel: string) => (node.querySelector(sel)?.textContent ?? '').trim();
      return `${text('.studio-node__name')} (${text('.studio-node__kind')}): ${text('.studio-node__summary')}`;
    }),
  );
  const labels = await page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? ''));
  const edges = labels.map((l) => {
    const m = /^edge from (\S+) of (\S+) to (\S+) of (\S+?)(?:, (.*))?$/.exec(l);
    return m ? `${m[2]}.${m[1]} -> ${m[4]}.${m[3]}${m[5] ? ` ${m[5]}` : ''}` : `? ${l}`;
  });
  return { nodes: nodes.sort(), edges: edges.sort() };
}

/**
 * A graph with its ids replaced by names: nodes as kind, name and params (the kind's defaults
 * filled in, so `{ role: 'posterior' }` equals the same node with its defaults written out), and
 * edges as "source.port -> target.port", sorted.
 */
export function graphModuloIds(graph: Graph): { nodes: { kind: string; name: string; params: unknown }[]; edges: string[] } {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const nodes = graph.nodes
    .map((n) => {
      const kind = getKind(n.kind);
      if (!kind) throw new Error(`unknown kind ${n.kind}`);
      return { kind: n.kind, name: n.name, params: kind.params.parse(n.params) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const edges = graph.edges.map((e) => `${names.get(e.source.node)}.${e.source.port} -> ${names.get(e.target.node)}.${e.target.port}`).sort();
  return { nodes, edges };
}
