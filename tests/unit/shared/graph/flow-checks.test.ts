import { describe, expect, it } from 'vitest';
import { analyzeGraph, flowSteps, type GraphEdge, type GraphFile } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';

/** The problems of a graph file, as "code: message". */
function problems(doc: GraphFile): string[] {
  return analyzeGraph(doc.graph, {}, doc.training).problems.map((p) => `${p.severity} ${p.code}: ${p.message}`);
}

/** The MAF template with one edge's target or source moved. */
function rewired(change: (edges: GraphEdge[]) => GraphEdge[], extraNodes: GraphFile['graph']['nodes'] = []): GraphFile {
  const doc = loadExample('maf-two-moons');
  return { ...doc, graph: { nodes: [...doc.graph.nodes, ...extraNodes], edges: change(doc.graph.edges) } };
}

const edgeInto = (edges: GraphEdge[], node: string, port: string): GraphEdge => edges.find((e) => e.target.node === node && e.target.port === port)!;

describe('the wiring of a flow', () => {
  it('finds no problem in the MAF template and reads its four steps in the order x meets them', () => {
    const doc = loadExample('maf-two-moons');
    expect(problems(doc)).toEqual([]);
    const a = analyzeGraph(doc.graph);
    expect(flowSteps(a.nodes, a.nodes.get('x')!)).toEqual([1, 2, 3, 4].map((k) => ({ stepId: `step${k}`, madeId: `made${k}` })));
  });

  it('refuses a step whose shift and log-scale come from two MADEs', () => {
    const doc = rewired((edges) => edges.map((e) => (e === edgeInto(edges, 'step2', 'logScale') ? { ...e, source: { node: 'made1', port: 'logScale' } } : e)));
    expect(problems(doc)).toContain("error flow-wiring: flow step step2 takes its shift and log-scale from the 'shift' and 'logScale' heads of one MADE; it has head 'shift' of made2 and head 'logScale' of made1");
  });

  it('refuses a MADE that reads something else than its step transforms (the Jacobian would not be triangular)', () => {
    const doc = rewired((edges) => edges.map((e) => (e === edgeInto(edges, 'made2', 'in') ? { ...e, source: { node: 'moons', port: 'x' } } : e)));
    expect(problems(doc)).toContain("error flow-wiring: MADE made2 must read what flow step step2 transforms (the output u of flow step step1), so that m_d and s_d depend only on the dimensions before d of that value");
  });

  it('refuses a step output used outside the flow, and a flow whose u is not a step', () => {
    const normal = { id: 'y', kind: 'dist.normal', name: 'y', params: { role: 'observed' } };
    const out = rewired((edges) => [...edges, { id: 'extra', source: { node: 'step2', port: 'out' }, target: { node: 'y', port: 'loc' } }, { id: 'extra2', source: { node: 'moons', port: 'x' }, target: { node: 'y', port: 'value' } }], [normal]);
    expect(problems(out)).toContain("error flow-wiring: the output u of flow step step2 goes to y; it can go only into the next flow step and its MADE, or into a Flow density's 'u'");
    const notStep = rewired((edges) => edges.map((e) => (e === edgeInto(edges, 'x', 'u') ? { ...e, source: { node: 'made4', port: 'shift' } } : e)));
    expect(problems(notStep)).toContain("error flow-wiring: the 'u' of Flow density x must be the output of an affine flow step; it is head 'shift' of made4");
  });

  it('refuses a flow whose steps start from other data than it observes', () => {
    const doc = rewired((edges) => edges.map((e) => (e.source.node === 'moons' && e.target.node !== 'x' ? { ...e, source: { node: 'moons', port: 'label' } } : e)));
    expect(problems(doc).filter((p) => p.includes('flow-wiring'))).toEqual([
      "error flow-wiring: the flow steps of x start from 'label' of moons, not from the data it observes ('x' of moons): connect that data to the first step's 'in' and its MADE",
    ]);
  });

  it('refuses a Flow density over class labels, naming the node', () => {
    const doc = rewired((edges) => edges.map((e) => (e === edgeInto(edges, 'x', 'value') ? { ...e, source: { node: 'moons', port: 'label' } } : e)));
    expect(problems(doc).some((p) => p.startsWith('error domain-mismatch: Flow density x is a density over real vectors;'))).toBe(true);
  });
});
