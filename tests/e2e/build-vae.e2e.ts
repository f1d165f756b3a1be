import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../shared/graph/index';
import { clickPane, fileLabel, isDirty, MOD, until } from './editor-driver';
import {
  addFromPalette,
  connectPorts,
  dragEdge,
  edgeCount,
  graphModuloIds,
  nodeCount,
  nodeNamed,
  portOf,
  problemCounts,
  problemMessages,
  renameSelected,
  selectNode,
  settle,
  shownGraph,
  waitForNoProblem,
  waitForProblem,
  type ShownGraph,
} from './vae-builder';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * One user, one session: the VAE of assets/examples/vae-mnist.json built by hand from an empty
 * canvas (palette clicks, edges dragged between ports, settings typed into the inspector), its
 * problems read while it is half built, then saved, undone to nothing and redone, opened again from
 * the project folder, and a bad edge refused with its reason. Screenshots of each stage go to
 * test-artifacts/e2e/build-vae/.
 *
 * Opening a file starts a fresh undo history (as it should), so the undo/redo round trip runs on
 * the session that built the model, after saving and before the file is opened again; the
 * screenshots keep the names of the stages they show (04-reopened is taken after 06-redone).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = join(root, 'assets', 'examples', 'vae-mnist.json');
const SHOTS = join(ARTIFACTS, 'build-vae');
const FILE = 'built-vae.json';

let app: WebApp;
let page: Page;

