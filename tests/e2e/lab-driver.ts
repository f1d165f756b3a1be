import type { Locator, Page } from 'playwright-core';
import { dock } from './train-driver';

/** The Estimator lab tab's panel. */
export const labPanel = (page: Page): Locator => dock(page).getByRole('tabpanel');

/** One row of the lab's table, as shown. */
export interface LabRow {
  readonly latent: string;
  readonly estimator: string;
  readonly setting: string;
  /** The variance as written (`2.12 × 10⁻⁵`) and read back as a number. */
  readonly varianceText: string;
  readonly variance: number;
  /** The norm of the mean estimate. */
  readonly meanNorm: number;
  readonly cosine: number;
  readonly ms: number;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Reads a number as the lab writes it: `1.30`, `2.12 × 10⁻⁵`, `−0.075`. */
export function readLabNumber(text: string): number {
  const t = text.replace(/\u2212/g, '-').trim();
  const m = /^(-?[\d.]+) × 10([⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (!m) return Number(t);
  const exponent = Number([...m[3]!].map((c) => SUPERSCRIPTS.indexOf(c)).join(''));
  return Number(m[1]) * 10 ** (m[2] ? -exponent : exponent);
}

/** The rows of the lab's table, in order. */
export async function labRows(page: Page): Promise<LabRow[]> {
  const rows = labPanel(page).getByRole('table', { name: 'Estimator statistics' }).locator('tbody tr');
  const cells: string[][] = [];
  for (const row of await rows.all()) cells.push((await row.locator('td').allInnerTexts()).map((t) => t.trim()));
  return cells.map(([latent, estimator, setting, variance, meanNorm, cosine, ms]) => ({
    latent: latent!, estimator: estimator!, setting: setting!, varianceText: variance!, variance: readLabNumber(variance!), meanNorm: readLabNumber(meanNorm!), cosine: readLabNumber(cosine!), ms: Number(ms),
  }));
}

/** The row of an estimator with its setting ("score-function", "none"). */
export function labRow(rows: readonly LabRow[], estimator: string, setting: string): LabRow {
  const row = rows.find((r) => r.estimator === estimator && r.setting === setting);
  if (!row) throw new Error(`no lab row ${estimator} ${setting} among ${rows.map((r) => `${r.estimator} ${r.setting}`).join(', ')}`);
  return row;
}

/** Sets R and the reference draws, then presses Run lab. */
export async function runLab(page: Page, samples: number, referenceDraws: number): Promise<void> {
  await labPanel(page).getByLabel('Estimates per estimator (R)').fill(String(samples));
  await labPanel(page).getByLabel('Reference draws').fill(String(referenceDraws));
  await labPanel(page).getByRole('button', { name: 'Run lab' }).click();
}
