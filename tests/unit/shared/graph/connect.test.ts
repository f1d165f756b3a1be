import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canConnect, validateGraph, type Graph, type GraphEdge, type GraphNode, type PortRef } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';

const vae = (): Graph => loadExample('vae-mnist').graph;
const at = (node: string, port: string): PortRef => ({ node, port });
const withNodes = (g: Graph, ...nodes: GraphNode[]): Graph => ({ ...g, nodes: [...g.nodes, ...nodes] });
const withEdge = (g: Graph, id: string, from: PortRef, to: PortRef): Graph => ({ ...g, edges: [...g.edges, { id, source: from, target: to }] });
const without = (g: Graph, edgeId: string): Graph => ({ ...g, edges: g.edges.filter((e) => e.id !== edgeId) });

function reason(result: ReturnType<typeof canConnect>): string {
  if (result.ok) throw new Error('expected the edge to be refused');
  return result.reason;
}

describe('canConnect', () => {
  it('builds the VAE edge by edge, accepting every edge', () => {
    const full = vae();
    let g: Graph = { nodes: full.nodes, edges: [] };
    for (const e of full.edges) {
      expect(canConnect(g, e.source, e.target), e.id).toEqual({ ok: true });
      g = { ...g, edges: [...g.edges, e] };
    }
    expect(validateGraph(g)).toEqual([]);
  });

  it('accepts the VAE\'s edges in any order', () => {
    const full = vae();
    fc.assert(fc.property(fc.shuffledSubarray(full.edges, { minLength: full.edges.length }), (edges: GraphEdge[]) => {
      let g: Graph = { nodes: full.nodes, edges: [] };
      for (const e of edges) {
        if (!canConnect(g, e.source, e.target).ok) return false;
        g = { ...g, edges: [...g.edges, e] };
      }
      return true;
    }), { numRuns: 50 });
  });

  it('refuses an edge from a node to itself', () => {
    expect(reason(canConnect(vae(), at('z', 'sample'), at('z', 'loc')))).toBe('an edge cannot go from z to itself: a node cannot depend on its own output');
  });

  it('refuses an edge that starts at an input', () => {
    expect(reason(canConnect(vae(), at('q_z', 'loc'), at('x', 'logits')))).toBe("'loc' of q_z is an input: an edge starts at an output");
  });

  it('refuses an edge that ends at an output', () => {
    expect(reason(canConnect(vae(), at('encoder', 'loc'), at('mnist', 'x')))).toBe("'x' of mnist is an output: an edge ends at an input");
  });

  it('refuses a port a node does not have', () => {
    expect(reason(canConnect(vae(), at('encoder', 'mean'), at('decoder', 'in')))).toBe("encoder has no port 'mean'");
  });

  it('refuses a sample bound to an observed variable, in the model\'s words', () => {
    const g = without(vae(), 'e7');
    expect(reason(canConnect(g, at('z', 'sample'), at('x', 'value')))).toBe('a sample (the sample of z) cannot be bound to observed x: an observed variable binds to a data output');
  });

  it('refuses a value where an approximate posterior is expected', () => {
    const g = without(vae(), 'e4');
    expect(reason(canConnect(g, at('encoder', 'loc'), at('z', 'posterior')))).toMatch(/cannot be the approximate posterior of z/);
  });

  it('refuses a second edge into a port that takes one input', () => {
    const g = withNodes(vae(), { id: 'net', kind: 'network.mlp', name: 'net', params: { heads: [{ name: 'loc', size: 20 }] } });
    expect(reason(canConnect(g, at('net', 'loc'), at('q_z', 'loc')))).toBe("'loc' of q_z takes one input and already has head 'loc' of encoder: disconnect it first");
  });

  it('refuses the same edge twice into a port that takes several', () => {
    expect(reason(canConnect(vae(), at('mnist', 'x'), at('encoder', 'in')))).toBe("'x' of mnist is already connected to 'in' of encoder");
  });

  it('accepts a second input into a port that takes several', () => {
    expect(canConnect(vae(), at('mnist', 'label'), at('encoder', 'in'))).toEqual({ ok: true });
  });

  it('refuses an edge that would close a cycle, naming the nodes on it', () => {
    expect(reason(canConnect(vae(), at('decoder', 'logits'), at('encoder', 'in')))).toBe(
      "connecting head 'logits' of decoder to 'in' of encoder would make a cycle (encoder → q_z → z → decoder → encoder); a model's dependencies must run one way",
    );
  });

  it('refuses class indices into a Normal\'s loc', () => {
    expect(reason(canConnect(vae(), at('mnist', 'label'), at('z', 'loc')))).toBe("loc of z takes a vector; 'label' of mnist holds class indices");
  });

  it('refuses data a family cannot observe', () => {
    const g = withNodes(without(vae(), 'e7'), { id: 'moons', kind: 'data.twoMoons', name: 'moons', params: {} });
    expect(reason(canConnect(g, at('moons', 'x'), at('x', 'value')))).toMatch(/^Bernoulli x observes values in \[0, 1\]; 'x' of moons holds real values/);
  });

  it('refuses an approximate posterior of another family than its latent', () => {
    const g = withNodes(without(vae(), 'e4'), { id: 'qb', kind: 'dist.bernoulli', name: 'qb', params: { role: 'posterior', size: 20 } });
    expect(reason(canConnect(g, at('qb', 'q'), at('z', 'posterior')))).toMatch(/must be Normal or Laplace, a family over the support of z \(real values\)/);
  });

  it('refuses data whose size clashes with a size fixed by other data', () => {
    // y observes two-moons points (2 values); mnist images (784) can never be its loc.
    let g: Graph = { nodes: [
      { id: 'moons', kind: 'data.twoMoons', name: 'moons', params: {} },
      { id: 'mnist', kind: 'data.mnist', name: 'mnist', params: {} },
      { id: 'y', kind: 'dist.normal', name: 'y', params: { role: 'observed' } },
    ], edges: [] };
    g = withEdge(g, 'e1', at('moons', 'x'), at('y', 'value'));
    expect(reason(canConnect(g, at('mnist', 'x'), at('y', 'loc')))).toBe("Normal y needs loc of size 2; 'x' of mnist gives 784; both sizes come from data, so no setting can make them agree");
  });

  it('refuses binding data whose size clashes with data already on a parameter', () => {
    let g: Graph = { nodes: [
      { id: 'moons', kind: 'data.twoMoons', name: 'moons', params: {} },
      { id: 'mnist', kind: 'data.mnist', name: 'mnist', params: {} },
      { id: 'y', kind: 'dist.normal', name: 'y', params: { role: 'observed' } },
    ], edges: [] };
    g = withEdge(g, 'e1', at('mnist', 'x'), at('y', 'loc'));
    expect(reason(canConnect(g, at('moons', 'x'), at('y', 'value')))).toMatch(/both sizes come from data/);
  });

  it('accepts a size mismatch that a network head\'s size can fix (and validation reports it)', () => {
    const g = vae();
    const decoder = g.nodes.find((n) => n.id === 'decoder')!;
    decoder.params = { ...decoder.params, heads: [{ name: 'logits', size: 20 }] };
    const h = without(g, 'e6');
    expect(canConnect(h, at('decoder', 'logits'), at('x', 'logits'))).toEqual({ ok: true });
    expect(validateGraph(withEdge(h, 'e6', at('decoder', 'logits'), at('x', 'logits')))).toContainEqual(expect.objectContaining({ code: 'size-mismatch', nodeId: 'x' }));
  });

  it('accepts data into a distribution whose size param disagrees (the size can be changed)', () => {
    const g = withNodes(vae(), { id: 'w', kind: 'dist.normal', name: 'w', params: { role: 'observed', size: 5 } });
    expect(canConnect(g, at('mnist', 'x'), at('w', 'value'))).toEqual({ ok: true });
  });

  it('accepts a sample whose size is a setting, even against data', () => {
    const g = withNodes(vae(), { id: 'y', kind: 'dist.normal', name: 'y', params: { role: 'observed' } });
    const h = withEdge(g, 'e8', at('mnist', 'x'), at('y', 'value'));
    expect(canConnect(h, at('z', 'sample'), at('y', 'loc'))).toEqual({ ok: true });
  });

  it('accepts a scale that is not yet positive (a softplus can fix it)', () => {
    const g = without(vae(), 'e3');
    expect(canConnect(g, at('encoder', 'loc'), at('q_z', 'scale'))).toEqual({ ok: true });
  });

  it('refuses nodes that are missing, of an unknown kind, or with invalid settings', () => {
    const g = withNodes(vae(),
      { id: 'odd', kind: 'network.transformer', name: 'odd', params: {} },
      { id: 'bad', kind: 'network.mlp', name: 'bad', params: { hidden: [-1] } });
    expect(reason(canConnect(g, at('nope', 'x'), at('encoder', 'in')))).toBe("there is no node 'nope' in the graph");
    expect(reason(canConnect(g, at('odd', 'out'), at('encoder', 'in')))).toMatch(/does not know/);
    expect(reason(canConnect(g, at('mnist', 'x'), at('bad', 'in')))).toMatch(/^MLP bad has invalid settings .*fix them before connecting it$/);
  });
});
