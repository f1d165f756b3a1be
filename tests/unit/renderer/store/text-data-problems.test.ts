import { describe, expect, it } from 'vitest';
import { createEditorStore, type EditorStore } from '../../../../renderer/store/index';
import { textCheckKey, textRequestOf } from '../../../../renderer/store/data-checks-slice';
import type { TextInspection } from '../../../../shared/protocol/text-data';

function textStore(params: Record<string, unknown> = { path: 'lines.txt', vocabularySize: 50 }): { store: EditorStore; id: string } {
  const store = createEditorStore();
  const r = store.getState().addNode('data.text', { x: 0, y: 0 }, params);
  if (!r.ok) throw new Error(r.reason);
  return { store, id: r.id };
}

const TOO_FEW: TextInspection = {
  path: 'lines.txt',
  lines: 3,
  trainLines: 2,
  heldOutLines: 1,
  trainTokens: 6,
  distinctWords: 4,
  eligibleWords: 4,
  vocabularyAsked: 50,
  vocabularyReached: 6,
  topWords: [],
  firstLines: ['a b c'],
  problems: [{ kind: 'vocabulary', message: 'lines.txt: too few words' }],
};

const node = (store: EditorStore, id: string) => store.getState().nodes.find((n) => n.id === id)!;
const keyOf = (store: EditorStore, id: string) => textCheckKey(textRequestOf(node(store, id), store.getState().filePath)!);

describe("a text node's file problems in the store", () => {
  it('asks with the settings the loader reads, their defaults filled in, and nothing while a setting is out of range or the path is empty', () => {
    const { store, id } = textStore();
    expect(textRequestOf(node(store, id), null)).toEqual({ path: 'lines.txt', options: { vocabularySize: 50, minCount: 1, unknownToken: '<unk>', lowercase: true, heldOutFraction: 0.2, seed: 0, maxLength: 30, longer: 'cut' } });
    store.getState().updateParams(id, { vocabularySize: 1 });
    expect(textRequestOf(node(store, id), null)).toBeNull();
    store.getState().updateParams(id, { vocabularySize: 50, path: ' ' });
    expect(textRequestOf(node(store, id), null)).toBeNull();
  });

  it('lists too few words at the vocabulary size and a missing file at the file, as errors', () => {
    const { store, id } = textStore();
    const before = store.getState().problems.filter((p) => p.severity === 'error').length;
    store.getState().setTextCheck(id, { key: keyOf(store, id), inspection: TOO_FEW });
    const name = node(store, id).name;
    expect(store.getState().problems.filter((p) => p.code === 'data-format')).toEqual([{ severity: 'error', code: 'data-format', message: `Text file ${name}: lines.txt: too few words`, nodeId: id, param: 'vocabularySize' }]);
    expect(store.getState().problems.filter((p) => p.severity === 'error').length).toBe(before + 1);
    store.getState().setTextCheck(id, { key: keyOf(store, id), inspection: { ...TOO_FEW, problems: [{ kind: 'missing-file', message: 'cannot read text file lines.txt: no such file' }] } });
    expect(store.getState().problems.find((p) => p.code === 'data-file')).toMatchObject({ param: 'path', nodeId: id });
  });

  it('ignores an answer to an earlier question (another vocabulary size)', () => {
    const { store, id } = textStore();
    const oldKey = keyOf(store, id);
    store.getState().updateParams(id, { vocabularySize: 5 });
    store.getState().setTextCheck(id, { key: oldKey, inspection: TOO_FEW });
    expect(store.getState().problems.some((p) => p.code === 'data-format')).toBe(false);
  });
});
