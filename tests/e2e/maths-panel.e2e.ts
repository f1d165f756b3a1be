import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickPane, MOD, nodeEl, until } from './editor-driver';
import { chooseOption, inspector, openTemplate } from './estimator-driver';
import { boxOf, canvas, canvasMinimum, nodesOutsidePane } from './layout-driver';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * The maths panel in Chromium against the real web-mode server: the latent factor template opened
 * from the start screen, the panel opened from the top bar, its KaTeX (with KaTeX's own fonts,
 * loaded under the app's CSP) following the inspector and the Training settings as they change,
 * the selection both ways, an invalid graph, the layout at 1024×700 and the toggle remembered after
 * a reload. Screenshots land in test-artifacts/e2e/maths-panel/.
 */
const SHOTS = join(ARTIFACTS, 'maths-panel');
let app: WebApp;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const toggle = () => page.getByRole('group', { name: 'Study' }).getByRole('button', { name: 'Maths', exact: true });
const panel = (): Locator => page.getByRole('region', { name: 'Maths', exact: true });
const section = (id: 'model' | 'posterior' | 'objective' | 'estimators') => panel().locator(`.maths-section--${id}`);
const entry = (key: string) => panel().locator(`[data-entry="${key}"]`);
/** The LaTeX KaTeX typeset in a part of the panel (from its MathML's annotations). */
const latexIn = async (l: Locator) => (await l.locator('annotation').allTextContents()).join('\n');
/** The text KaTeX drew (its HTML, which is what is seen), spaces made plain. */
const drawnIn = async (l: Locator) => (await l.locator('.katex-html').allInnerTexts()).join('\n').replace(/[\s\u00a0]+/g, ' ');
const inspectorTitle = (name: string) => inspector(page).getByRole('heading', { name, exact: true });

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('the maths panel on the latent factor model', () => {
  it('opens from the top bar beside the canvas, its KaTeX naming the latent\'s estimator in KaTeX\'s own fonts', async () => {
    await openTemplate(page, /^Latent factor model/, 7);
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    expect(await panel().count()).toBe(0);
    await toggle().click();
    expect(await toggle().getAttribute('aria-pressed')).toBe('true');
    await panel().locator('.katex').first().waitFor();
    expect(await panel().getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Generative model', 'Approximate posterior', expect.stringMatching(/^Objective/), 'Gradient estimators']);
    expect(await latexIn(section('estimators'))).toContain(String.raw`z\colon \text{score function, baseline: moving-average}`);
    expect(await drawnIn(section('estimators'))).toContain('score function, baseline: moving-average');
    expect(await latexIn(section('model'))).toContain(String.raw`z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{prior\_logits}))`);
    // Beside the canvas, which keeps the larger part of the row, with every node still in view.
    const [c, m] = [await boxOf(canvas(page)), await boxOf(panel())];
    expect(m.x).toBeGreaterThanOrEqual(c.x + c.width - 1);
    expect(c.width).toBeGreaterThan(m.width);
    await until(async () => (await nodesOutsidePane(page)).length === 0, 'every node is in view beside the panel', 3000);
    // KaTeX's fonts are the build's own files, loaded (a font refused by the CSP would fail here and log an error).
    const fonts = await page.evaluate(async () => {
      const set = (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } & Iterable<{ family: string; status: string }> } }).document.fonts;
      await set.ready;
      return [...set].filter((f) => f.family.replace(/"/g, '').startsWith('KaTeX_') && f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    expect(fonts).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    await shot('01-panel-open');
  }, 30_000);

  it('highlights the terms of the node selected on the canvas', async () => {
    await nodeEl(page, 'encoder').click();
    await inspectorTitle('encoder').waitFor();
    // The encoder computes q: the posterior's line, and the KL in the objective (mark and chip).
    await until(async () => (await entry('posterior:z').getAttribute('class'))!.includes('maths-entry--on'), 'the posterior is highlighted');
    expect(await panel().locator('.maths-entry--on').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { entry: string } }).dataset.entry))).toEqual(['posterior:z']);
    const objectiveMarks = section('objective').locator('.maths-formula [data-term]');
    expect(await objectiveMarks.evaluateAll((els) => els.map((e) => (e as unknown as { className: string }).className.includes('maths-term--on')))).toEqual([false, true]);
    expect(await section('objective').getByRole('button', { name: 'Select z KL, closed form' }).getAttribute('class')).toContain('maths-chip--on');
    // The latent: its prior, posterior and estimator.
    await nodeEl(page, 'z').click();
    await inspectorTitle('z').waitFor();
    await until(async () => (await panel().locator('.maths-entry--on').count()) === 3, 'three entries are highlighted');
    expect(await panel().locator('.maths-entry--on').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { entry: string } }).dataset.entry))).toEqual(['prior:z', 'posterior:z', 'estimator:z']);
    await shot('02-latent-selected');
  });

  it('rewrites the estimator as the inspector changes it, and the objective as the Training settings do', async () => {
    await chooseOption(inspector(page).getByLabel('Baseline', { exact: true }), /^None$/);
    await until(async () => (await latexIn(section('estimators'))).includes(String.raw`\text{score function, baseline: none}`), 'the baseline reads none');
    expect(await latexIn(section('estimators'))).not.toContain(String.raw`b \leftarrow`);
    await chooseOption(inspector(page).getByLabel('Estimator', { exact: true }), /^Relaxed/);
    await until(async () => (await drawnIn(section('estimators'))).includes('relaxed (Gumbel-softmax / Concrete)'), 'the estimator reads relaxed');
    const relaxed = await latexIn(section('estimators'));
    // The relaxed draw at the latent's temperature (1, constant: the inspector's defaults).
    expect(relaxed).toContain(String.raw`\operatorname{sigmoid}((\mathrm{encoder}(x) + \log u - \log(1 - u)) / \tau)`);
    expect(relaxed).toContain(String.raw`\tau = 1`);
    expect(relaxed).not.toContain('score function');
    // The objective: β from the Training settings.
    await clickPane(page);
    const beta = page.getByLabel('β (weight of the KL)', { exact: true });
    await beta.fill('0.5');
    await beta.press('Enter');
    await until(async () => (await latexIn(section('objective'))).includes(String.raw`\beta = 0.5`), 'the objective has β = 0.5');
    // The KL term, marked for highlighting, now weighted by β.
    expect(await latexIn(section('objective'))).toContain(String.raw`- \htmlData{term=1}{\beta\,\mathrm{KL}(q(z \mid x) \,\|\, p(z))}`);
    await shot('03-relaxed-beta');
  });

  it('selects the node of a term clicked with the pointer, or of a chip pressed with the keyboard', async () => {
    // The KL, a mark inside the objective's one line.
    await section('objective').locator('.maths-formula [data-term="1"]').click();
    await inspectorTitle('z').waitFor();
    // A factor's line.
    await entry('likelihood:x').click();
    await inspectorTitle('x').waitFor();
    // The posterior's chip, from the keyboard.
    const chip = entry('posterior:z').getByRole('button', { name: 'Select q_z posterior of z' });
    await chip.focus();
    await page.keyboard.press('Enter');
    await inspectorTitle('q_z').waitFor();
    expect(await nodeEl(page, 'q_z').getAttribute('class')).toContain('selected');
  });

  it('states the problem of an invalid graph instead of equations, with a way to its node', async () => {
    // The view is centred on q_z: reach z through its chip in the panel.
    await entry('prior:z').getByRole('button', { name: 'Select z prior' }).click();
    await inspectorTitle('z').waitFor();
    await inspector(page).getByRole('button', { name: /^Disconnect q_z/ }).click();
    const problem = panel().getByTestId('maths-problem');
    await problem.waitFor();
    expect(await panel().locator('.katex').count()).toBe(0);
    const text = await problem.innerText();
    expect(text).toContain('No equations while the graph has an error');
    // The first error the Problems list shows, with its node's name.
    const listed = await page.getByRole('list', { name: 'Problems' }).locator('.problem--error .problem__message').allInnerTexts();
    expect(listed.some((m) => text.includes(m))).toBe(true);
    const button = problem.getByRole('button', { name: /^Select / });
    const name = (await button.innerText()).replace(/^Select /, '');
    expect(text).toContain(`(node ${name})`);
    await shot('04-invalid');
    await button.click();
    await inspectorTitle(name).waitFor();
    // Undone: the equations are back.
    await page.keyboard.press(`${MOD}+z`);
    await panel().locator('.katex').first().waitFor();
    expect(await problem.count()).toBe(0);
  });

  it('keeps the canvas usable at 1024×700, and closes with Mod+Shift+M, remembered after a reload', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.waitForTimeout(300);
    const c = await boxOf(canvas(page));
    // layout.css: beside the panel the canvas keeps at least 240 px and the larger part of the row, and its 40% of the height.
    expect(c.width).toBeGreaterThanOrEqual(240);
    expect(c.width).toBeGreaterThan((await boxOf(panel())).width);
    expect(c.height).toBeGreaterThanOrEqual(canvasMinimum(700) - 1);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await until(async () => (await nodesOutsidePane(page)).length === 0, 'every node is in view at 1024×700', 3000);
    await shot('05-1024');

    await clickPane(page);
    await page.keyboard.press(`${MOD}+Shift+M`);
    await until(async () => (await panel().count()) === 0, 'the panel closes');
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    await app.reload();
    page = app.page;
    await page.getByRole('heading', { name: 'Start a model' }).waitFor();
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    expect(await panel().count()).toBe(0);
  });

  it('logged no error (no CSP violation either) and threw nothing', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
