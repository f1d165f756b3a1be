import { describe, expect, it, vi } from 'vitest';
import type { EditorStore } from '../../../../renderer/store/index';
import { fileOf, steps, storeWith } from './fixtures';

/** Runs an edit and checks it is exactly one undo step that undo reverts and redo replays. */
function expectOneUndoableStep(store: EditorStore, edit: () => void): void {
  const before = fileOf(store);
  const stepsBefore = steps(store);
  edit();
  const after = fileOf(store);
  expect(after).not.toEqual(before);
  expect(steps(store)).toBe(stepsBefore + 1);
  expect(store.getState().canUndo).toBe(true);
  store.getState().undo();
  expect(fileOf(store)).toEqual(before);
  expect(store.getState().canRedo).toBe(true);
  store.getState().redo();
  expect(fileOf(store)).toEqual(after);
  expect(store.getState().canRedo).toBe(false);
}

describe('editor undo and redo', () => {
  it('starts with nothing to undo after opening a file', () => {
    const store = storeWith();
    expect(store.getState().canUndo).toBe(false);
    expect(store.getState().canRedo).toBe(false);
  });

  it('undoes and redoes adding a node', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().addNode('dist.normal', { x: 5, y: 6 }));
  });

  it('undoes and redoes removing the selection, with its edges', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['z'] });
    expectOneUndoableStep(store, () => store.getState().removeSelection());
    store.getState().undo();
    expect(store.getState().edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
  });

  it('undoes and redoes a rename', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().renameNode('z', 'latent'));
  });

  it('undoes and redoes a params change', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().updateParams('encoder', { hidden: [256, 128] }));
  });

  it('undoes and redoes a connection', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => expect(store.getState().connect({ node: 'mnist', port: 'label' }, { node: 'encoder', port: 'in' }).ok).toBe(true));
  });

  it('undoes and redoes a disconnection', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().disconnect('e4'));
  });

  it('undoes and redoes a move', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().moveNodes({ z: { x: 1, y: 2 } }));
  });

  it('records a whole drag as one step, whatever the number of moves', () => {
    const store = storeWith();
    const before = fileOf(store);
    const s = store.getState();
    s.beginDrag();
    for (let i = 1; i <= 30; i++) store.getState().moveNodes({ z: { x: 780 + i, y: 60 + i }, decoder: { x: 1040 + i, y: 60 } });
    store.getState().endDrag();
    expect(steps(store)).toBe(1);
    expect(store.getState().nodes.find((n) => n.id === 'z')!.position).toEqual({ x: 810, y: 90 });
    store.getState().undo();
    expect(fileOf(store)).toEqual(before);
    store.getState().redo();
    expect(store.getState().nodes.find((n) => n.id === 'decoder')!.position).toEqual({ x: 1070, y: 60 });
  });

  it('records nothing for a drag that moved nothing', () => {
    const store = storeWith();
    store.getState().beginDrag();
    store.getState().endDrag();
    expect(steps(store)).toBe(0);
  });

  it('keeps an edit made mid-drag as its own step', () => {
    const store = storeWith();
    store.getState().beginDrag();
    store.getState().moveNodes({ z: { x: 0, y: 0 } });
    store.getState().renameNode('z', 'w');
    expect(steps(store)).toBe(2);
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === 'z')).toMatchObject({ name: 'z', position: { x: 0, y: 0 } });
  });

  it('undoes a drag still in progress', () => {
    const store = storeWith();
    const before = fileOf(store);
    store.getState().beginDrag();
    store.getState().moveNodes({ z: { x: 0, y: 0 } });
    store.getState().undo();
    expect(fileOf(store)).toEqual(before);
  });

  it('undoes and redoes a change of training settings', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().setTraining({ batchSize: 64, optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 } }));
  });

  it('undoes and redoes an auto-layout as one step', () => {
    const store = storeWith();
    const positions = Object.fromEntries(store.getState().nodes.map((n, i) => [n.id, { x: 0, y: i * 100 }]));
    expectOneUndoableStep(store, () => store.getState().autoLayout(positions));
  });

  it('undoes and redoes a paste', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['encoder', 'q_z'] });
    store.getState().copy();
    expectOneUndoableStep(store, () => store.getState().paste());
  });

  it('undoes and redoes a change of title', () => {
    const store = storeWith();
    expectOneUndoableStep(store, () => store.getState().setMeta({ title: 'My VAE' }));
  });

  it('leaves state and history unchanged when a connection is refused', () => {
    const store = storeWith();
    const state = store.getState();
    const result = state.connect({ node: 'decoder', port: 'logits' }, { node: 'encoder', port: 'in' });
    expect(result.ok).toBe(false);
    expect(store.getState()).toBe(state);
    expect(steps(store)).toBe(0);
  });

  it('keeps selection, copying and panning out of the history', () => {
    const store = storeWith();
    store.getState().select({ nodes: ['z', 'x'], edges: ['e1'] });
    store.getState().selectAll();
    store.getState().copy();
    store.getState().clearSelection();
    store.getState().select({ nodes: ['z'] }, true);
    store.getState().setViewport({ x: 10, y: 20, zoom: 2 });
    expect(steps(store)).toBe(0);
    expect(store.getState().canUndo).toBe(false);
  });

  it('does not restore the selection on undo, and drops ids that no longer exist', () => {
    const store = storeWith();
    const added = store.getState().addNode('dist.normal', { x: 0, y: 0 });
    if (!added.ok) throw new Error(added.reason);
    store.getState().select({ nodes: [added.id, 'z'] });
    store.getState().undo();
    expect(store.getState().selectedNodeIds).toEqual(['z']);
    store.getState().redo();
    expect(store.getState().selectedNodeIds).toEqual(['z']);
  });

  it('records no step for edits that change nothing', () => {
    const store = storeWith();
    store.getState().removeSelection();
    store.getState().renameNode('z', 'z');
    store.getState().updateParams('z', { size: 20 });
    store.getState().moveNodes({ z: { x: 0, y: 230 } });
    store.getState().setTraining({ batchSize: 128 });
    expect(steps(store)).toBe(0);
  });

  it('forgets the redo branch after a new edit', () => {
    const store = storeWith();
    store.getState().renameNode('z', 'a');
    store.getState().undo();
    store.getState().renameNode('z', 'b');
    expect(store.getState().canRedo).toBe(false);
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === 'z')!.name).toBe('z');
  });
});

