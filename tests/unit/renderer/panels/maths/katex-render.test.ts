import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../../shared/graph/index';
import { markedMathsOfAnalysis, mathsFormulas } from '../../../../../shared/maths/index';
import { renderFormula } from '../../../../../renderer/panels/maths/katex-render';
import { loadExample } from '../../../../helpers/examples';
import { mathsCoverage } from '../../../../helpers/maths-graphs';

/** Renders as the panel does, failing the test on a KaTeX error. */
function html(latex: string): string {
  const r = renderFormula(latex);
  if (!r.ok) throw new Error(`${r.message}\n${latex}`);
  return r.html;
}

/** The `data-term` attributes of rendered HTML, in order. */
const dataTerms = (h: string): number[] => [...h.matchAll(/data-term="(\d+)"/g)].map((m) => Number(m[1]));

describe('KaTeX as the maths panel runs it', () => {
  it.each(mathsCoverage())('renders every formula, its marks as data-term attributes of its terms: $name', ({ doc }) => {
    const r = markedMathsOfAnalysis(analyzeGraph(doc.graph, {}, doc.training), doc.training.objective);
    if (!r.ok) throw new Error(r.problem.message);
    for (const f of mathsFormulas(r.maths)) expect(html(f)).not.toContain('katex-error');
    for (const f of [r.marked.joint, r.marked.posteriorJoint, r.marked.objective]) {
      if (!f) continue;
      const h = html(f.latex);
      expect(dataTerms(h), f.latex).toEqual(f.terms.map((_, i) => i));
      // An untrusted command would be drawn in KaTeX's error colour instead.
      expect(h).not.toContain('#cc0000');
    }
  });

  it('maps each mark of the VAE back to its node', () => {
    const doc = loadExample('vae-mnist');
    const r = markedMathsOfAnalysis(analyzeGraph(doc.graph, {}, doc.training), doc.training.objective);
    if (!r.ok) throw new Error(r.problem.message);
    const nodeOf = (latex: string, terms: readonly { nodeId: string }[]) => dataTerms(html(latex)).map((i) => terms[i]!.nodeId);
    expect(nodeOf(r.marked.joint.latex, r.marked.joint.terms)).toEqual(['z', 'x']);
    expect(nodeOf(r.marked.objective.latex, r.marked.objective.terms)).toEqual(['x', 'z']);
  });

  it('trusts \\htmlData with the term attribute only: no other attribute, class, style or link reaches the page', () => {
    expect(html('\\htmlData{term=0}{x}')).toContain('data-term="0"');
    for (const [latex, refused] of [
      ['\\htmlData{onclick=alert(1)}{x}', 'onclick'],
      ['\\htmlData{term=0, foo=1}{x}', 'data-foo'],
      ['\\htmlClass{evil}{x}', 'evil'],
      ['\\htmlStyle{color: red}{x}', 'color: red'],
      ['\\htmlId{evil}{x}', 'id="evil"'],
      ['\\href{https://example.com}{x}', 'href='],
    ] as const) {
      const r = renderFormula(latex);
      // Refused: drawn as an error in KaTeX's colour (the source is kept only in the MathML's annotation), never applied.
      if (r.ok) expect(r.html.replace(/<annotation[^]*?<\/annotation>/, ''), latex).not.toContain(refused);
    }
  });

  it('returns a KaTeX error instead of throwing, and is strict about anything else', () => {
    expect(renderFormula('\\frac{1}{')).toEqual({ ok: false, message: expect.stringContaining('KaTeX parse error') });
    expect(renderFormula('\\notacommand{x}').ok).toBe(false);
    // A character KaTeX would only warn about (unicode text in math mode) is an error here.
    expect(renderFormula('é').ok).toBe(false);
  });

  it('typesets inline in display style, so a long formula can break after = and binary operators', () => {
    const h = html('a = b + c');
    expect(h).not.toContain('katex-display');
    expect(h.match(/class="katex-base"/g)!.length).toBe(3);
  });
});
