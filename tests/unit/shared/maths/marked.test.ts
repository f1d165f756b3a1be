import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphFile } from '../../../../shared/graph/index';
import { describeMaths, markedMathsOfAnalysis, mathsOfAnalysis, type MarkedFormula, type MarkedMaths, type ModelMaths } from '../../../../shared/maths/index';
import { loadExample } from '../../../helpers/examples';
import { mathsCoverage } from '../../../helpers/maths-graphs';

/** The formula without its marks: every `\htmlData{term=i}{…}` replaced by what it wraps (braces matched). */
function unmark(latex: string): string {
  const open = /\\htmlData\{term=\d+\}\{/g;
  let out = '';
  let from = 0;
  for (let m = open.exec(latex); m; m = open.exec(latex)) {
    out += latex.slice(from, m.index);
    let depth = 1;
    let i = open.lastIndex;
    for (; depth > 0; i++) {
      if (latex[i] === '\\') i++;
      else if (latex[i] === '{') depth++;
      else if (latex[i] === '}') depth--;
    }
    // The wrapped text may hold marks of its own: unmark it too.
    out += unmark(latex.slice(open.lastIndex, i - 1));
    from = i;
    open.lastIndex = i;
  }
  return out + latex.slice(from);
}

/** The indices of the marks, in order of appearance. */
const markIndices = (f: MarkedFormula): number[] => [...f.latex.matchAll(/\\htmlData\{term=(\d+)\}/g)].map((m) => Number(m[1]));

function marked(doc: GraphFile): { maths: ModelMaths; marked: MarkedMaths } {
  const r = markedMathsOfAnalysis(analyzeGraph(doc.graph, {}, doc.training), doc.training.objective);
  if (!r.ok) throw new Error(`invalid: ${r.problem.message}`);
  return r;
}

describe('the marked formulas of the maths panel', () => {
  it('undoes its own marks (the check can fail)', () => {
    expect(unmark(String.raw`a - \htmlData{term=0}{\beta\,\max(\lambda, \frac{1}{2})} + \htmlData{term=1}{\{x\}}`)).toBe(String.raw`a - \beta\,\max(\lambda, \frac{1}{2}) + \{x\}`);
  });

  it.each(mathsCoverage())('are the printed formulas, character for character, once unmarked: $name', ({ doc }) => {
    const { maths, marked: m } = marked(doc);
    expect(maths).toEqual((describeMaths(doc) as { maths: ModelMaths }).maths);
    expect(unmark(m.joint.latex)).toBe(maths.joint);
    expect(m.posteriorJoint === null ? null : unmark(m.posteriorJoint.latex)).toBe(maths.posteriorJoint);
    expect(unmark(m.objective.latex)).toBe(maths.objective.latex);
    for (const f of [m.joint, m.posteriorJoint, m.objective]) {
      if (!f) continue;
      // One mark per term, numbered in order of appearance.
      expect(markIndices(f)).toEqual(f.terms.map((_, i) => i));
    }
  });

  it.each(mathsCoverage())('mark each factor of the joint, and each log-likelihood and KL of the ELBO, with its node: $name', ({ doc }) => {
    const { maths, marked: m } = marked(doc);
    expect(m.joint.terms.map((t) => [t.nodeId, t.role])).toEqual(maths.model.map((f) => [f.nodeId, f.role]));
    if (m.posteriorJoint) expect(m.posteriorJoint.terms.map((t) => t.nodeId)).toEqual(maths.posterior.map((f) => f.distributionNodeId));
    const terms = m.objective.terms;
    const o = maths.objective;
    // An IWAE bound that samples nothing is log p(x) summed over the latents: one density of all the nodes, unmarked.
    if (o.kind !== 'iwae') expect(terms.length).toBeGreaterThan(0);
    const summedOut = maths.model.some((f) => f.role === 'prior' && !maths.posterior.some((q) => q.nodeId === f.nodeId));
    if (o.kind === 'log-likelihood' || (o.kind === 'elbo' && !summedOut)) {
      expect(terms.filter((t) => t.role === 'likelihood').map((t) => t.nodeId)).toEqual(o.reconstruction.map((r) => r.nodeId));
      expect(terms.filter((t) => t.role === 'kl').map((t) => t.nodeId)).toEqual(o.kl.map((k) => k.nodeId));
    }
    // Every term is highlighted by its own node at least.
    for (const t of [...m.joint.terms, ...terms]) expect(t.nodes).toContain(t.nodeId);
  });

  it('highlights a term by the networks that compute it: the decoder for the likelihood, the encoder for the KL', () => {
    const { marked: m } = marked(loadExample('vae-mnist'));
    const [likelihood, kl] = m.objective.terms;
    expect(likelihood).toEqual({ nodeId: 'x', nodes: ['x', 'decoder'], role: 'likelihood' });
    expect(kl).toEqual({ nodeId: 'z', nodes: ['z', 'q_z', 'encoder'], role: 'kl' });
    expect(m.joint.terms.map((t) => t.nodes)).toEqual([['z'], ['x', 'decoder']]);
  });

  it('marks by index only: node ids of any text never enter the LaTeX', () => {
    const doc = loadExample('vae-mnist');
    const id = 'z}\\htmlClass{x}{y}, data-term=9';
    for (const n of doc.graph.nodes) if (n.id === 'z') n.id = id;
    for (const e of doc.graph.edges) for (const end of [e.source, e.target]) if (end.node === 'z') end.node = id;
    const { marked: m } = marked(doc);
    expect(m.objective.latex).not.toContain('htmlClass');
    expect(m.objective.terms.find((t) => t.role === 'kl')!.nodeId).toBe(id);
  });

  it('gives the problem of an invalid graph, as describeMaths does', () => {
    const doc = loadExample('factors-mnist');
    doc.graph.edges = doc.graph.edges.filter((e) => e.target.port !== 'posterior');
    const analysis = analyzeGraph(doc.graph, {}, doc.training);
    const r = markedMathsOfAnalysis(analysis, doc.training.objective);
    const printed = describeMaths(doc);
    expect(printed.ok).toBe(false);
    expect(r).toEqual({ ok: false, problem: (printed as { problem: unknown }).problem });
    expect(mathsOfAnalysis(analysis, doc.training.objective)).toEqual(printed);
  });
});
