import { describe, expect, it } from 'vitest';
import { PASTE_OFFSET } from '../../../../renderer/store/index';
import { fileOf, steps, storeWith } from './fixtures';

describe('editor clipboard', () => {
  it('pastes a subgraph with fresh ids and names, edges remapped, offset, and selected', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['encoder', 'q_z', 'z'] });
    store.getState().copy();
    const ids = store.getState().paste();
    const s = store.getState();
    expect(ids).toHaveLength(3);
    const pasted = s.nodes.filter((n) => ids.includes(n.id));
    expect(pasted.map((n) => n.name)).toEqual(['encoder_2', 'q_z_2', 'z_2']);
    expect(new Set([...s.nodes.map((n) => n.id)]).size).toBe(s.nodes.length);
    expect(new Set([...s.edges.map((e) => e.id)]).size).toBe(s.edges.length);
    for (const id of ids) expect(['encoder', 'q_z', 'z']).not.toContain(id);
    // Only the edges between copied nodes come along (e2, e3, e4), pointing at the copies.
    const newEdges = s.edges.slice(7);
    const byId = new Map(pasted.map((n) => [n.id, n.name]));
    expect(newEdges.map((e) => `${byId.get(e.source.node)}.${e.source.port}→${byId.get(e.target.node)}.${e.target.port}`)).toEqual([
      'encoder_2.loc→q_z_2.loc',
      'encoder_2.scale→q_z_2.scale',
      'q_z_2.q→z_2.posterior',
    ]);
    const z2 = pasted.find((n) => n.name === 'z_2')!;
    expect(z2.position).toEqual({ x: 0 + PASTE_OFFSET.x, y: 230 + PASTE_OFFSET.y });
    expect(z2.params).toEqual(s.nodes.find((n) => n.id === 'z')!.params);
    expect(s.selectedNodeIds).toEqual(ids);
    expect(steps(store)).toBe(1);
  });

  it('cascades repeated pastes and keeps names unique (z_2, z_3)', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['z'] });
    store.getState().copy();
    const [a] = store.getState().paste();
    const [b] = store.getState().paste({ x: 10, y: 0 });
    const nodes = store.getState().nodes;
    expect(nodes.find((n) => n.id === a)).toMatchObject({ name: 'z_2', position: { x: 40, y: 270 } });
    expect(nodes.find((n) => n.id === b)).toMatchObject({ name: 'z_3', position: { x: 50, y: 270 } });
  });

  it('pastes a copy of a pasted node under the next free name', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['z'] });
    store.getState().duplicate();
    store.getState().duplicate();
    expect(store.getState().nodes.map((n) => n.name).slice(-2)).toEqual(['z_2', 'z_3']);
  });

  it('does nothing when pasting before anything was copied, or copying nothing', () => {
    const store = storeWith();
    store.getState().copy();
    expect(store.getState().clipboard).toBeNull();
    expect(store.getState().paste()).toEqual([]);
    expect(steps(store)).toBe(0);
  });

  it('duplicates the selection without touching the clipboard', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['mnist'] });
    store.getState().copy();
    const clipboard = store.getState().clipboard;
    store.getState().select({ nodes: ['decoder', 'x'] });
    const ids = store.getState().duplicate();
    expect(store.getState().clipboard).toBe(clipboard);
    expect(store.getState().nodes.filter((n) => ids.includes(n.id)).map((n) => n.name)).toEqual(['decoder_2', 'x_2']);
    expect(store.getState().edges.at(-1)).toMatchObject({ source: { node: ids[0], port: 'logits' }, target: { node: ids[1], port: 'logits' } });
  });

  it('pastes what was copied even after the originals changed or were removed', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['z'] });
    store.getState().copy();
    store.getState().removeSelection();
    const [id] = store.getState().paste();
    expect(store.getState().nodes.find((n) => n.id === id)!.name).toBe('z');
  });

  it('undoes a paste back to the document before it', () => {
    const store = storeWith();
    const before = fileOf(store);
    store.getState().selectAll();
    store.getState().copy();
    store.getState().paste();
    store.getState().undo();
    expect(fileOf(store)).toEqual(before);
    expect(store.getState().selectedNodeIds).toEqual([]);
  });
});
