import katex, { type KatexOptions } from 'katex';

/**
 * KaTeX as the maths panel runs it. Formulas are typeset inline in display style, so a long one
 * breaks after a relation or a binary operator (KaTeX breaks lines only in inline mode) instead of
 * running out of a narrow panel. `\htmlData` is the one HTML command trusted, and only with the
 * panel's `term` attribute (the marks of shared/maths/marks.ts); anything else KaTeX would warn
 * about is an error, so a formula renders as written or not at all.
 */
export const KATEX_OPTIONS: KatexOptions = {
  displayMode: false,
  throwOnError: true,
  output: 'htmlAndMathml',
  trust: (context) => context.command === '\\htmlData' && Object.keys(context.attributes).every((key) => key === 'data-term'),
  strict: (code) => (code === 'htmlExtension' ? 'ignore' : 'error'),
};

/** A formula as HTML, or why KaTeX could not render it. */
export type RenderedFormula = { readonly ok: true; readonly html: string } | { readonly ok: false; readonly message: string };

/** Renders many formulas again after each edit, most of them unchanged: keep the last few hundred. */
const CACHE_LIMIT = 400;
const cache = new Map<string, RenderedFormula>();

/** Renders one formula (cached by its text); a KaTeX error is returned, never thrown. */
export function renderFormula(latex: string): RenderedFormula {
  const hit = cache.get(latex);
  if (hit) return hit;
  let out: RenderedFormula;
  try {
    out = { ok: true, html: katex.renderToString(`\\displaystyle ${latex}`, KATEX_OPTIONS) };
  } catch (e) {
    out = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(latex, out);
  return out;
}
