/**
 * Reading and driving the training dock in a browser test: the ELBO chart's line as drawn, the
 * progress bar, the status, and the run settings in the Training panel.
 */
import type { Page } from 'playwright-core';
import { clickPane, until } from './editor-driver';

/** The training dock. */
export const dock = (page: Page) => page.getByRole('region', { name: 'Training dock' });

/** One drawn line of a chart: its points in SVG coordinates. */
export interface DrawnLine {
  readonly stroke: string;
  readonly points: readonly { x: number; y: number }[];
}

/**
 * The lines of a chart (by its `data-chart-name`) as drawn in the SVG, in series order. Points are
 * read from each path's `d` (recharts draws linear lines as M x,y L x,y …).
 */
export async function chartLines(page: Page, chart: string): Promise<DrawnLine[]> {
  // Runs in the page; the test's tsconfig has no DOM types, hence the narrow structural type.
  return page.locator(`figure[data-chart-name="${chart}"] path.recharts-line-curve`).evaluateAll((paths) =>
    (paths as unknown as { getAttribute(n: string): string | null }[]).map((p) => {
      const d = p.getAttribute('d') ?? '';
      const points = [...d.matchAll(/[ML]\s*([-\d.e]+)[ ,]([-\d.e]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
      return { stroke: p.getAttribute('stroke') ?? '', points };
    }),
  );
}

/** The shown run's step, from its progress bar. */
export async function progressStep(page: Page): Promise<number> {
  const v = await dock(page).getByRole('progressbar').getAttribute('aria-valuenow');
  return v === null ? 0 : Number(v);
}

/** The shown run's status word (running, paused, stopped, done, failed…). */
export async function runStatus(page: Page): Promise<string> {
  return (await dock(page).locator('.run-progress__status').innerText()).trim().toLowerCase();
}

export async function waitForStatus(page: Page, status: string, timeoutMs = 60_000): Promise<void> {
  await until(async () => (await runStatus(page).catch(() => '')) === status, `the run is ${status}`, timeoutMs);
}

/** Sets the graph's training settings from the Training panel (nothing selected). */
export async function setTraining(page: Page, settings: { steps?: number; evalEvery?: number; optimizer?: 'Adam' | 'SGD'; learningRate?: number }): Promise<void> {
  await clickPane(page);
  const fill = async (label: string, value: number) => {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(String(value));
    await input.press('Enter');
  };
  if (settings.optimizer) await page.getByLabel('Optimizer', { exact: true }).selectOption({ label: settings.optimizer });
  if (settings.learningRate !== undefined) await fill('Learning rate', settings.learningRate);
  if (settings.steps !== undefined) await fill('Number of steps', settings.steps);
  if (settings.evalEvery !== undefined) await fill('Evaluate every (steps)', settings.evalEvery);
}

/** The Train button of the top bar. */
export const trainButton = (page: Page) => page.getByRole('group', { name: 'Training' }).getByRole('button', { name: /^Train/ });
