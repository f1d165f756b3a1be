import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOD, nodeEl } from './editor-driver';
import { chooseOption, estimatorBadge, inspector, inspectorSettings, openTemplate, selectedOption } from './estimator-driver';
import { problemMessages, waitForNoProblem, waitForProblem } from './vae-builder';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * The ADVI template in Chromium against the real web-mode server: opened from the start screen,
 * its latent badged with its transform and plate, the inspector's Constraint transform and Plate,
 * a transform that does not fit the prior refused with the reason, and the maths panel writing
 * q(ζ_rate), rate = exp(ζ_rate) and the Jacobian. Screenshots land in test-artifacts/e2e/advi/.
 */
const SHOTS = join(ARTIFACTS, 'advi');
let app: WebApp;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const panel = (): Locator => page.getByRole('region', { name: 'Maths', exact: true });

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('the ADVI template', () => {
  it('opens with its latent badged exp(ζ) and global, and the inspector showing the transform and the plate', async () => {
    await openTemplate(page, /^ADVI: Weibull prior/, 6);
    expect(await problemMessages(page)).toEqual([]);
    const badge = await estimatorBadge(page, 'rate');
    expect(badge.text).toBe('exp(ζ) · global · reparam.');
    expect(badge.title).toMatch(/^ADVI: q is over an unconstrained ζ and this latent is exp\(ζ\)/);
    expect(await nodeEl(page, 'rate').innerText()).toContain('Weibull [1], latent, global, = exp(ζ)');
    await nodeEl(page, 'rate').click();
    await inspector(page).getByRole('heading', { name: 'rate', exact: true }).waitFor();
    expect(await inspectorSettings(page)).toEqual(expect.arrayContaining(['Constraint transform', 'Plate']));
    expect(await selectedOption(inspector(page).getByLabel('Constraint transform', { exact: true }))).toBe('exp');
    expect(await selectedOption(inspector(page).getByLabel('Plate', { exact: true }))).toBe('Global');
    await shot('01-template');
  }, 60_000);

  it('refuses a sigmoid transform for the Weibull prior, naming the transforms that fit, and takes it back on undo', async () => {
    await chooseOption(inspector(page).getByLabel('Constraint transform', { exact: true }), /^sigmoid$/);
    const message = 'latent rate has a Weibull prior over positive values, but its sigmoid transform maps ζ onto values in [0, 1]: use exp or softplus';
    await waitForProblem(page, message);
    await shot('02-sigmoid-refused');
    await page.keyboard.press(`${MOD}+z`);
    await waitForNoProblem(page, message);
    expect(await selectedOption(inspector(page).getByLabel('Constraint transform', { exact: true }))).toBe('exp');
  }, 30_000);

  it('writes the transformed latent and the Jacobian term in the maths panel', async () => {
    await page.getByRole('group', { name: 'Study' }).getByRole('button', { name: 'Maths', exact: true }).click();
    await panel().locator('.katex').first().waitFor();
    const latex = (await panel().locator('annotation').allTextContents()).join('\n');
    expect(latex).toContain(String.raw`q(\zeta_{\mathrm{rate}}) = \mathcal{N}(\mathrm{mu}, \mathrm{sigma}^{2}), \quad \mathrm{rate} = \exp(\zeta_{\mathrm{rate}})`);
    expect(latex).toContain(String.raw`\left|\det J_{T^{-1}}(\zeta_{\mathrm{rate}})\right|`);
    expect(latex).toContain(String.raw`\frac{1}{N}`);
    await shot('03-maths');
  }, 30_000);
});
