import { describe, expect, it } from 'vitest';
import { analyzeGraph, validateGraph, type Graph, type GraphEdge, type GraphNode, type Problem } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';

const vae = (): Graph => loadExample('vae-mnist').graph;
const classifier = (): Graph => loadExample('classifier-mnist').graph;
const errors = (g: Graph): Problem[] => validateGraph(g).filter((p) => p.severity === 'error');
const node = (g: Graph, id: string): GraphNode => g.nodes.find((n) => n.id === id)!;
const edge = (id: string, from: string, fromPort: string, to: string, toPort: string): GraphEdge => ({ id, source: { node: from, port: fromPort }, target: { node: to, port: toPort } });
const without = (g: Graph, edgeId: string): Graph => ({ ...g, edges: g.edges.filter((e) => e.id !== edgeId) });

describe('graph validation', () => {
  it('finds no problem in the examples', () => {
    expect(validateGraph(vae())).toEqual([]);
    expect(validateGraph(classifier())).toEqual([]);
  });

  it('infers batch-free event shapes along every edge of the VAE', () => {
    const a = analyzeGraph(vae());
    expect(a.nodes.get('encoder')!.outputs).toMatchObject({ loc: { size: 20, domain: 'real', perExample: true }, scale: { size: 20, domain: 'positive' } });
    expect(a.nodes.get('q_z')!.outputs.q).toMatchObject({ flow: 'distribution', family: 'normal', size: 20 });
    expect(a.nodes.get('z')!.outputs.sample).toMatchObject({ flow: 'sample', size: 20 });
    expect(a.nodes.get('decoder')!.outputs.logits).toMatchObject({ size: 784 });
    expect(a.order.indexOf('encoder')).toBeLessThan(a.order.indexOf('decoder'));
  });

  it('says a latent has no approximate posterior', () => {
    const p = errors(without(vae(), 'e4'));
    expect(p).toContainEqual(expect.objectContaining({ code: 'latent-no-posterior', nodeId: 'z', port: 'posterior', message: 'latent z has no approximate posterior' }));
  });

  it('names both sides of a size mismatch in the model\'s language', () => {
    const g = vae();
    (node(g, 'decoder').params.heads as Array<{ size: number }>)[0]!.size = 20;
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'size-mismatch', nodeId: 'x', port: 'logits', message: "Bernoulli x needs logits of size 784; head 'logits' of decoder gives 20" }));
  });

  it('says when a posterior and its latent differ in size', () => {
    const g = vae();
    node(g, 'z').params.size = 10;
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'size-mismatch', nodeId: 'z', port: 'posterior' }));
  });

  it('refuses a sample bound as observed data', () => {
    const g = vae();
    g.edges = g.edges.map((e) => (e.id === 'e7' ? edge('e7', 'z', 'sample', 'x', 'value') : e));
    const p = errors(g);
    expect(p).toContainEqual(expect.objectContaining({ code: 'edge-flow-mismatch', nodeId: 'x', port: 'value' }));
    expect(p.find((q) => q.code === 'edge-flow-mismatch')!.message).toMatch(/observed x: an observed variable binds to a data output/);
  });

  it('says an observed variable is not bound to data', () => {
    expect(errors(without(vae(), 'e7'))).toContainEqual(expect.objectContaining({ code: 'missing-input', nodeId: 'x', port: 'value' }));
  });

  it('says a network has no input', () => {
    expect(errors(without(vae(), 'e5'))).toContainEqual(expect.objectContaining({ code: 'missing-input', nodeId: 'decoder', port: 'in' }));
  });

  it('refuses a scale that can be negative', () => {
    const g = vae();
    (node(g, 'encoder').params.heads as Array<{ activation: string }>)[1]!.activation = 'linear';
    const p = errors(g).find((q) => q.code === 'not-positive')!;
    expect(p).toMatchObject({ nodeId: 'q_z', port: 'scale' });
    expect(p.message).toMatch(/scale of q_z must be positive.*softplus/);
    node(g, 'q_z').params.scaleLink = 'softplus';
    expect(errors(g).filter((q) => q.code === 'not-positive')).toEqual([]);
  });

  it('finds a cycle and names the nodes on it', () => {
    const g = vae();
    g.edges.push(edge('loop', 'z', 'sample', 'encoder', 'in'));
    const p = errors(g).find((q) => q.code === 'cycle')!;
    expect(p.message).toMatch(/cycle: .*encoder.*q_z.*z/);
  });

  it('points at an invalid parameter by its path', () => {
    const g = vae();
    node(g, 'encoder').params.hidden = [0];
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'invalid-param', nodeId: 'encoder', param: 'hidden.0' }));
  });

  it('does not tell a node downstream of invalid settings that its input is missing', () => {
    const g = vae();
    node(g, 'decoder').params.hidden = [100_000];
    const problems = errors(g);
    expect(problems.filter((p) => p.code === 'invalid-param').map((p) => p.nodeId)).toEqual(['decoder']);
    // x's logits come from the decoder: unreadable until it is fixed, not missing.
    expect(problems.filter((p) => p.nodeId === 'x')).toEqual([]);
  });

  it('says an invalid item as the inspector numbers it, in the list and at the field', () => {
    const g = vae();
    node(g, 'encoder').params.hidden = [0];
    node(g, 'decoder').params.heads = [{ name: 'logits', size: 0 }];
    const byParam = new Map(errors(g).filter((p) => p.code === 'invalid-param').map((p) => [p.param, [p.message, p.fieldMessage]]));
    expect(byParam.get('hidden.0')).toEqual(['MLP encoder: layer 1 of hidden: must be at least 1', 'layer 1: must be at least 1']);
    expect(byParam.get('heads.0.size')).toEqual(['MLP decoder: head 1 size of heads: must be at least 1', 'head 1 size: must be at least 1']);
  });

  it('says a kind is unknown', () => {
    const g = vae();
    g.nodes.push({ id: 'w', kind: 'network.transformer', name: 'w', params: {} });
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'unknown-kind', nodeId: 'w' }));
  });

  it('says an edge uses a port that does not exist, listing the real ones', () => {
    const g = vae();
    g.edges.push(edge('bad', 'encoder', 'scal', 'q_z', 'scale'));
    const p = errors(g).find((q) => q.code === 'edge-unknown-port')!;
    expect(p.message).toContain("'scal' of encoder");
    expect(p.message).toContain('in, loc, scale');
  });

  it('says an edge refers to a missing node', () => {
    const g = vae();
    g.edges.push(edge('ghost', 'nowhere', 'x', 'encoder', 'in'));
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'edge-unknown-node', edgeId: 'ghost' }));
  });

  it('refuses an edge from an input port', () => {
    const g = vae();
    g.edges.push(edge('back', 'x', 'logits', 'decoder', 'in'));
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'edge-wrong-direction' }));
  });

  it('says a single-input port has two inputs', () => {
    const g = vae();
    g.edges.push(edge('twice', 'encoder', 'loc', 'q_z', 'scale'));
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'port-takes-one', nodeId: 'q_z', port: 'scale' }));
  });

  it('says duplicate names and ids', () => {
    const g = vae();
    node(g, 'decoder').name = 'encoder';
    g.nodes.push({ ...node(g, 'x') });
    const codes = errors(g).map((p) => p.code);
    expect(codes).toContain('duplicate-name');
    expect(codes).toContain('duplicate-node-id');
  });

  it('says an approximate posterior is unused or shared', () => {
    const g = vae();
    g.nodes.push({ id: 'q2', kind: 'dist.normal', name: 'q2', params: { role: 'posterior', size: 3 } });
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'posterior-unused', nodeId: 'q2' }));
    const h = vae();
    h.nodes.push({ id: 'z2', kind: 'dist.normal', name: 'z2', params: { role: 'latent' } });
    h.edges.push(edge('share', 'q_z', 'q', 'z2', 'posterior'));
    expect(errors(h)).toContainEqual(expect.objectContaining({ code: 'posterior-shared', nodeId: 'q_z' }));
  });

  it('refuses a posterior of another family than its latent', () => {
    const g = vae();
    g.nodes.push({ id: 'qb', kind: 'dist.bernoulli', name: 'qb', params: { role: 'posterior', size: 20 } });
    g.edges = g.edges.map((e) => (e.id === 'e4' ? edge('e4', 'qb', 'q', 'z', 'posterior') : e));
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'posterior-support', nodeId: 'z' }));
  });

  it('says which observations a family cannot make', () => {
    const g = classifier();
    g.edges = g.edges.map((e) => (e.id === 'e3' ? edge('e3', 'mnist', 'x', 'label', 'value') : e));
    const p = errors(g).find((q) => q.code === 'domain-mismatch')!;
    expect(p.message).toMatch(/Categorical label observes one class index per example, the counts of a bag of words, or a sequence of token ids; 'x' of mnist holds values in \[0, 1\]/);
  });

  it('checks a Categorical\'s classes against its logits', () => {
    const g = classifier();
    (node(g, 'classifier').params.heads as Array<{ size: number }>)[0]!.size = 5;
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'size-mismatch', message: "Categorical label needs logits of size 10; head 'logits' of classifier gives 5" }));
  });

  it('says a latent cannot use an estimator its family does not allow', () => {
    const g = vae();
    node(g, 'z').params.estimator = 'straight-through';
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'estimator-unavailable', nodeId: 'z', param: 'estimator' }));
  });

  it('says a model has nothing observed', () => {
    const g = vae();
    node(g, 'x').params.role = 'latent';
    expect(errors(g).map((p) => p.code)).toContain('no-observed');
  });

  it('says a model reads two data sets', () => {
    const g = classifier();
    g.nodes.push({ id: 'moons', kind: 'data.twoMoons', name: 'moons', params: {} });
    g.nodes.push({ id: 'net2', kind: 'network.mlp', name: 'net2', params: { heads: [{ name: 'o', size: 10 }] } });
    g.edges.push(edge('m1', 'moons', 'x', 'net2', 'in'));
    expect(errors(g).filter((p) => p.code === 'several-datasets')).toHaveLength(2);
  });

  it('warns about an unused head and an unused data set', () => {
    const g = vae();
    g.edges = g.edges.filter((e) => e.id !== 'e3');
    node(g, 'q_z').params.scale = 1;
    const warnings = validateGraph(g).filter((p) => p.severity === 'warning');
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'unused-output', nodeId: 'encoder', port: 'scale' }));
    const h = classifier();
    h.nodes.push({ id: 'extra', kind: 'data.twoMoons', name: 'extra', params: {} });
    expect(validateGraph(h)).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'unused-node', nodeId: 'extra' }));
  });

  it('returns every problem at once', () => {
    const g = without(without(vae(), 'e4'), 'e7');
    (node(g, 'decoder').params.heads as Array<{ size: number }>)[0]!.size = 30;
    const codes = errors(g).map((p) => p.code).sort();
    expect(codes).toEqual(['latent-no-posterior', 'missing-input', 'posterior-unused']);
    const h = without(vae(), 'e4');
    (node(h, 'decoder').params.heads as Array<{ size: number }>)[0]!.size = 30;
    expect(errors(h).map((p) => p.code).sort()).toEqual(['latent-no-posterior', 'posterior-unused', 'size-mismatch']);
  });

  it('uses class counts learnt from data to check a CSV label', () => {
    const g: Graph = {
      nodes: [
        { id: 'csv', kind: 'data.csv', name: 'table', params: { path: 't.csv', columns: ['a', 'b'], labelColumn: 'kind' } },
        { id: 'net', kind: 'network.mlp', name: 'net', params: { hidden: [8], heads: [{ name: 'logits', size: 4 }] } },
        { id: 'y', kind: 'dist.categorical', name: 'y', params: { role: 'observed' } },
      ],
      edges: [edge('a', 'csv', 'x', 'net', 'in'), edge('b', 'net', 'logits', 'y', 'logits'), edge('c', 'csv', 'label', 'y', 'value')],
    };
    expect(errors(g)).toEqual([]);
    const known = analyzeGraph(g, { csv: { label: { categories: 3 } } });
    expect(known.problems).toContainEqual(expect.objectContaining({ code: 'size-mismatch', message: "Categorical y needs logits of size 3; head 'logits' of net gives 4" }));
  });
});
