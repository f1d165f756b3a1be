import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocking, report, scan } from './axe';
import { MOD, resetToEmpty, until } from './editor-driver';
import { addFromPalette, dragEdge, edgeCount, nodeNamed, settle } from './vae-builder';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * Wiring a model without a pointer, in Chromium against the real web-mode server: an input
 * connected from the inspector's "connect from…" choice, and an edge drawn between focused port
 * handles with Enter; an incompatible pair refused with the reason a drag gives; each connection
 * undone in one step. Screenshots land in test-artifacts/e2e/keyboard-ports/.
 */
const SHOTS = join(ARTIFACTS, 'keyboard-ports');
let app: WebApp;
let page: Page;

const shot = async (name: string) => {
  await settle(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

/** A port's handle, by the accessible name it has for the keyboard ("output loc of encoder"). */
const handleNamed = (name: string) => page.getByRole('button', { name, exact: true });
/** The accessible name of the focused element. */
const focusedName = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') ?? '');
/** The text of the focused element. */
const focusedText = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '');
/** The keyboard connection's banner on the canvas. */
const banner = () => page.locator('.keyboard-connect');
const edgeLabelled = (label: string) => page.locator(`.react-flow__edge[aria-label^="${label}"]`);

/** Presses Tab until the element named `name` has focus (the order the page gives, no jumps). */
async function tabTo(name: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focusedName()) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name} (last: ${await focusedName()})`);
}

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
  await resetToEmpty(page);
  for (const kind of ['Two moons', 'MLP', 'Normal']) await addFromPalette(page, kind);
  // Auto-layout runs ELK off the main thread and commits its step when done: wait for it, or on a
  // busy machine it lands after the first connection and the test's undo takes back the layout.
  const placed = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => (e as unknown as { style: { transform: string } }).style.transform).join('|'));
  const before = await placed();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await until(async () => (await placed()) !== before, 'auto-layout moved the nodes', 20_000);
  let last = '';
  await until(async () => {
    const now = await placed();
    const still = now === last;
    last = now;
    return still;
  }, 'the nodes stand still', 10_000);
  await settle(page);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('connecting ports with the keyboard', () => {
  it("connects an input from the inspector's 'connect from…' choice, and undo removes the edge in one step", async () => {
    // Select the MLP from the keyboard: a focused node takes Enter as "select me".
    await nodeNamed(page, 'encoder').focus();
    await page.keyboard.press('Enter');
    await page.locator('#inspector-title', { hasText: 'encoder' }).waitFor();
    const choice = page.getByRole('combobox', { name: 'Connect encoder · in from' });
    const offered = await choice.locator('option').allInnerTexts();
    expect(offered[0]).toBe('connect from…');
    expect(offered).toContain('moons · x');
    expect(offered).toContain('moons · label');

    await choice.focus();
    await until(async () => {
      if ((await choice.locator('option:checked').innerText()) === 'moons · x') return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, "the choice shows 'moons · x'");
    expect(await edgeCount(page)).toBe(0); // choosing alone connects nothing
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Connect');
    await page.keyboard.press('Enter');
    await edgeLabelled('edge from x of moons to in of encoder').waitFor();
    expect(await edgeCount(page)).toBe(1);
    const inputs = page.getByRole('list', { name: 'Inputs of encoder' });
    expect(await inputs.innerText()).toContain('from moons · x');
    await page.locator('#inspector').screenshot({ path: join(SHOTS, 'inspector-connect-from.png') });
    await shot('01-connected-from-inspector');

    // The focus stays on Connect (ready for the next), and the undo shortcut works from there.
    expect(await focusedText()).toBe('Connect');
    await page.keyboard.press(`${MOD}+z`);
    await until(async () => (await edgeCount(page)) === 0, 'undo removed the edge');
    expect(await inputs.innerText()).toContain('not connected');

    // Disconnect, from the keyboard too: redo, then the Disconnect button.
    await page.keyboard.press(`${MOD}+Shift+z`);
    await edgeLabelled('edge from x of moons to in of encoder').waitFor();
    await page.getByRole('button', { name: 'Disconnect moons · x from encoder · in' }).focus();
    await page.keyboard.press('Enter');
    await until(async () => (await edgeCount(page)) === 0, 'Disconnect removed the edge');
  });

  it('refuses an incompatible input with the reason a drag gives, and Escape cancels', async () => {
    // What a drag says, first: moons' class labels dropped on the latent's loc.
    const release = await dragEdge(page, ['moons', 'label'], ['z', 'loc']);
    await release();
    const dragAlert = page.locator('.toast--alert');
    await dragAlert.waitFor();
    const dragReason = (await dragAlert.locator('span').innerText()).trim();
    expect(dragReason).toBe("loc of z takes a vector; 'label' of moons holds class indices");
    await dragAlert.getByRole('button', { name: 'Dismiss' }).click();

    await handleNamed('output label of moons').focus();
    await page.keyboard.press('Enter');
    await banner().waitFor();
    expect(await banner().innerText()).toBe('Connecting from moons · label: choose an input and press Enter, Escape to cancel');
    expect(await page.locator('#canvas').getAttribute('class')).toContain('canvas--connecting');
    expect(await banner().locator('xpath=..').getAttribute('aria-live')).toBe('polite');
    await tabTo('input loc of z');
    await page.keyboard.press('Enter');
    await dragAlert.waitFor();
    expect((await dragAlert.locator('span').innerText()).trim()).toBe(dragReason);
    expect(await dragAlert.getAttribute('role')).toBe('alert');
    expect(await edgeCount(page)).toBe(0);
    expect(await banner().innerText()).toMatch(/^Connecting from moons · label/); // still open: try another input
    await dragAlert.getByRole('button', { name: 'Dismiss' }).click();

    await page.keyboard.press('Escape');
    await until(async () => (await banner().count()) === 0, 'Escape closed the connection');
    expect(await page.locator('#canvas').getAttribute('class')).not.toContain('canvas--connecting');
    expect(await edgeCount(page)).toBe(0);
  });

  it('draws an edge between focused handles with Enter, and undo removes it in one step', async () => {
    await handleNamed('output out of encoder').focus();
    await page.keyboard.press('Enter');
    await banner().waitFor();
    expect(await banner().innerText()).toBe('Connecting from encoder · out: choose an input and press Enter, Escape to cancel');
    await tabTo('input loc of z');
    // The inputs that would take it are marked, by the same rule as a drag.
    expect(await handleNamed('input loc of z').locator('xpath=..').getAttribute('class')).toContain('port--candidate');
    await shot('02-keyboard-connection-in-progress');
    // The connection's banner, frame and marked ports pass axe as the rest of the editor does.
    const violations = await scan(page);
    console.log(report('keyboard connection in progress', violations));
    expect(blocking(violations)).toEqual([]);
    await page.keyboard.press('Enter');
    await edgeLabelled('edge from out of encoder to loc of z').waitFor();
    expect(await edgeCount(page)).toBe(1);
    expect(await page.locator('.keyboard-connect').innerText()).toBe('Connected encoder · out to z · loc');
    await shot('03-keyboard-connected');

    await page.keyboard.press(`${MOD}+z`);
    await until(async () => (await edgeCount(page)) === 0, 'one undo removed the edge');
    await page.keyboard.press(`${MOD}+Shift+z`);
    await until(async () => (await edgeCount(page)) === 1, 'redo put it back');
    expect(app.pageErrors).toEqual([]);
  });
});
