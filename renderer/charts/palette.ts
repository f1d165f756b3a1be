/**
 * Colours of the training dock: one per run (compared runs overlaid on the same chart) and one per
 * class label (latent maps). Both are colour-blind-friendly published palettes.
 */

/**
 * Run colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable
 * under the common colour-vision deficiencies. Its yellow is left out (unreadable as a thin line on
 * white) and black comes last (it reads as an axis).
 */
export const RUN_COLORS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Class colours for up to ten labels: Tableau 10 (Tableau's default categorical palette since 2016). */
export const CLASS_COLORS: readonly string[] = [
  '#4E79A7',
  '#F28E2B',
  '#E15759',
  '#76B7B2',
  '#59A14F',
  '#EDC948',
  '#B07AA1',
  '#FF9DA7',
  '#9C755F',
  '#BAB0AC',
];

/** The grey of reference data drawn beneath a model's output (held-out points under samples). */
export const REFERENCE_GREY = '#9aa3b0';

/** Cyclic index into a palette; negative and fractional indices are folded onto it. */
function pick(palette: readonly string[], index: number): string {
  const n = palette.length;
  const i = ((Math.trunc(index) % n) + n) % n;
  return palette[i]!;
}

/** The colour of the run at `index` in the list being compared (wraps after {@link RUN_COLORS}). */
export function runColor(index: number): string {
  return pick(RUN_COLORS, index);
}

/** The colour of class `label` (0, 1, …; wraps after ten). */
export function classColor(label: number): string {
  return pick(CLASS_COLORS, label);
}

/**
 * Dash patterns that tell apart several lines of one colour (the latents of one run on the KL chart):
 * solid first, then increasingly broken.
 */
export const DASHES: readonly (string | undefined)[] = [undefined, '6 3', '2 2', '8 3 2 3', '1 3'];

/** The dash pattern of the `index`-th line sharing a colour (wraps). */
export function dashFor(index: number): string | undefined {
  const n = DASHES.length;
  return DASHES[((Math.trunc(index) % n) + n) % n];
}
