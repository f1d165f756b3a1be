import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickPane, connect, fileLabel, handle, isDirty, MOD, nodeEl, resetToEmpty, startEdgeDrag, until } from './editor-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * The editor in Chromium against the real web-mode server and API handlers (temporary project
 * folder). Screenshots of each state land in test-artifacts/e2e/ for a person to look at.
 */
let app: WebApp;
let page: Page;

const shot = async (name: string) => {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
};

beforeAll(async () => {
  app = await startOnStartScreen(ARTIFACTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('start screen', () => {
  it('offers the examples with thumbnails and an empty canvas', async () => {
    const vae = page.getByRole('button', { name: 'Variational autoencoder on MNIST' });
    await vae.waitFor();
    expect(await page.getByRole('button', { name: 'Digit classifier on MNIST' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Empty canvas' }).count()).toBe(1);
    expect(await vae.locator('svg rect.thumbnail__node').count()).toBe(6);
    await shot('start-screen');
  });

  it("shows the templates before the editor's code has arrived, and opens the one clicked meanwhile", async () => {
    const early = await app.context.newPage();
    try {
      // The editor's chunk is held back until the template has been clicked.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await early.route(/\/assets\/root-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await early.goto(app.url);
      const vae = early.getByRole('button', { name: 'Variational autoencoder on MNIST' });
      await vae.waitFor();
      expect(await early.locator('.react-flow').count()).toBe(0);
      expect(await early.getByRole('button', { name: 'MNIST', exact: true }).count()).toBe(0); // the palette is not there yet
      // The cards sit where the editor's start screen puts them, so nothing moves when it arrives.
      const before = await vae.boundingBox();
      expect(before).toEqual(await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).boundingBox());
      await vae.click();
      expect(await early.locator('.app').getAttribute('aria-busy')).toBe('true');
      await early.screenshot({ path: join(ARTIFACTS, 'start-screen-before-editor.png') });
      release();
      await nodeEl(early, 'decoder').waitFor();
      expect(await early.locator('.react-flow__node').count()).toBe(6);
      expect(await early.getByText('Opened the example “Variational autoencoder on MNIST”', { exact: false }).count()).toBe(1);
    } finally {
      await early.close({ runBeforeUnload: false });
    }
  });

  it("says so when the editor's code cannot be loaded, the templates still shown", async () => {
    const broken = await app.context.newPage();
    try {
      await broken.route(/\/assets\/root-[^/]*\.js$/, (route) => route.abort('connectionfailed'));
      await broken.goto(app.url);
      const alert = broken.getByRole('alert').filter({ hasText: 'The editor could not be loaded' });
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/Reload the page to try again\.$/);
      expect(await broken.getByRole('button', { name: 'Variational autoencoder on MNIST' }).count()).toBe(1);
    } finally {
      await broken.close({ runBeforeUnload: false });
    }
  });

  it('opens an example with every node, its shapes on the edges and no problem', async () => {
    await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).click();
    await nodeEl(page, 'decoder').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(6);
    expect(await nodeEl(page, 'encoder').innerText()).toContain('MLP 784→400→{loc 20, scale 20}');
    expect(await nodeEl(page, 'q_z').innerText()).toContain('posterior');
    const labels = await page.locator('.edge-label').allInnerTexts();
    expect(labels).toContain('[784]');
    expect(labels).toContain('[20]');
    expect(await page.getByText('No problems: the model is ready to train.').count()).toBe(1);
    await shot('vae-example');
  });
});

describe('palette', () => {
  beforeAll(async () => resetToEmpty(page));

  it('has one button per kind, named by its display name, grouped by category', async () => {
    for (const name of ['MNIST', 'Two moons', 'MLP', 'Normal', 'Bernoulli', 'Categorical', 'Constant', 'Learnable parameter', 'MADE', 'Affine flow step', 'Flow density']) {
      expect(await page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    for (const heading of ['Data', 'Networks', 'Distributions', 'Parameters']) {
      expect(await page.getByRole('heading', { name: heading, exact: true }).count(), heading).toBe(1);
    }
    expect(await page.getByRole('button', { name: 'Normal', exact: true }).getAttribute('title')).toMatch(/Gaussian/);
  });

  it('adds a node at the centre of the canvas on click, selected, without covering another', async () => {
    await page.getByRole('button', { name: 'MNIST', exact: true }).click();
    const mnist = nodeEl(page, 'mnist');
    await mnist.waitFor();
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const box = (await mnist.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(40);
    expect(await page.getByRole('heading', { name: 'mnist' }).count()).toBe(1); // the inspector shows it
    await page.getByRole('button', { name: 'MLP', exact: true }).click();
    const mlp = (await nodeEl(page, 'encoder').boundingBox())!;
    const overlap = mlp.x < box.x + box.width && mlp.x + mlp.width > box.x && mlp.y < box.y + box.height && mlp.y + mlp.height > box.y;
    expect(overlap).toBe(false);
  });

  it('drops a dragged kind where it is released', async () => {
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const target = { x: pane.x + 140, y: pane.y + pane.height - 200 };
    await page.getByRole('button', { name: 'Normal', exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: target.x - pane.x, y: target.y - pane.y } });
    const z = nodeEl(page, 'z');
    await z.waitFor();
    const b = (await z.boundingBox())!;
    expect(Math.abs(b.x + b.width / 2 - target.x)).toBeLessThan(60);
    expect(Math.abs(b.y + 55 - target.y)).toBeLessThan(60);
  });
});

describe('connections', () => {
  beforeAll(async () => {
    await resetToEmpty(page);
    for (const name of ['MNIST', 'MLP', 'Normal']) await page.getByRole('button', { name, exact: true }).click();
  });

  it('refuses an edge that cannot be valid while dragging, and says why', async () => {
    const release = await startEdgeDrag(page, handle(page, 'mnist', 'x', 'out'), handle(page, 'z', 'posterior', 'in'));
    await until(async () => (await page.locator('.toast--hint').count()) > 0, 'the refusal hint shows');
    const status = await page.getByRole('status').allInnerTexts();
    expect(status.join(' ')).toContain('cannot be the approximate posterior of z');
    await shot('refusing-edge');
    await release();
    const alert = page.getByRole('alert').filter({ hasText: 'approximate posterior of z' });
    await alert.waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
  });

  it('accepts a valid edge and labels it with the shape it carries', async () => {
    await connect(page, ['mnist', 'x'], ['encoder', 'in']);
    await until(async () => (await page.locator('.react-flow__edge').count()) === 1, 'the edge appears');
    expect(await page.locator('.edge-label').allInnerTexts()).toEqual(['[784]']);
    expect(await nodeEl(page, 'encoder').innerText()).toContain('MLP 784→400→10');
  });

  it('marks a problem on the node and its port', async () => {
    const badge = nodeEl(page, 'z').locator('.problem-badge--error');
    expect(await badge.innerText()).toContain('1');
    expect(await nodeEl(page, 'z').locator('.port--error[data-port="posterior"]').count()).toBe(1);
  });
});

describe('inspector', () => {
  beforeAll(async () => {
    await resetToEmpty(page);
    for (const name of ['MNIST', 'MLP', 'Normal']) await page.getByRole('button', { name, exact: true }).click();
    await connect(page, ['mnist', 'x'], ['encoder', 'in']);
  });

  it('renames a node and refuses a name already used, saying why', async () => {
    await nodeEl(page, 'encoder').click();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('mnist');
    await name.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'already a node called mnist' }).waitFor();
    expect(await name.inputValue()).toBe('mnist'); // the typed text stays
    await name.fill('enc');
    await name.press('Enter');
    await until(async () => (await nodeEl(page, 'encoder').innerText()).includes('enc'), 'the node is renamed');
    expect(await page.getByRole('heading', { name: 'enc', exact: true }).count()).toBe(1);
  });

  it('keeps a 99-character name inside the inspector header, cut with an ellipsis', async () => {
    await nodeEl(page, 'encoder').click();
    const name = page.getByLabel('Name', { exact: true });
    const long = `e${'x'.repeat(98)}`;
    await name.fill(long);
    await name.press('Enter');
    const title = page.getByRole('heading', { name: long, exact: true });
    await title.waitFor();
    const inspector = (await page.getByRole('complementary', { name: 'Inspector' }).boundingBox())!;
    const header = (await page.locator('.inspector__header').boundingBox())!;
    const kind = (await page.locator('.inspector__kind').boundingBox())!;
    expect(header.x + header.width).toBeLessThanOrEqual(inspector.x + inspector.width);
    expect(kind.x + kind.width, 'the kind label stays in view').toBeLessThanOrEqual(inspector.x + inspector.width);
    expect(await title.getAttribute('title')).toBe(long);
    await name.fill('enc');
    await name.press('Enter');
    await page.getByRole('heading', { name: 'enc', exact: true }).waitFor();
  });

  it('edits hidden sizes as a list and heads as a table; the summary follows', async () => {
    await nodeEl(page, 'encoder').click();
    await page.getByLabel('Hidden sizes 1').fill('256');
    await page.getByRole('button', { name: 'Add layer' }).click();
    await page.getByLabel('Hidden sizes 2').fill('64');
    await page.getByLabel('head 1 name').fill('loc');
    await page.getByLabel('head 1 size').fill('20');
    await page.getByRole('button', { name: 'Add head' }).click();
    await page.getByLabel('head 2 name').fill('scale');
    await page.getByLabel('head 2 activation').selectOption('softplus');
    await until(async () => (await nodeEl(page, 'encoder').innerText()).includes('MLP 784→256→64→{loc 20, scale 20}'), 'the summary shows the new network');
    expect(await handle(page, 'encoder', 'scale', 'out').count()).toBe(1);
    await shot('inspector-mlp');
  });

  it('keeps an out-of-range value in its box, marked and listed, until a valid one replaces it', async () => {
    await nodeEl(page, 'encoder').click();
    const first = page.getByLabel('Hidden sizes 1');
    await first.fill('0');
    await page.getByRole('group', { name: 'Hidden sizes' }).getByText('layer 1: must be at least 1').waitFor();
    expect(await first.inputValue()).toBe('0');
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#problems-list').innerText()).toMatch(/MLP \w+: layer 1 of hidden: must be at least 1/);
    await first.fill('128');
    await until(async () => (await nodeEl(page, 'encoder').innerText()).includes('784→128→64'), 'the valid value is taken');
    expect(await page.getByText('layer 1: must be at least 1').count()).toBe(0);
  });

  it('renders enums as selects, shows the estimator for latents only, and clears an optional size', async () => {
    await nodeEl(page, 'z').click();
    const role = page.getByLabel('Role');
    expect(await role.evaluate((e) => (e as unknown as { tagName: string }).tagName)).toBe('SELECT');
    expect(await page.getByLabel('Estimator').count()).toBe(1);
    await page.getByLabel('Size', { exact: true }).fill('20');
    await until(async () => (await nodeEl(page, 'z').innerText()).includes('Normal [20], latent'), 'the size shows');
    await page.getByRole('button', { name: 'Clear Size' }).click();
    await until(async () => (await nodeEl(page, 'z').innerText()).includes('Normal, latent'), 'the size is cleared');
    await role.selectOption('posterior');
    await until(async () => (await nodeEl(page, 'z').innerText()).includes('approximate posterior'), 'the role changes');
    expect(await page.getByLabel('Estimator').count()).toBe(0);
    expect(await handle(page, 'z', 'q', 'out').count()).toBe(1);
  });

  it('shows the training settings when nothing is selected', async () => {
    await clickPane(page);
    await page.getByRole('heading', { name: 'Training' }).waitFor();
    await page.getByLabel('Optimizer').selectOption('sgd');
    expect(await page.getByLabel('Momentum').count()).toBe(1);
    await page.getByLabel('Learning rate').fill('0.05');
    await page.getByLabel('Batch size').fill('64');
    await page.getByRole('radio', { name: 'Epochs' }).check();
    await page.getByLabel('Number of epochs').fill('3');
    await page.getByLabel('Seed').fill('7');
    await shot('inspector-training');
    // In a field, Mod+Z is the field's own undo: the graph's history is left alone.
    await page.keyboard.press(`${MOD}+z`);
    expect(await page.getByLabel('Batch size').inputValue()).toBe('64');
    expect(await page.getByLabel('Optimizer').inputValue()).toBe('sgd');
    // Outside a field it undoes the last setting changed.
    await clickPane(page);
    const seed = await page.getByLabel('Seed').inputValue();
    await page.keyboard.press(`${MOD}+z`);
    await until(async () => (await page.getByLabel('Seed').inputValue()) !== seed || (await page.getByLabel('Number of epochs').count()) === 0, 'undo changes a training setting');
  });
});

describe('problems panel', () => {
  it('lists every problem and takes the user to its node', async () => {
    await resetToEmpty(page);
    await page.getByRole('button', { name: 'Normal', exact: true }).click();
    await page.getByRole('button', { name: 'Bernoulli', exact: true }).click();
    await clickPane(page);
    const list = page.getByRole('list', { name: 'Problems' });
    await list.getByRole('button', { name: /latent z has no approximate posterior/ }).click();
    await until(async () => (await nodeEl(page, 'z').getAttribute('class'))!.includes('selected'), 'z is selected');
    expect(await page.getByRole('heading', { name: 'z', exact: true }).count()).toBe(1);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.waitForTimeout(400); // the view animates to the node
    const b = (await nodeEl(page, 'z').boundingBox())!;
    expect(Math.abs(b.x + b.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(30);
    expect(Math.abs(b.y + b.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(30);
    await shot('problems-panel');
  });
});

describe('keyboard', () => {
  beforeAll(async () => {
    await resetToEmpty(page);
    for (const name of ['MNIST', 'MLP']) await page.getByRole('button', { name, exact: true }).click();
  });
  const count = () => page.locator('.react-flow__node').count();

  it('duplicates, deletes, undoes and redoes with the shortcuts', async () => {
    await nodeEl(page, 'encoder').click();
    await page.keyboard.press(`${MOD}+d`);
    await until(async () => (await count()) === 3, 'a duplicate appears');
    await page.keyboard.press('Delete');
    await until(async () => (await count()) === 2, 'the duplicate is deleted');
    await page.keyboard.press(`${MOD}+z`);
    await until(async () => (await count()) === 3, 'undo brings it back');
    await page.keyboard.press(`${MOD}+Shift+z`);
    await until(async () => (await count()) === 2, 'redo deletes it again');
  });

  it('selects all, copies and pastes', async () => {
    await clickPane(page);
    await page.keyboard.press(`${MOD}+a`);
    await page.getByRole('heading', { name: '2 nodes selected' }).waitFor();
    await page.keyboard.press(`${MOD}+c`);
    await page.keyboard.press(`${MOD}+v`);
    await until(async () => (await count()) === 4, 'the copies appear');
  });

  it('leaves keys typed in a field to the field', async () => {
    await nodeEl(page, 'mnist').click({ position: { x: 12, y: 12 } }); // its copy overlaps the rest
    const name = page.getByLabel('Name', { exact: true });
    await name.click();
    await name.press('End');
    await name.press('Backspace');
    expect(await name.inputValue()).toBe('mnis');
    expect(await count()).toBe(4);
    await name.press('Escape');
  });

  it('lays the graph out left to right (auto-layout) as one undoable step', async () => {
    await resetToEmpty(page);
    for (const name of ['Normal', 'MLP', 'MNIST']) await page.getByRole('button', { name, exact: true }).click();
    await connect(page, ['mnist', 'x'], ['encoder', 'in']);
    const where = () => Promise.all(['z', 'encoder', 'mnist'].map((id) => nodeEl(page, id).evaluate((e) => (e as unknown as { style: { transform: string } }).style.transform)));
    const before = await where();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await until(async () => (await where()).join() !== before.join(), 'the nodes move', 10_000);
    await page.waitForTimeout(400); // the view fits the new layout
    const m = (await nodeEl(page, 'mnist').boundingBox())!;
    const e = (await nodeEl(page, 'encoder').boundingBox())!;
    expect(e.x).toBeGreaterThan(m.x + m.width);
    await shot('auto-layout');
    await page.keyboard.press(`${MOD}+z`);
    await until(async () => (await where()).join() === before.join(), 'one undo puts every node back');
  });
});

describe('files', () => {
  it('saves as a file in the project folder, then opens it again', async () => {
    await resetToEmpty(page);
    await page.getByRole('button', { name: 'MNIST', exact: true }).click();
    expect(await isDirty(page)).toBe(true);
    await page.getByRole('button', { name: 'Save As' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as' });
    await dialog.getByLabel('File name').fill('my-model');
    await shot('save-as-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await until(async () => existsSync(join(app.projectDir, 'my-model.json')), 'the file is written');
    expect(JSON.parse(readFileSync(join(app.projectDir, 'my-model.json'), 'utf8')).graph.nodes[0].kind).toBe('data.mnist');
    await until(async () => (await fileLabel(page).innerText()) === 'my-model.json' && !(await isDirty(page)), 'the file name shows, clean');

    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const open = page.getByRole('dialog', { name: 'Open a graph' });
    await open.getByRole('button', { name: /my-model\.json/ }).first().click();
    await nodeEl(page, 'mnist').waitFor();
    expect(await fileLabel(page).innerText()).toBe('my-model.json');
  });

  it('asks before discarding unsaved changes', async () => {
    await page.getByRole('button', { name: 'MLP', exact: true }).click();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
    await dialog.waitFor();
    await shot('unsaved-changes');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.react-flow__node').count()).toBe(2);
    await page.keyboard.press(`${MOD}+s`);
    await until(async () => !(await isDirty(page)), 'Save clears the dot');
  });

  it('autosaves a recovery copy and offers to restore it after a reload', async () => {
    await page.getByRole('button', { name: 'Constant', exact: true }).click();
    await until(async () => existsSync(join(app.projectDir, '.latent-studio')), 'the recovery copy is written', 4000);
    await page.waitForTimeout(1500);
    await app.reload();
    page = app.page;
    const offer = page.getByRole('dialog', { name: 'Restore unsaved work?' });
    await offer.waitFor();
    await shot('restore-offer');
    await offer.getByRole('button', { name: 'Restore' }).click();
    await nodeEl(page, 'const').waitFor();
    expect(await isDirty(page)).toBe(true);
  });
});

describe('files, as a newcomer meets them', () => {
  const statusMessage = () => page.locator('.statusline__message').innerText();

  it('lists a file once in the Open dialog, under Recent, not again among the project files', async () => {
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const dontSave = page.getByRole('button', { name: "Don't save" });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    const open = page.getByRole('dialog', { name: 'Open a graph' });
    await open.getByRole('heading', { name: 'Recent' }).waitFor();
    await until(async () => (await open.getByText('Loading…').count()) === 0, 'the project files are listed');
    expect(await open.getByRole('button', { name: /my-model\.json/ }).count()).toBe(1);
    await shot('open-dialog-recent-once');
    await open.getByRole('button', { name: /my-model\.json/ }).click();
    await nodeEl(page, 'mnist').waitFor();
  });

  it('takes "Saved" off the status line as soon as an edit or an undo changes the document', async () => {
    await page.keyboard.press(`${MOD}+s`);
    await until(async () => (await statusMessage()).startsWith('Saved my-model.json'), 'the status line says Saved');
    await page.getByRole('button', { name: 'MLP', exact: true }).click();
    // At once, not when the message would have timed out anyway (4 s).
    await until(async () => (await statusMessage()) === '', '"Saved" is gone after an edit', 1000);
    await page.keyboard.press(`${MOD}+s`);
    await until(async () => (await statusMessage()).startsWith('Saved my-model.json'), 'the status line says Saved again');
    await page.keyboard.press(`${MOD}+z`);
    await until(async () => isDirty(page), 'the undo makes the document differ from the file');
    await until(async () => (await statusMessage()) === '', '"Saved" is gone after an undo', 1000);
  });

  it('says in a sentence what is wrong with a file of the wrong shape', async () => {
    const good = JSON.parse(readFileSync(join(app.projectDir, 'my-model.json'), 'utf8'));
    writeFileSync(join(app.projectDir, 'wrong-shape.json'), JSON.stringify({ ...good, graph: { ...good.graph, nodes: 'none' } }));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const dontSave = page.getByRole('button', { name: "Don't save" });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    await page.getByRole('dialog', { name: 'Open a graph' }).getByRole('button', { name: /wrong-shape\.json/ }).click();
    const toast = page.getByRole('alert');
    await until(async () => /wrong-shape\.json/.test(await toast.innerText().catch(() => '')), 'the failure is shown');
    const text = await toast.innerText();
    expect(text).toContain("the graph's node list must be a list, not text");
    expect(text).not.toMatch(/Invalid input|expected array|graph\.nodes/);
    await shot('wrong-shape');
  });
});

describe('page health', () => {
  it('ran without page errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
