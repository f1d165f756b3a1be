import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphFile } from '../../../../../shared/graph/index';
import { markedMathsOfAnalysis } from '../../../../../shared/maths/index';
import { isHighlighted, mathsView, type MathsEntry, type MathsView } from '../../../../../renderer/panels/maths/maths-view';
import { loadExample } from '../../../../helpers/examples';
import { hierarchy } from '../../../../helpers/maths-graphs';

/** The panel's content for a graph file, as the store's analysis gives it. */
function viewOf(doc: GraphFile): MathsView {
  return mathsView(doc.graph, markedMathsOfAnalysis(analyzeGraph(doc.graph, {}, doc.training), doc.training.objective));
}

function sectionsOf(doc: GraphFile) {
  const v = viewOf(doc);
  if (v.kind !== 'maths') throw new Error(`no maths: ${v.kind}`);
  return v.sections;
}

/** The keys of the entries a selection highlights. */
function highlighted(doc: GraphFile, selected: string[]): string[] {
  const set = new Set(selected);
  return sectionsOf(doc).flatMap((s) => s.entries).filter((e: MathsEntry) => isHighlighted(e.nodes, set)).map((e) => e.key);
}

describe('the maths panel’s content', () => {
  it('is a hint for an empty graph', () => {
    expect(viewOf({ ...loadExample('vae-mnist'), graph: { nodes: [], edges: [] } }).kind).toBe('empty');
  });

  it('is the problem that stops the maths, with its node, for an invalid graph', () => {
    const doc = loadExample('factors-mnist');
    doc.graph.edges = doc.graph.edges.filter((e) => e.id !== 'e5');
    const v = viewOf(doc);
    expect(v.kind).toBe('invalid');
    if (v.kind !== 'invalid') return;
    expect(v.problem.severity).toBe('error');
    expect(v.node).toEqual({ nodeId: v.problem.nodeId, name: doc.graph.nodes.find((n) => n.id === v.problem.nodeId)!.name, category: expect.any(String) });
  });

  it('has the four parts of the latent factor model, each entry with its node', () => {
    const sections = sectionsOf(loadExample('factors-mnist'));
    expect(sections.map((s) => s.title)).toEqual(['Generative model', 'Approximate posterior', 'Objective', 'Gradient estimators']);
    const [model, posterior, objective, estimators] = sections;
    expect(model!.entries.map((e) => [e.source?.name ?? null, e.caption])).toEqual([[null, null], ['z', 'prior'], ['x', 'likelihood']]);
    expect(posterior!.entries.map((e) => [e.source, e.caption])).toEqual([[{ nodeId: 'q_z', name: 'q_z', category: 'distribution' }, 'posterior of z']]);
    expect(objective!.detail).toBe('ELBO, 1 sample per example');
    expect(objective!.entries[0]!.chips.map((c) => [c.node.name, c.label])).toEqual([['x', 'likelihood'], ['z', 'KL, closed form']]);
    const estimator = estimators!.entries[0]!;
    expect(estimator.source?.nodeId).toBe('z');
    expect(estimator.lines[0]).toBe(String.raw`z\colon \text{score function, baseline: moving-average}`);
  });

  it('leaves out the posterior and the estimators of a model without latents', () => {
    const sections = sectionsOf(loadExample('classifier-mnist'));
    expect(sections.map((s) => s.title)).toEqual(['Generative model', 'Objective']);
    expect(sections[1]!.detail).toBe('log-likelihood (no latent variable)');
  });

  it('highlights what a selected node writes: a network its factors, a latent its factors and estimator', () => {
    const doc = loadExample('factors-mnist');
    expect(highlighted(doc, ['decoder'])).toEqual(['likelihood:x']);
    expect(highlighted(doc, ['encoder'])).toEqual(['posterior:z']);
    expect(highlighted(doc, ['phi'])).toEqual(['prior:z']);
    expect(highlighted(doc, ['z'])).toEqual(['prior:z', 'posterior:z', 'estimator:z']);
    expect(highlighted(doc, ['q_z'])).toEqual(['posterior:z', 'estimator:z']);
    expect(highlighted(doc, ['mnist'])).toEqual([]);
    // The objective's KL chip lights up with the encoder (it computes q), its likelihood chip with the decoder.
    const chips = sectionsOf(doc)[2]!.entries[0]!.chips;
    expect(chips.map((c) => isHighlighted(c.nodes, new Set(['encoder'])))).toEqual([false, true]);
    expect(chips.map((c) => isHighlighted(c.nodes, new Set(['decoder'])))).toEqual([true, false]);
  });

  it('writes a posterior of several latents as their product before its factors', () => {
    const [, posterior] = sectionsOf(hierarchy());
    expect(posterior!.entries.map((e) => e.key)).toEqual(['posterior-joint', 'posterior:z1', 'posterior:z2']);
    expect(posterior!.entries[0]!.terms.map((t) => t.nodeId)).toEqual(['q1', 'q2']);
  });
});
