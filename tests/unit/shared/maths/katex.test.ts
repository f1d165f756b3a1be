import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { describeMaths, mathsFormulas } from '../../../../shared/maths/index';
import { mathsCoverage } from '../../../helpers/maths-graphs';

/** KaTeX as the panel will run it, strict: an unknown command or a character it would warn about is an error. */
function render(latex: string): string {
  return katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'error' });
}

describe('every formula renders with KaTeX', () => {
  it('refuses what KaTeX cannot render (the check can fail)', () => {
    expect(() => render('\\frac{1}{')).toThrow();
    expect(() => render('\\notacommand{x}')).toThrow();
  });

  it.each(mathsCoverage())('$name', ({ doc }) => {
    const result = describeMaths(doc);
    if (!result.ok) throw new Error(`the coverage graph is invalid: ${result.problem.message}`);
    const formulas = mathsFormulas(result.maths);
    expect(formulas.length).toBeGreaterThanOrEqual(3);
    for (const f of formulas) {
      expect(() => render(f), f).not.toThrow();
      expect(render(f)).toContain('katex-display');
      // KaTeX renders a half-built formula (\\frac{a}{}, a line starting with ', S = 3') without complaint: refuse them here.
      expect(f, f).not.toMatch(/(?<!\\)\{\}/);
      expect(f, f).not.toMatch(/^\s*[,;]/);
    }
  });
});
