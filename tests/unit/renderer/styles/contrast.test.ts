import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2.x contrast of the design tokens (renderer/styles/tokens.css), pair by pair as the
 * stylesheets use them: text on its background at 4.5:1, large text and the parts of controls and
 * graphics (focus rings, handle borders, edges) at 3:1. A colour changed in the tokens that falls
 * below fails here, naming the pair, before anyone has to notice it on screen.
 */
const css = readFileSync(fileURLToPath(new URL('../../../../renderer/styles/tokens.css', import.meta.url)), 'utf8');

/** The tokens that are plain #rrggbb colours. */
const TOKENS = new Map([...css.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));

/** A token's colour, or a literal #rrggbb (white text on badges is written as #fff in the CSS). */
function colour(name: string): string {
  if (name.startsWith('#')) return name;
  const c = TOKENS.get(name);
  if (!c) throw new Error(`tokens.css has no colour --${name}`);
  return c;
}

/** Relative luminance (WCAG 2.x, sRGB). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(colour(a)), luminance(colour(b))].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const WHITE = '#ffffff';

/** Text (foreground, background), each as drawn somewhere in the stylesheets. */
const TEXT: readonly (readonly [string, string])[] = [
  // Body text, secondary text, hints, counts and the status line, on every neutral ground.
  ...['text', 'text-2', 'text-3'].flatMap((t) => ['bg', 'surface', 'surface-2'].map((b) => [t, b] as const)),
  ['accent', 'surface'],
  ['accent', 'bg'],
  ['accent', 'accent-soft'],
  ['text-3', 'accent-soft'],
  // Problems and run states on white and on their tints.
  ...['error', 'warning', 'ok'].map((t) => [t, 'surface'] as const),
  ['error', 'error-soft'],
  ['warning', 'warning-soft'],
  ['ok', 'parameter-soft'],
  // A node's kind in its header (the category hue on its tint), and the inspector's kind on white.
  ...['data', 'network', 'distribution', 'parameter', 'unknown'].flatMap((c) => [[c, `${c}-soft`], [c, 'surface']] as const),
  // The maths panel: a highlighted formula and its node's chip (a category hue) on the soft accent; the problem that stops it.
  ['text', 'accent-soft'],
  ...['data', 'network', 'distribution', 'parameter', 'unknown'].map((c) => [c, 'accent-soft'] as const),
  ['text', 'error-soft'],
  // A text file's most frequent words and their counts on the data tint (the inspector's preview).
  ['text', 'data-soft'],
  ['text-2', 'data-soft'],
  // White on filled badges, tags and buttons.
  ...['accent', 'accent-hover', 'error', 'warning', 'distribution', 'toast-bg'].map((b) => [WHITE, b] as const),
  // The keyboard connection's banner and the toasts.
  ['accent-on-dark', 'toast-bg'],
];

/** Graphics and the parts of controls that must be seen (WCAG 1.4.11), on the grounds they sit on. */
const UI: readonly (readonly [string, string])[] = [
  ['focus', 'surface'],
  ['focus', 'bg'],
  ['focus', 'surface-2'],
  ['accent-on-dark', 'toast-bg'],
  ['edge', 'bg'],
  ['edge', 'surface'],
  ['edge-sample', 'bg'],
  ...['data', 'network', 'distribution', 'parameter', 'unknown', 'error', 'warning', 'ok'].map((c) => [c, 'surface'] as const),
];

describe('colour contrast of the design tokens', () => {
  it.each(TEXT)('text %s on %s reaches 4.5:1', (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI)('control or graphic %s on %s reaches 3:1', (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(3);
  });

  it('computes the known ratios (black on white 21:1, a grey at the AA limit)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
