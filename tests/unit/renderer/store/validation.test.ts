import { describe, expect, it } from 'vitest';
import { createEditorStore, NO_PROBLEMS, type EditorStore } from '../../../../renderer/store/index';
import { storeWith, vaeFile } from './fixtures';

const messages = (store: EditorStore): string[] => store.getState().problems.map((p) => p.message);

function add(store: EditorStore, kind: string, params: Record<string, unknown> = {}): string {
  const r = store.getState().addNode(kind, { x: 0, y: 0 }, params);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

function connect(store: EditorStore, from: string, fromPort: string, to: string, toPort: string): void {
  const r = store.getState().connect({ node: from, port: fromPort }, { node: to, port: toPort });
  if (!r.ok) throw new Error(r.reason);
}

describe('editor validation', () => {
  it('builds the VAE node by node, with problems until it is complete and none after', () => {
    const store = createEditorStore();
    const mnist = add(store, 'data.mnist');
    const encoder = add(store, 'network.mlp');
    const q = add(store, 'dist.normal', { role: 'posterior' });
    const z = add(store, 'dist.normal', { size: 20 });
    const decoder = add(store, 'network.mlp');
    const x = add(store, 'dist.bernoulli', { role: 'observed' });
    expect(store.getState().nodes.map((n) => n.name)).toEqual(['mnist', 'encoder', 'q_z', 'z', 'decoder', 'x']);
    expect(messages(store)).toContain('latent z has no approximate posterior');
    expect(messages(store)).toContain("observed x is not bound to data: connect a data output to its 'value' port");

    store.getState().updateParams(encoder, { heads: [{ name: 'loc', size: 20 }, { name: 'scale', size: 20, activation: 'softplus' }] });
    store.getState().updateParams(decoder, { heads: [{ name: 'logits', size: 784 }] });
    connect(store, mnist, 'x', encoder, 'in');
    connect(store, encoder, 'loc', q, 'loc');
    connect(store, encoder, 'scale', q, 'scale');
    expect(messages(store)).toContain('latent z has no approximate posterior');
    expect(store.getState().problemsByPort(z, 'posterior').map((p) => p.code)).toEqual(['latent-no-posterior']);
    connect(store, q, 'q', z, 'posterior');
    expect(messages(store)).not.toContain('latent z has no approximate posterior');
    connect(store, z, 'sample', decoder, 'in');
    connect(store, decoder, 'logits', x, 'logits');
    expect(store.getState().problems).not.toEqual([]);
    connect(store, mnist, 'x', x, 'value');
    expect(store.getState().problems).toEqual([]);
    expect(store.getState().toGraphFile().graph.edges).toHaveLength(7);
  });

  it('shows a size mismatch the user can fix in a node\'s settings as a problem on the port', () => {
    const store = storeWith();
    store.getState().updateParams('decoder', { heads: [{ name: 'logits', size: 20 }] });
    expect(store.getState().problemsByPort('x', 'logits')).toEqual([
      expect.objectContaining({ code: 'size-mismatch', message: "Bernoulli x needs logits of size 784; head 'logits' of decoder gives 20" }),
    ]);
    store.getState().undo();
    expect(store.getState().problems).toEqual([]);
  });

  it('recomputes problems on undo and redo', () => {
    const store = storeWith();
    store.getState().disconnect('e4');
    expect(messages(store)).toContain('latent z has no approximate posterior');
    store.getState().undo();
    expect(store.getState().problems).toEqual([]);
    store.getState().redo();
    expect(messages(store)).toContain('latent z has no approximate posterior');
  });

  it('does not re-run validation when only positions change', () => {
    const store = storeWith();
    const { analysis, graph } = store.getState();
    store.getState().moveNodes({ z: { x: 5, y: 5 } });
    store.getState().select({ nodes: ['z'] });
    expect(store.getState().analysis).toBe(analysis);
    expect(store.getState().graph).toBe(graph);
    store.getState().renameNode('z', 'w');
    expect(store.getState().analysis).not.toBe(analysis);
  });

  it('returns the same arrays from the per-node and per-port selectors until problems change', () => {
    const store = storeWith(vaeFile());
    store.getState().disconnect('e4');
    const a = store.getState().problemsByNode('z');
    expect(a.length).toBeGreaterThan(0);
    expect(store.getState().problemsByNode('z')).toBe(a);
    expect(store.getState().problemsByPort('z', 'posterior')).toBe(store.getState().problemsByPort('z', 'posterior'));
    expect(store.getState().problemsByNode('mnist')).toBe(NO_PROBLEMS);
  });

  it('exposes inferred shapes for edge labels', () => {
    const store = storeWith();
    expect(store.getState().analysis.nodes.get('encoder')!.outputs.loc).toMatchObject({ size: 20 });
  });
});
