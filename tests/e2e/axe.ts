/**
 * An axe-core scan of a page in a browser test. axe-core is put into the page with `evaluate`
 * (DevTools' Runtime.evaluate, which the app's strict CSP does not apply to, unlike a script tag),
 * so the app needs no test hook and its CSP stays as shipped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets scanned: WCAG 2.0–2.2 A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's impact levels, worst last. */
export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

/** One rule broken, with the elements that break it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: Impact;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
}

/**
 * Port handles are left out of the target-size rule (WCAG 2.5.8) only: they are drawn on a
 * zoomable canvas, so their size on screen is the user's zoom, and the criterion's "equivalent"
 * exception applies: every connection a handle makes can be made with the inspector's
 * "connect from…" controls, which are full-size. Every other rule still scans them.
 */
const TARGET_SIZE_EXEMPT = ['.react-flow__handle'];

/** Runs axe over the whole document and returns its violations. */
export async function scan(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  // Runs in the page; the test's tsconfig has no DOM types, hence the narrow structural type.
  return page.evaluate(async ({ tags, exempt }) => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Result[] }> } }).axe;
    const doc = (globalThis as unknown as { document: unknown }).document;
    const all = await axe.run(doc, { runOnly: { type: 'tag', values: tags }, rules: { 'target-size': { enabled: false } }, resultTypes: ['violations'] });
    const size = await axe.run({ include: [['html']], exclude: exempt.map((s) => [s]) }, { runOnly: { type: 'rule', values: ['target-size'] }, resultTypes: ['violations'] });
    return [...all.violations, ...size.violations].map((v) => ({
      id: v.id,
      impact: (v.impact ?? 'minor') as Impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
  }, { tags: TAGS, exempt: TARGET_SIZE_EXEMPT });
}

/** Violations counted by impact. */
export function countByImpact(violations: readonly AxeViolation[]): Record<Impact, number> {
  const out: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) out[v.impact] += v.nodes.length;
  return out;
}

/** A readable report of a scan: the counts, then each rule with a few of its elements. */
export function report(where: string, violations: readonly AxeViolation[]): string {
  const c = countByImpact(violations);
  const lines = [`axe · ${where}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor} (elements)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length})`);
    for (const n of v.nodes.slice(0, 12)) lines.push(`      ${n.target} — ${n.summary.slice(0, 220)}`);
  }
  return lines.join('\n');
}

/** The serious and critical violations: the ones a test refuses. */
export const blocking = (violations: readonly AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
