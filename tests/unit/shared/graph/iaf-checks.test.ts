import { describe, expect, it } from 'vitest';
import { analyzeGraph, flowSteps, type GraphEdge, type GraphFile } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';

/** The problems of a graph file, as "severity code: message". */
function problems(doc: GraphFile): string[] {
  return analyzeGraph(doc.graph, {}, doc.training).problems.map((p) => `${p.severity} ${p.code}: ${p.message}`);
}

/** The IAF template with its edges changed (and nodes added or changed). */
function rewired(change: (edges: GraphEdge[]) => GraphEdge[], nodes: (n: GraphFile['graph']['nodes']) => GraphFile['graph']['nodes'] = (n) => n): GraphFile {
  const doc = loadExample('iaf-vae-mnist');
  return { ...doc, graph: { nodes: nodes(doc.graph.nodes), edges: change(doc.graph.edges) } };
}

const into = (edges: GraphEdge[], node: string, port: string): GraphEdge => edges.find((e) => e.target.node === node && e.target.port === port)!;
const moved = (node: string, port: string, source: GraphEdge['source']) => (edges: GraphEdge[]) => edges.map((e) => (e === into(edges, node, port) ? { ...e, source } : e));

describe('the wiring of an IAF posterior', () => {
  it('finds no problem in the IAF-VAE template and reads its two steps in the order z_0 meets them', () => {
    const doc = loadExample('iaf-vae-mnist');
    expect(problems(doc)).toEqual([]);
    const a = analyzeGraph(doc.graph);
    expect(flowSteps(a.nodes, a.nodes.get('q_z')!)).toEqual([{ stepId: 'step1', madeId: 'made1' }, { stepId: 'step2', madeId: 'made2' }]);
    expect(a.nodes.get('q_z')!.outputs.q).toEqual({ flow: 'distribution', size: 20, domain: 'real', perExample: true, family: 'flow' });
  });

  it('refuses a MADE that reads something else than its step transforms, naming the MADE', () => {
    const p = problems(rewired(moved('made2', 'in', { node: 'q0', port: 'q' })));
    expect(p).toContain('error flow-wiring: MADE made2 must read what IAF step step2 transforms (the output of IAF step step1), so that m_d and s_d depend only on the dimensions before d of that value');
    expect(p).toContain('error flow-wiring: MADE made2 reads q0, a distribution: only the MADE of the first IAF step may, reading its draw z_0; otherwise feed it a value');
  });

  it("refuses a Flow posterior whose 'z' is not an IAF step's output", () => {
    expect(problems(rewired(moved('q_z', 'z', { node: 'made2', port: 'shift' })))).toContain(
      "error flow-wiring: the 'z' of Flow posterior q_z must be the output of an IAF step (z_k = z_{k−1} ⊙ exp(s) + m); it is head 'shift' of made2",
    );
  });

  it('refuses a base that is not a Normal posterior', () => {
    const p = problems(rewired((e) => e, (nodes) => nodes.map((n) => (n.id === 'q0' ? { ...n, kind: 'dist.laplace' } : n))));
    expect(p).toContain('error flow-wiring: the base of Flow posterior q_z is a Normal approximate posterior q_0(z_0 | x) = N(μ(x), σ(x)²); q0 is laplace');
  });

  it('refuses steps that start from another distribution than the base', () => {
    const q1 = { id: 'q1', kind: 'dist.normal', name: 'q1', params: { role: 'posterior' } };
    const doc = rewired((edges) => [
      ...moved('q_z', 'base', { node: 'q1', port: 'q' })(edges),
      { id: 'l1', source: { node: 'encoder', port: 'loc' }, target: { node: 'q1', port: 'loc' } },
      { id: 's1', source: { node: 'encoder', port: 'scale' }, target: { node: 'q1', port: 'scale' } },
    ], (nodes) => [...nodes, q1]);
    expect(problems(doc)).toContain("error flow-wiring: the IAF steps of q_z start from q0, not from its base (q1): connect the base's 'q' to the first step's 'in' and its MADE, which read its draw z_0");
  });

  it('refuses a chain of IAF steps that ends in no Flow posterior', () => {
    const p = problems(rewired((edges) => edges.filter((e) => e !== into(edges, 'q_z', 'z'))));
    expect(p).toContain("error flow-wiring: IAF step step2 leads to no Flow posterior: end its chain of IAF steps in the 'z' of a Flow whose role is approximate posterior");
    expect(p).toContain("error missing-input: Flow density q_z has no input on 'z'");
  });

  it('refuses the score-function estimator with a Flow posterior, naming the latent', () => {
    const doc = rewired((e) => e, (nodes) => nodes.map((n) => (n.id === 'z' ? { ...n, params: { ...n.params, estimator: 'score-function' } } : n)));
    expect(problems(doc)).toEqual([
      'error estimator-unavailable: latent z has a Flow posterior (IAF), whose log-density is computed along its own reparameterised draw: use the reparameterisation estimator, not score-function',
    ]);
  });

  it('refuses a Flow posterior for a latent over positive values', () => {
    const doc = rewired((e) => e, (nodes) => nodes.map((n) => (n.id === 'z' ? { ...n, kind: 'dist.gamma', params: { role: 'latent', size: 20 } } : n)));
    expect(problems(doc).some((p) => p.startsWith('error posterior-support: approximate posterior q_z of latent z is a Flow posterior (IAF); it must be Gamma') && p.endsWith('(a Flow posterior is over real values: it serves latents over real values only)'))).toBe(true);
  });
});
