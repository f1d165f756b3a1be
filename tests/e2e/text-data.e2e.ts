import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../shared/graph/index';
import { bowOnTextFile } from '../helpers/bow-text';
import { nodeEl, until } from './editor-driver';
import { trainButton } from './train-driver';
import { selectNode, waitForNoProblem, waitForProblem } from './vae-builder';
import { ARTIFACTS, startOnStartScreen, type WebApp } from './web-app';

/**
 * A text node's file, in Chromium against the real web-mode server: the bag-of-words VAE on a text
 * file that is not there (listed as a problem, Train blocked), a .txt file picked in the inspector
 * from the project folder and previewed as the loader reads it (lines and split, vocabulary filled
 * against asked, most frequent words, first lines), then an empty file and a file with too few words
 * for the vocabulary, each listed in the Problems list and blocking Train. Screenshots in
 * test-artifacts/e2e/text-data/.
 */
const SHOTS = join(ARTIFACTS, 'text-data');
let app: WebApp;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const ANIMALS = ['cat', 'dog', 'owl', 'fox', 'hen'];
const VERBS = ['sees', 'likes', 'chases', 'finds'];
const THINGS = ['mat', 'log', 'ball', 'box', 'hat'];
/** 40 lines of five words, "the" twice in each: the most frequent word by far. */
const LINES = Array.from({ length: 40 }, (_, i) => `The ${ANIMALS[i % 5]} ${VERBS[i % 4]} the ${THINGS[(3 * i) % 5]}`);
const statusLine = () => page.locator('.statusline__right');
const picker = () => page.getByLabel('Pick a text file');
const preview = () => page.getByRole('region', { name: 'Preview of animals.txt' });

beforeAll(async () => {
  app = await startOnStartScreen(SHOTS);
  page = app.page;
  writeFileSync(join(app.projectDir, 'animals.txt'), `${LINES.join('\n')}\n`);
  writeFileSync(join(app.projectDir, 'empty.txt'), '\n   \n');
  mkdirSync(join(app.projectDir, 'more'));
  writeFileSync(join(app.projectDir, 'more', 'short.txt'), 'one two\nthree four\n');
  writeFileSync(join(app.projectDir, 'table.csv'), 'a\n1\n');
  // The bag-of-words VAE on documents.txt (not in the folder), with 12 ids: 10 words.
  writeFileSync(join(app.projectDir, 'bow.json'), serializeGraphFile(bowOnTextFile(12)));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const open = page.getByRole('dialog', { name: 'Open a graph' });
  await open.getByRole('button', { name: /bow\.json/ }).first().click();
  await open.waitFor({ state: 'detached' });
  await nodeEl(page, 'docs').waitFor();
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe("a text node's file", () => {
  it('missing: listed as a problem, Train blocked', async () => {
    await waitForProblem(page, 'Text file docs: cannot read text file documents.txt: no such file');
    expect(await trainButton(page).isDisabled()).toBe(true);
  });

  it('is picked from the project folder and previewed as the loader reads it', async () => {
    await selectNode(page, 'docs');
    await until(async () => (await picker().locator('option').count()) > 1, 'the picker lists the text files');
    // Text files only, the CSV file left out, named from the graph's folder.
    expect(await picker().locator('option').allInnerTexts()).toEqual(['Pick one of 3 text files…', 'animals.txt', 'empty.txt', 'more/short.txt']);
    await picker().selectOption('animals.txt');
    expect(await page.getByRole('textbox', { name: 'File', exact: true }).inputValue()).toBe('animals.txt');
    await preview().waitFor();
    await waitForNoProblem(page, 'Text file docs');
    // 40 lines, a fifth held out (the node's default): 8 held out, 32 for training.
    expect(await page.locator('.text-preview__caption').innerText()).toBe('40 lines with words · 32 training, 8 held out');
    const facts = await preview().locator('dd').allInnerTexts();
    expect(facts[0]).toBe('12 of 12 ids filled');
    // Five words a line, lower-cased: 160 training tokens over "the" and the 14 other words.
    expect(facts[1]).toBe('160 tokens, 15 distinct words');
    const words = await preview().getByRole('list', { name: 'Most frequent words' }).locator('.text-preview__word').allInnerTexts();
    expect(words).toHaveLength(10);
    expect(words[0]).toBe('the');
    expect(await preview().getByRole('list', { name: 'Most frequent words' }).locator('li').first().innerText()).toBe('the 64');
    expect(await preview().getByRole('list', { name: 'First lines' }).locator('li').allInnerTexts()).toEqual(LINES.slice(0, 5));
    await until(async () => (await statusLine().innerText()).includes('ready to train'), 'the graph is ready to train');
    expect(await trainButton(page).isEnabled()).toBe(true);
    await shot('01-picked-text-file');
  }, 60_000);

  it('says an empty file and too few words for the vocabulary, each blocking Train', async () => {
    await picker().selectOption('empty.txt');
    await waitForProblem(page, 'Text file docs: empty.txt has 0 lines with words; a text data set needs at least 2 (one sentence or document per line)');
    expect(await trainButton(page).isDisabled()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'File', exact: true }).getAttribute('aria-invalid')).toBe('true');

    await picker().selectOption('more/short.txt');
    const tooFew = 'Text file docs: more/short.txt: the training lines have 2 distinct words occurring at least 1 time, too few for a vocabulary of 12 ids: set the vocabulary size to at most 4 or lower the minimum count';
    await waitForProblem(page, tooFew);
    await waitForNoProblem(page, 'empty.txt');
    expect(await trainButton(page).isDisabled()).toBe(true);
    // Said at the setting to change: the vocabulary size.
    expect(await page.getByLabel('Vocabulary size', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.text-preview__short').innerText()).toBe('4 of 12 ids filled: too few words');
    await shot('02-too-few-words');
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