describe('typing into a parameter', () => {
  it('makes one undo step of quick consecutive changes to the same parameter, and a new one after a pause', () => {
    const store = storeWith();
    const id = store.getState().addNode('network.mlp', { x: 0, y: 0 });
    if (!id.ok) throw new Error(id.reason);
    const start = steps(store);
    const t0 = Date.now();
    const at = (ms: number) => vi.setSystemTime(t0 + ms);
    vi.useFakeTimers();
    try {
      at(0);
      store.getState().updateParams(id.id, { hidden: [7] });
      at(200);
      store.getState().updateParams(id.id, { hidden: [78] });
      at(400);
      store.getState().updateParams(id.id, { hidden: [784] });
      expect(steps(store)).toBe(start + 1);
      at(5000);
      store.getState().updateParams(id.id, { hidden: [785] });
      expect(steps(store)).toBe(start + 2);
      at(5100);
      store.getState().updateParams(id.id, { activation: 'tanh' });
      expect(steps(store)).toBe(start + 3);
      store.getState().undo();
      store.getState().undo();
      expect(store.getState().nodes.find((n) => n.id === id.id)!.params.hidden).toEqual([784]);
      store.getState().undo();
      expect(store.getState().nodes.find((n) => n.id === id.id)!.params.hidden).toEqual([400]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('history moves', () => {
  it('counts undos and redos, outside the history itself', () => {
    const store = storeWith();
    store.getState().addNode('dist.normal', { x: 0, y: 0 });
    expect(store.getState().historyMoves).toBe(0);
    store.getState().undo();
    expect(store.getState().historyMoves).toBe(1);
    store.getState().redo();
    expect(store.getState().historyMoves).toBe(2);
    // The count is no edit: one step to undo, as before.
    expect(store.getState().canUndo).toBe(true);
    store.getState().undo();
    expect(store.getState().canUndo).toBe(false);
  });
});
