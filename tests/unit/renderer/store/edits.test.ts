import { describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore } from '../../../../renderer/store/index';
import { steps, storeWith } from './fixtures';

function add(store: EditorStore, kind: string, params: Record<string, unknown> = {}): string {
  const r = store.getState().addNode(kind, { x: 0, y: 0 }, params);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}
const nodeOf = (store: EditorStore, id: string) => store.getState().nodes.find((n) => n.id === id)!;

describe('editor edits', () => {
  it('adds a node with the catalog defaults written out', () => {
    const store = createEditorStore();
    const id = add(store, 'network.mlp');
    expect(nodeOf(store, id)).toEqual({ id, kind: 'network.mlp', name: 'encoder', params: { hidden: [400], activation: 'relu', heads: [{ name: 'out', size: 10, activation: 'linear' }] }, position: { x: 0, y: 0 } });
  });

  it('fills the defaults it can for a kind with required params', () => {
    const store = createEditorStore();
    const id = add(store, 'data.csv');
    expect(nodeOf(store, id).params).toEqual({ heldOutFraction: 0.2, seed: 0 });
    expect(store.getState().problemsByNode(id).some((p) => p.code === 'invalid-param')).toBe(true);
  });

  it('names new nodes readably and uniquely, in the tutorial\'s notation', () => {
    const store = createEditorStore();
    const names = [
      add(store, 'dist.normal'),
      add(store, 'dist.normal'),
      add(store, 'dist.normal', { role: 'posterior' }),
      add(store, 'dist.bernoulli', { role: 'observed' }),
      add(store, 'dist.categorical', { role: 'observed' }),
      add(store, 'network.mlp'),
      add(store, 'network.mlp'),
      add(store, 'network.mlp'),
      add(store, 'network.mlp'),
      add(store, 'data.mnist'),
      add(store, 'data.mnist'),
      add(store, 'param.learnable'),
    ].map((id) => nodeOf(store, id).name);
    expect(names).toEqual(['z', 'z_2', 'q_z', 'x', 'y', 'encoder', 'decoder', 'net', 'net_2', 'mnist', 'mnist_2', 'param']);
  });

  it('gives a fresh id even when the name is free but its id is taken by a renamed node', () => {
    const store = createEditorStore();
    const first = add(store, 'dist.normal');
    store.getState().renameNode(first, 'latent');
    const second = add(store, 'dist.normal');
    expect(second).not.toBe(first);
    expect(nodeOf(store, second).name).toBe('z');
  });

  it('refuses a kind the catalog does not have', () => {
    const store = createEditorStore();
    expect(store.getState().addNode('network.transformer', { x: 0, y: 0 })).toEqual({ ok: false, reason: "there is no node kind 'network.transformer' in this version of Latent Studio" });
    expect(steps(store)).toBe(0);
  });

  it('refuses a duplicate, empty or unknown name, and trims the rest', () => {
    const store = storeWith();
    expect(store.getState().renameNode('z', 'x')).toEqual({ ok: false, reason: 'there is already a node called x: names tell nodes apart in messages and exports' });
    expect(store.getState().renameNode('z', '  ')).toEqual({ ok: false, reason: 'a name cannot be empty' });
    expect(store.getState().renameNode('nope', 'a').ok).toBe(false);
    expect(store.getState().renameNode('z', ' latent ')).toEqual({ ok: true });
    expect(nodeOf(store, 'z').name).toBe('latent');
    expect(steps(store)).toBe(1);
  });

  it('stores invalid params and reports them as problems, so typing is never blocked', () => {
    const store = storeWith();
    expect(store.getState().updateParams('encoder', { hidden: [-3] })).toEqual({ ok: true });
    expect(nodeOf(store, 'encoder').params.hidden).toEqual([-3]);
    expect(store.getState().problemsByNode('encoder')).toContainEqual(expect.objectContaining({ code: 'invalid-param', param: 'hidden.0' }));
    store.getState().updateParams('encoder', { hidden: [300] });
    expect(store.getState().problemsByNode('encoder')).toEqual([]);
  });

  it('removes a param set to undefined', () => {
    const store = storeWith();
    store.getState().updateParams('z', { size: undefined });
    expect('size' in nodeOf(store, 'z').params).toBe(false);
  });

  it('keeps edges on ports that a params change removed, and reports them', () => {
    const store = storeWith();
    store.getState().updateParams('encoder', { heads: [{ name: 'mu', size: 20 }, { name: 'scale', size: 20, activation: 'softplus' }] });
    expect(store.getState().edges.some((e) => e.id === 'e2')).toBe(true);
    expect(store.getState().problemsByEdge('e2')).toContainEqual(expect.objectContaining({ code: 'edge-unknown-port' }));
  });

  it('connects with a fresh edge id and returns the refusal reason when refused', () => {
    const store = storeWith();
    const ok = store.getState().connect({ node: 'mnist', port: 'label' }, { node: 'encoder', port: 'in' });
    expect(ok).toEqual({ ok: true, id: 'e8' });
    expect(store.getState().edges.at(-1)).toEqual({ id: 'e8', source: { node: 'mnist', port: 'label' }, target: { node: 'encoder', port: 'in' } });
    const refused = store.getState().connect({ node: 'mnist', port: 'label' }, { node: 'z', port: 'loc' });
    expect(refused).toEqual({ ok: false, reason: "loc of z takes a vector; 'label' of mnist holds class indices" });
  });

  it('says why a connection would be refused before it is dropped', () => {
    const store = storeWith();
    expect(store.getState().checkConnection({ node: 'z', port: 'sample' }, { node: 'z', port: 'loc' }).ok).toBe(false);
    expect(store.getState().checkConnection({ node: 'mnist', port: 'label' }, { node: 'encoder', port: 'in' })).toEqual({ ok: true });
  });

  it('disconnects an edge and refuses an unknown one', () => {
    const store = storeWith();
    expect(store.getState().disconnect('e5')).toEqual({ ok: true });
    expect(store.getState().edges.map((e) => e.id)).not.toContain('e5');
    expect(store.getState().disconnect('e5').ok).toBe(false);
  });

  it('removes selected nodes with every attached edge, and selected edges alone', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['q_z'], edges: ['e7'] });
    store.getState().removeSelection();
    expect(store.getState().nodes.map((n) => n.id)).toEqual(['mnist', 'encoder', 'z', 'decoder', 'x']);
    expect(store.getState().edges.map((e) => e.id)).toEqual(['e1', 'e5', 'e6']);
    expect(store.getState().selectedNodeIds).toEqual([]);
    expect(store.getState().selectedEdgeIds).toEqual([]);
  });

  it('validates training settings and refuses values the file format would reject', () => {
    const store = storeWith();
    expect(store.getState().setTraining({ batchSize: 0 })).toEqual({ ok: false, reason: expect.stringMatching(/^training batchSize: /) });
    expect(store.getState().training.batchSize).toBe(128);
    expect(store.getState().setTraining({ optimizer: { kind: 'sgd' } as never })).toEqual({ ok: true });
    expect(store.getState().training.optimizer).toEqual({ kind: 'sgd', learningRate: 0.01, momentum: 0 });
  });

  it('changes the title and description', () => {
    const store = storeWith();
    store.getState().setMeta({ title: 'Another', description: undefined });
    expect(store.getState().meta).toEqual({ title: 'Another' });
  });

  it('ignores moves of nodes that do not exist', () => {
    const store = storeWith();
    store.getState().moveNodes({ ghost: { x: 1, y: 1 } });
    expect(steps(store)).toBe(0);
  });

  it('selects, adds to the selection, selects all and clears', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['z', 'ghost'] });
    expect(store.getState().selectedNodeIds).toEqual(['z']);
    store.getState().select({ nodes: ['x'], edges: ['e1'] }, true);
    expect(store.getState().selectedNodeIds).toEqual(['z', 'x']);
    expect(store.getState().selectedEdgeIds).toEqual(['e1']);
    store.getState().select({ nodes: ['mnist'] });
    expect(store.getState().selectedNodeIds).toEqual(['mnist']);
    expect(store.getState().selectedEdgeIds).toEqual([]);
    store.getState().selectAll();
    expect(store.getState().selectedNodeIds).toHaveLength(6);
    expect(store.getState().selectedEdgeIds).toHaveLength(7);
    store.getState().clearSelection();
    expect(store.getState().selectedNodeIds).toEqual([]);
  });
});