const shot = async (name: string) => {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

const button = (name: string) => page.getByRole('button', { name, exact: true });

/**
 * APP BUG worked around: React Flow measures a node's handles when the node mounts or changes size,
 * and the editor does not tell it when a node's ports change (no updateNodeInternals). A head
 * renamed without the node changing size (encoder's new row 'head2' → 'scale', decoder's 'out' →
 * 'logits') keeps its old id in React Flow's handle bounds, so a drag pressed on the renamed output
 * does not start at all (nothing happens, no message). Dropping onto such a port works (React Flow
 * reads the handle under the pointer from the DOM), so those two edges are drawn from their input
 * end, which a user can also do. With the bug fixed this still works.
 */
const RENAMED_PORT = { fromInput: true } as const;

const NO_PROBLEMS = 'No problems: the model is ready to train.';

/** Where the nodes and the view are (their CSS transforms). */
const transforms = () =>
  page.locator('.react-flow__viewport, .react-flow__node').evaluateAll((els) => els.map((e) => (e as unknown as { style: { transform: string } }).style.transform).join(';'));

/** Waits until nothing on the canvas has moved for a few polls (auto-layout and fitting the view are animated). */
async function waitForStillCanvas(): Promise<void> {
  let last = '';
  let same = 0;
  await until(async () => {
    const now = await transforms();
    same = now === last ? same + 1 : 0;
    last = now;
    return same >= 4;
  }, 'the canvas stops moving', 10_000);
}

/** The page reads "no problems": the panel's sentence, zero counts, and the status line. */
async function expectNoProblems(): Promise<void> {
  await page.getByText(NO_PROBLEMS).waitFor();
  expect(await problemCounts(page)).toEqual({ errors: 0, warnings: 0 });
  expect(await problemMessages(page)).toEqual([]);
  expect(await page.locator('.statusline__ok').innerText()).toBe('ready to train');
}

/** Edges of a shown graph without their shape labels ("mnist.x -> encoder.in"). */
const edgesOnly = (g: ShownGraph) => g.edges.map((e) => e.replace(/ \[.*$| class of .*$/, '')).sort();

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('building the MNIST VAE by hand', () => {
  it('builds it from an empty canvas, saves, undoes to nothing, redoes, reopens it and refuses a bad edge', async () => {
    try {
      await scenario();
    } catch (e) {
      await page.screenshot({ path: join(SHOTS, 'failure.png') }).catch(() => undefined);
      throw e;
    }
  }, 180_000);
});

/** The user's session, stage by stage. */
async function scenario(): Promise<void> {
  const example = parseGraphFile(readFileSync(EXAMPLE, 'utf8'));
  const expected = graphModuloIds(example.graph);

  // 1. An empty canvas from the start screen.
  await page.getByRole('button', { name: 'Empty canvas' }).click();
  await page.locator('.start').waitFor({ state: 'detached' });
  expect(await nodeCount(page)).toBe(0);
  expect(await button('Undo').isDisabled()).toBe(true);
  await page.getByText('Nothing to check yet: add nodes from the palette.').waitFor();
  await shot('01-empty');

  // 2. The encoder side: data, an MLP with heads loc (linear) and scale (softplus), q_z.
  expect(await addFromPalette(page, 'MNIST')).toEqual({ id: 'mnist', name: 'mnist' }); // the default name is the example's
  await selectNode(page, 'mnist');
  expect(await page.getByLabel('Pixels').inputValue()).toBe('binarized');

  expect(await addFromPalette(page, 'MLP')).toEqual({ id: 'encoder', name: 'encoder' }); // the first network is called encoder
  await selectNode(page, 'encoder');
  const hidden = page.getByLabel('Hidden sizes 1');
  await hidden.fill('400'); // already the default: one hidden layer of 400
  expect(await page.getByLabel(/^Hidden sizes \d+$/).count()).toBe(1);
  expect(await hidden.inputValue()).toBe('400');
  expect(await page.getByLabel('Hidden activation').inputValue()).toBe('relu');
  await page.getByLabel('head 1 name').fill('loc');
  await page.getByLabel('head 1 size').fill('20');
  expect(await page.getByLabel('head 1 activation').inputValue()).toBe('linear');
  await page.getByRole('button', { name: 'Add head' }).click();
  await page.getByLabel('head 2 name').fill('scale');
  await page.getByLabel('head 2 size').fill('20');
  await page.getByLabel('head 2 activation').selectOption('softplus');
  await until(async () => (await nodeNamed(page, 'encoder').innerText()).includes('MLP ?→400→{loc 20, scale 20}'), 'the encoder shows its two heads');
  await connectPorts(page, ['mnist', 'x'], ['encoder', 'in']);
  await until(async () => (await nodeNamed(page, 'encoder').innerText()).includes('MLP 784→400→{loc 20, scale 20}'), 'the encoder reads 784 inputs');

  // The latent z: the default name fits; 20 dimensions, the reparameterisation estimator.
  expect(await addFromPalette(page, 'Normal')).toEqual({ id: 'z', name: 'z' }); // a latent is called z
  await selectNode(page, 'z');
  expect(await page.getByLabel('Role').inputValue()).toBe('latent');
  await page.getByLabel('Size', { exact: true }).fill('20');
  await page.getByLabel('Estimator').selectOption('reparameterisation');
  await until(async () => (await nodeNamed(page, 'z').innerText()).includes('Normal [20], latent'), 'z shows its size');

  // A second Normal is called z_2 by default: rename it q_z and make it the posterior.
  expect(await addFromPalette(page, 'Normal')).toEqual({ id: 'z_2', name: 'z_2' });
  await selectNode(page, 'z_2');
  await renameSelected(page, 'q_z');
  await page.getByLabel('Role').selectOption('posterior');
  await until(async () => (await nodeNamed(page, 'q_z').innerText()).includes('Normal, approximate posterior'), 'q_z is a posterior');
  await connectPorts(page, ['encoder', 'loc'], ['q_z', 'loc']);
  // Drawn from the input end: see RENAMED_PORT.
  await connectPorts(page, ['encoder', 'scale'], ['q_z', 'scale'], RENAMED_PORT);

  // The decoder side: its head renamed logits but left at the default size for now.
  expect(await addFromPalette(page, 'MLP')).toEqual({ id: 'decoder', name: 'decoder' }); // the second network is called decoder
  await selectNode(page, 'decoder');
  expect(await page.getByLabel('Hidden sizes 1').inputValue()).toBe('400');
  expect(await page.getByLabel('Hidden activation').inputValue()).toBe('relu');
  expect(await page.getByLabel('head 1 size').inputValue()).toBe('10');
  await page.getByLabel('head 1 name').fill('logits');
  await portOf(page, 'decoder', 'logits', 'out').waitFor();
  await connectPorts(page, ['z', 'sample'], ['decoder', 'in']);

  // A Bernoulli starts as a latent, named z_2 (free again since the rename) with id z_3: rename it x, make it observed.
  expect(await addFromPalette(page, 'Bernoulli')).toEqual({ id: 'z_3', name: 'z_2' });
  await selectNode(page, 'z_2');
  await renameSelected(page, 'x');
  await page.getByLabel('Role').selectOption('observed');
  await until(async () => (await nodeNamed(page, 'x').innerText()).includes('Bernoulli, observed'), 'x is observed');
  await connectPorts(page, ['mnist', 'x'], ['x', 'value']);
  await connectPorts(page, ['decoder', 'logits'], ['x', 'logits'], RENAMED_PORT);

  // 3. Half built: z has no posterior yet, q_z is unused, and the decoder gives 10 logits for 784 pixels.
  const sizeMismatch = "Bernoulli x needs logits of size 784; head 'logits' of decoder gives 10";
  await waitForProblem(page, sizeMismatch);
  expect((await problemMessages(page)).sort()).toEqual(
    [
      'latent z has no approximate posterior',
      "approximate posterior q_z is not used by any latent: connect its 'q' to a latent's 'posterior' port",
      sizeMismatch,
    ].sort(),
  );
  expect(await problemCounts(page)).toEqual({ errors: 3, warnings: 0 });
  expect(await nodeNamed(page, 'x').locator('.port--error[data-port="logits"]').count()).toBe(1);
  expect(await nodeNamed(page, 'z').locator('.port--error[data-port="posterior"]').count()).toBe(1);
  expect(await page.locator('.edge-label--error').allInnerTexts()).toEqual(['! [10]']);
  expect(await page.locator('.statusline__right').innerText()).toContain('6 nodes · 6 edges · 3 errors, 0 warnings');
  await clickPane(page);
  await shot('02-half-built');

  // Finish: 784 logits, then q_z as z's posterior.
  await selectNode(page, 'decoder');
  await page.getByLabel('head 1 size').fill('784');
  await waitForNoProblem(page, sizeMismatch);
  await connectPorts(page, ['q_z', 'q'], ['z', 'posterior']);
  await expectNoProblems();
  expect(await nodeCount(page)).toBe(6);
  expect(await edgeCount(page)).toBe(7);
  const built = await shownGraph(page);
  expect(edgesOnly(built)).toEqual(expected.edges);
  expect(built.nodes).toEqual(
    [
      'decoder (MLP): MLP 20→400→784',
      'encoder (MLP): MLP 784→400→{loc 20, scale 20}',
      'mnist (MNIST): MNIST binarized, 60000 train / 10,000 test',
      'q_z (Normal): Normal, approximate posterior',
      'x (Bernoulli): Bernoulli, observed',
      'z (Normal): Normal [20], latent',
    ],
  );
  // Laid out left to right, as a user tidies up before saving.
  const before = await transforms();
  await button('Auto-layout').click();
  await until(async () => (await transforms()) !== before, 'the nodes move', 10_000);
  await waitForStillCanvas();
  await clickPane(page);
  await expectNoProblems();
  await shot('03-finished');

  // 4a. Save As → file name → written in the project folder, equal to the example modulo ids.
  await button('Save As').click();
  const saveAs = page.getByRole('dialog', { name: 'Save as' });
  await saveAs.getByLabel('File name').fill('built-vae');
  await saveAs.getByRole('button', { name: 'Save' }).click();
  await saveAs.waitFor({ state: 'detached' });
  const path = join(app.projectDir, FILE);
  await until(async () => existsSync(path), 'the file is written');
  await until(async () => (await fileLabel(page).innerText()) === FILE && !(await isDirty(page)), 'the top bar shows the file, saved');
  const saved = parseGraphFile(readFileSync(path, 'utf8'));
  expect(graphModuloIds(saved.graph)).toEqual(expected);
  expect(saved.graph.nodes.map((n) => n.id).sort()).toEqual(['decoder', 'encoder', 'mnist', 'z', 'z_2', 'z_3']); // ids stay as created
  expect(Object.keys(saved.layout.nodes).sort()).toEqual(saved.graph.nodes.map((n) => n.id).sort());

  // 5. Undo with the button back to the empty canvas, then redo with the keyboard to the model.
  const undo = button('Undo');
  const redo = button('Redo');
  let steps = 0;
  while (await undo.isEnabled()) {
    await undo.click();
    await settle(page);
    if (++steps > 200) throw new Error('Undo never runs out');
  }
  expect(steps).toBeGreaterThanOrEqual(6 + 7); // at least every node and edge
  expect(await nodeCount(page)).toBe(0);
  expect(await edgeCount(page)).toBe(0);
  await page.getByText('Nothing to check yet: add nodes from the palette.').waitFor();
  expect(await isDirty(page)).toBe(true);
  expect(await redo.isEnabled()).toBe(true);
  await shot('05-undone-to-empty');

  await clickPane(page);
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press(`${MOD}+Shift+z`);
    await settle(page);
  }
  await until(async () => await redo.isDisabled(), 'everything is redone');
  expect(await nodeCount(page)).toBe(6);
  expect(await edgeCount(page)).toBe(7);
  await expectNoProblems();
  expect(await shownGraph(page)).toEqual(built);
  expect(await isDirty(page)).toBe(false); // the document is the saved one again
  // Redo does not bring the view along (the first redo fits the view to mnist alone, the redone
  // Auto-layout moves the nodes out of it), so the user fits the view to see the whole model.
  await page.getByRole('button', { name: /fit view/i }).click();
  await waitForStillCanvas();
  await shot('06-redone');

  // 4b. New, then Open → the file: the graph comes back from the project folder as it was saved.
  await button('New').click();
  await until(async () => (await nodeCount(page)) === 0, 'the canvas is cleared');
  await button('Open').click();
  const open = page.getByRole('dialog', { name: 'Open a graph' });
  await open.getByRole('button', { name: new RegExp(FILE.replace('.', '\\.')) }).first().click();
  await open.waitFor({ state: 'detached' });
  await until(async () => (await nodeCount(page)) === 6 && (await edgeCount(page)) === 7, 'the file is opened');
  await until(async () => (await fileLabel(page).innerText()) === FILE, 'the top bar shows the file');
  expect(await isDirty(page)).toBe(false);
  expect(await undo.isDisabled()).toBe(true); // a freshly opened file has no history
  await expectNoProblems();
  const reopened = await shownGraph(page);
  expect(reopened).toEqual(built);
  expect(edgesOnly(reopened)).toEqual(graphModuloIds(saved.graph).edges);
  expect(reopened.nodes.map((n) => n.split(' ')[0]).sort()).toEqual(saved.graph.nodes.map((n) => n.name).sort());
  await waitForStillCanvas();
  await shot('04-reopened');

  // 6. A class label into z's loc is refused while dragging, with the reason, and not added.
  const reason = "loc of z takes a vector; 'label' of mnist holds class indices";
  const release = await dragEdge(page, ['mnist', 'label'], ['z', 'loc']);
  const hint = page.locator('.toast--hint');
  await hint.waitFor();
  expect(await hint.innerText()).toBe(`Cannot connect: ${reason}`);
  expect((await page.getByRole('status').allInnerTexts()).join(' ')).toContain(reason);
  await shot('07-refused-edge');
  await release();
  const alert = page.getByRole('alert').filter({ hasText: reason });
  await alert.waitFor();
  expect(await edgeCount(page)).toBe(7);
  expect(await undo.isDisabled()).toBe(true); // nothing was recorded
  expect(await isDirty(page)).toBe(false);

  // A sample into x's value (data only) is refused too, said after the drop.
  const release2 = await dragEdge(page, ['z', 'sample'], ['x', 'value']);
  await hint.waitFor();
  const why = 'cannot be bound to observed x: an observed variable binds to a data output';
  expect(await hint.innerText()).toMatch(new RegExp(`^Cannot connect: .*the sample of z.*${why}$`));
  await release2();
  await page.getByRole('alert').filter({ hasText: why }).waitFor();
  expect(await edgeCount(page)).toBe(7);
  await expectNoProblems();

  expect(app.pageErrors).toEqual([]);
}
