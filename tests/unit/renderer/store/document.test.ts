import { describe, expect, it } from 'vitest';
import { parseGraphFile, serializeGraphFile, trainingSchema } from '../../../../shared/graph/index';
import { createEditorStore } from '../../../../renderer/store/index';
import { loadExample } from '../../../helpers/examples';
import { fileOf, steps, storeWith, vaeFile } from './fixtures';

describe('editor document', () => {
  it('gives back the example file it loaded when nothing changed', () => {
    const store = createEditorStore();
    store.getState().loadDocument(vaeFile(), '/models/vae.json');
    expect(store.getState().toGraphFile()).toEqual(vaeFile());
    expect(parseGraphFile(serializeGraphFile(store.getState().toGraphFile()))).toEqual(vaeFile());
    expect(store.getState().filePath).toBe('/models/vae.json');
  });

  it('round-trips the classifier example too', () => {
    const file = loadExample('classifier-mnist');
    expect(createEditorStore(file).getState().toGraphFile()).toEqual(file);
  });

  it('takes node positions from the layout and writes them back', () => {
    const store = storeWith();
    expect(store.getState().nodes.find((n) => n.id === 'encoder')!.position).toEqual({ x: 320, y: 20 });
    store.getState().moveNodes({ encoder: { x: 1, y: 2 } });
    expect(store.getState().toGraphFile().layout.nodes.encoder).toEqual({ x: 1, y: 2 });
  });

  it('places nodes the layout does not mention', () => {
    const file = vaeFile();
    file.layout.nodes = {};
    const store = storeWith(file);
    const positions = store.getState().nodes.map((n) => n.position);
    expect(new Set(positions.map((p) => `${p.x},${p.y}`)).size).toBe(positions.length);
  });

  it('keeps the viewport, which neither dirties the document nor is an undo step', () => {
    const file = vaeFile();
    file.layout.viewport = { x: 1, y: 2, zoom: 0.5 };
    const store = storeWith(file);
    expect(fileOf(store)).toEqual(file);
    store.getState().setViewport({ x: 3, y: 4, zoom: 1 });
    expect(store.getState().dirty).toBe(false);
    expect(fileOf(store).layout.viewport).toEqual({ x: 3, y: 4, zoom: 1 });
  });

  it('hands out a copy that cannot change the editor behind its back', () => {
    const store = storeWith();
    const file = store.getState().toGraphFile();
    file.graph.nodes[0]!.name = 'changed';
    file.layout.nodes.mnist!.x = 999;
    expect(fileOf(store)).toEqual(vaeFile());
  });

  it('starts a new document empty, clean, untitled and with nothing to undo', () => {
    const store = storeWith();
    store.getState().renameNode('z', 'w');
    store.getState().select({ nodes: ['x'] });
    store.getState().newDocument();
    const s = store.getState();
    expect(s.nodes).toEqual([]);
    expect(s.edges).toEqual([]);
    expect(s.training).toEqual(trainingSchema.parse({}));
    expect(s.filePath).toBeNull();
    expect(s.dirty).toBe(false);
    expect(s.canUndo).toBe(false);
    expect(s.selectedNodeIds).toEqual([]);
    expect(steps(store)).toBe(0);
  });

  it('clears history and selection when a file is loaded', () => {
    const store = storeWith();
    store.getState().renameNode('z', 'w');
    store.getState().select({ nodes: ['x'] });
    store.getState().loadDocument(vaeFile());
    expect(store.getState().canUndo).toBe(false);
    expect(store.getState().selectedNodeIds).toEqual([]);
  });

  describe('dirty flag', () => {
    it('is clear after loading and set by an edit', () => {
      const store = storeWith();
      expect(store.getState().dirty).toBe(false);
      store.getState().updateParams('z', { size: 10 });
      expect(store.getState().dirty).toBe(true);
    });

    it('clears when undo returns to the saved document, and sets again on redo', () => {
      const store = storeWith();
      store.getState().renameNode('z', 'w');
      store.getState().undo();
      expect(store.getState().dirty).toBe(false);
      store.getState().redo();
      expect(store.getState().dirty).toBe(true);
    });

    it('compares content, not a count of edits: editing back to the saved document is clean', () => {
      const store = storeWith();
      store.getState().updateParams('z', { size: undefined });
      store.getState().updateParams('z', { size: 20 });
      expect(store.getState().nodes.find((n) => n.id === 'z')!.params).not.toBe(vaeFile().graph.nodes[3]!.params);
      expect(store.getState().dirty).toBe(false);
      store.getState().moveNodes({ z: { x: 0, y: 0 } });
      store.getState().moveNodes({ z: { x: 0, y: 230 } });
      expect(store.getState().dirty).toBe(false);
    });

    it('clears when the document is saved, and compares against the saved one from then on', () => {
      const store = storeWith();
      store.getState().renameNode('z', 'w');
      store.getState().markSaved('/tmp/vae-2.json');
      expect(store.getState().dirty).toBe(false);
      expect(store.getState().filePath).toBe('/tmp/vae-2.json');
      store.getState().undo();
      expect(store.getState().dirty).toBe(true);
    });

    it('counts moves and training changes as modifications', () => {
      const store = storeWith();
      store.getState().moveNodes({ x: { x: 0, y: 0 } });
      expect(store.getState().dirty).toBe(true);
      store.getState().undo();
      store.getState().setTraining({ seed: 7 });
      expect(store.getState().dirty).toBe(true);
    });
  });
});
