import { describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore } from '../../../../renderer/store/index';
import { csvCheckKey, csvRequestOf } from '../../../../renderer/store/data-checks-slice';
import type { CsvInspection } from '../../../../shared/protocol/data';

function csvStore(params: Record<string, unknown> = { path: 'data.csv', columns: ['a', 'b'] }): { store: EditorStore; id: string } {
  const store = createEditorStore();
  const r = store.getState().addNode('data.csv', { x: 0, y: 0 }, params);
  if (!r.ok) throw new Error(r.reason);
  return { store, id: r.id };
}

const RAGGED: CsvInspection = {
  path: 'data.csv',
  header: ['a', 'b'],
  preview: [['1', '2']],
  rows: 2,
  problems: [{ kind: 'ragged-row', line: 3, message: 'line 3: 1 field, but the header (line 1) has 2' }],
  moreProblems: 0,
};

/** The key of the request the node makes now. */
const keyOf = (store: EditorStore, id: string) => csvCheckKey(csvRequestOf(store.getState().nodes.find((n) => n.id === id)!, store.getState().filePath)!);

describe('data problems in the store', () => {
  it('lists a file problem with the node, anchored to its file field, and counts it as an error', () => {
    const { store, id } = csvStore();
    const before = store.getState().problems.filter((p) => p.severity === 'error').length;
    store.getState().setCsvCheck(id, { key: keyOf(store, id), inspection: RAGGED });
    const mine = store.getState().problems.filter((p) => p.code === 'data-format');
    expect(mine).toEqual([{ severity: 'error', code: 'data-format', message: 'CSV file table: data.csv: line 3: 1 field, but the header (line 1) has 2', nodeId: id, param: 'path' }]);
    expect(store.getState().problems.filter((p) => p.severity === 'error').length).toBe(before + 1);
    expect(store.getState().problemsByNode(id)).toContainEqual(mine[0]);
  });

  it('anchors a missing column to the columns field, or to the label column when it is that one', () => {
    const { store, id } = csvStore({ path: 'data.csv', columns: ['a', 'z'], labelColumn: 'k' });
    const missing = (column: string) => ({ ...RAGGED, problems: [{ kind: 'missing-column' as const, line: 1, column, message: `missing column '${column}'` }] });
    store.getState().setCsvCheck(id, { key: keyOf(store, id), inspection: missing('z') });
    expect(store.getState().problems.find((p) => p.code === 'data-format')?.param).toBe('columns');
    store.getState().setCsvCheck(id, { key: keyOf(store, id), inspection: missing('k') });
    expect(store.getState().problems.find((p) => p.code === 'data-format')?.param).toBe('labelColumn');
  });

  it('ignores a check made for another path or other columns (a stale answer)', () => {
    const { store, id } = csvStore();
    const oldKey = keyOf(store, id);
    store.getState().updateParams(id, { path: 'other.csv' });
    store.getState().setCsvCheck(id, { key: oldKey, inspection: RAGGED });
    expect(store.getState().problems.some((p) => p.code === 'data-format')).toBe(false);
  });

  it('drops the problem once the node names another file, and it comes back on undo', () => {
    const { store, id } = csvStore();
    store.getState().setCsvCheck(id, { key: keyOf(store, id), inspection: RAGGED });
    store.getState().updateParams(id, { path: 'fine.csv' });
    expect(store.getState().problems.some((p) => p.code === 'data-format')).toBe(false);
    store.getState().undo();
    expect(store.getState().problems.some((p) => p.code === 'data-format')).toBe(true);
  });

  it('lists a refusal to read the file as a file problem', () => {
    const { store, id } = csvStore();
    store.getState().setCsvCheck(id, { key: keyOf(store, id), error: 'the CSV file is "/etc/passwd", outside the project folder' });
    expect(store.getState().problems.find((p) => p.code === 'data-file')).toMatchObject({ nodeId: id, param: 'path', message: 'CSV file table: the CSV file is "/etc/passwd", outside the project folder' });
  });

  it('keeps checks out of the undo history and the dirty flag', () => {
    const { store, id } = csvStore();
    const past = store.temporal.getState().pastStates.length;
    const dirty = store.getState().dirty;
    store.getState().setCsvCheck(id, { key: keyOf(store, id), inspection: RAGGED });
    expect(store.temporal.getState().pastStates.length).toBe(past);
    expect(store.getState().dirty).toBe(dirty);
  });

  it('keeps the same problems array when a check adds nothing (selectors stay stable)', () => {
    const { store, id } = csvStore();
    const problems = store.getState().problems;
    store.getState().setCsvCheck(id, { key: keyOf(store, id), inspection: { ...RAGGED, problems: [] } });
    expect(store.getState().problems).toBe(problems);
  });
});

describe('training settings typed out of range', () => {
  it('are listed as errors pointing at the Training settings until fixed, without changing the document', () => {
    const store = createEditorStore();
    const training = store.getState().training;
    store.getState().setTrainingDraft('batchSize', { value: 100_000, label: 'Batch size', message: 'at most 65,536' });
    expect(store.getState().problems).toEqual([
      { severity: 'error', code: 'invalid-training-setting', message: 'Training settings: Batch size 100,000 is not used: at most 65,536', param: 'batchSize', area: 'training' },
    ]);
    expect(store.getState().training).toBe(training);
    store.getState().setTrainingDraft('batchSize', undefined);
    expect(store.getState().problems).toEqual([]);
  });

  it('are forgotten when another document is opened', () => {
    const store = createEditorStore();
    store.getState().setTrainingDraft('seed', { value: -1, label: 'Seed', message: 'at least 0' });
    store.getState().newDocument();
    expect(store.getState().trainingDrafts).toEqual({});
    expect(store.getState().problems).toEqual([]);
  });
});

describe('node settings typed out of range', () => {
  it('stay in the document, listed by the analysis until fixed', () => {
    const store = createEditorStore();
    const r = store.getState().addNode('network.mlp', { x: 0, y: 0 }, {});
    if (!r.ok) throw new Error(r.reason);
    store.getState().updateParams(r.id, { hidden: [100_000] });
    const p = store.getState().problems.find((q) => q.code === 'invalid-param');
    expect(p).toMatchObject({ nodeId: r.id, param: 'hidden.0' });
    expect(p?.message).toBe('MLP encoder: layer 1 of hidden: must be at most 16,384');
    expect(p?.fieldMessage).toBe('layer 1: must be at most 16,384');
    store.getState().updateParams(r.id, { hidden: [512] });
    expect(store.getState().problems.some((q) => q.code === 'invalid-param')).toBe(false);
  });
});
