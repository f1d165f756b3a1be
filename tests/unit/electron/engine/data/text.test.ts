import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataPathRefused } from '../../../../../electron/engine/data/confine';
import { loadDataSplits } from '../../../../../electron/engine/data/from-node';
import { heldOutRows } from '../../../../../electron/engine/data/split';
import { loadText, parseText, type TextOptions } from '../../../../../electron/engine/data/text';
import { tokenize } from '../../../../../electron/engine/data/text-tokens';
import { buildVocabulary, VocabularyError } from '../../../../../electron/engine/data/text-vocabulary';
import { analyzeGraph, describeShape, textKind, type AnalyzedNode } from '../../../../../shared/graph/index';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/text/sentences.txt', import.meta.url));
/** The fixture's non-blank lines, tokenised by hand (lower case). */
const LINES = [
  ['the', 'cat', 'sat', 'on', 'the', 'mat', '.'],
  ['the', 'dog', 'sat', 'on', 'the', 'log', '.'],
  ['a', 'cat', 'and', 'a', 'dog', "don't", 'agree', '.'],
  ['the', 'mat', 'is', 'red', ';', 'the', 'log', 'is', 'brown', '.'],
  ['the', 'well-known', 'cat', 'sleeps', 'on', 'the', 'mat', '.'],
  ['dogs', 'bark', ',', 'cats', 'purr', '.'],
  ['the', 'red', 'dog', 'runs', '.'],
  ['a', 'cat', 'runs', 'to', 'the', 'red', 'mat', '.'],
  ['the', 'dog', 'and', 'the', 'cat', 'sleep', '.'],
  ['zebras', 'are', 'rare', 'here', '.'],
];
const OPTIONS: TextOptions = { vocabularySize: 8, minCount: 2, unknownToken: '<unk>', lowercase: true, maxLength: 6, heldOutFraction: 0.3, seed: 3 };

function rowOf(values: Float32Array, size: number, r: number): number[] {
  return Array.from(values.subarray(r * size, (r + 1) * size));
}

describe('tokenize', () => {
  it('keeps words with inner apostrophes and hyphens, and makes each punctuation mark a token', () => {
    expect(tokenize("  Don't stop, well-known Zoë!  ", true)).toEqual(["don't", 'stop', ',', 'well-known', 'zoë', '!']);
    expect(tokenize('Hello  World', false)).toEqual(['Hello', 'World']);
    expect(tokenize('   ', true)).toEqual([]);
  });
});

describe('buildVocabulary', () => {
  it('puts padding and the unknown token first, then words by count (ties alphabetically)', () => {
    const v = buildVocabulary([['b', 'a', 'c', 'a'], ['b', 'd', 'a']], { size: 5, minCount: 1, unknownToken: '<unk>' });
    expect(v.words).toEqual(['<pad>', '<unk>', 'a', 'b', 'c']);
    expect(['a', 'b', 'c', 'd', '<unk>', '<pad>'].map((w) => v.idOf(w))).toEqual([2, 3, 4, 1, 1, 1]);
  });

  it('refuses a size that the words occurring minCount times cannot fill, saying the largest that works', () => {
    expect(() => buildVocabulary([['a', 'a', 'b']], { size: 4, minCount: 2, unknownToken: '<unk>' })).toThrow(VocabularyError);
    expect(() => buildVocabulary([['a', 'a', 'b']], { size: 4, minCount: 2, unknownToken: '<unk>' })).toThrow(/1 distinct word.*at most 3/);
  });
});

describe('a text file as a data set', () => {
  const splits = loadText(FIXTURE, OPTIONS, 'sentences.txt');
  const rows = heldOutRows(LINES.length, { fraction: 0.3, seed: 3 });
  const trainLines = Array.from(rows.train, (i) => LINES[i]!);
  const heldLines = Array.from(rows.heldOut, (i) => LINES[i]!);

  it('skips blank lines and splits the rest by the seed', () => {
    expect(splits.train.length + splits.heldOut.length).toBe(10);
    expect(splits.heldOut.length).toBe(3);
  });

  it('builds the vocabulary from the training lines only', () => {
    // Independent count over the training lines of the hand-tokenised fixture.
    const counts = new Map<string, number>();
    for (const l of trainLines) for (const w of l) counts.set(w, (counts.get(w) ?? 0) + 1);
    const top = [...counts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6).map(([w]) => w);
    expect(splits.train.vocabulary).toEqual(['<pad>', '<unk>', ...top]);
    expect(splits.heldOut.vocabulary).toEqual(splits.train.vocabulary);
  });

  it('gives token ids cut or padded to the maximum length, lengths, and bags of words over the whole line', () => {
    const vocab = splits.train.vocabulary;
    const id = (w: string) => Math.max(1, vocab.indexOf(w));
    for (const [ds, lines] of [[splits.train, trainLines], [splits.heldOut, heldLines]] as const) {
      const { tokens, length, counts } = ds.columns;
      expect(tokens!.size).toBe(6);
      expect(tokens!.categories).toBe(8);
      lines.forEach((line, r) => {
        const ids = line.map(id);
        expect(rowOf(tokens!.values, 6, r)).toEqual([...ids, 0, 0, 0, 0, 0, 0].slice(0, 6));
        expect(length!.values[r]).toBe(Math.min(6, line.length));
        const bag = new Array(8).fill(0);
        for (const i of ids) bag[i] += 1;
        expect(rowOf(counts!.values, 8, r)).toEqual(bag);
        expect(bag.reduce((a, b) => a + b, 0)).toBe(line.length);
      });
    }
  });

  it('gives each line as a sequence: its first ids, the end token 0, then padding 0 (maximum length + 1 positions)', () => {
    const vocab = splits.train.vocabulary;
    const id = (w: string) => Math.max(1, vocab.indexOf(w));
    for (const [ds, lines] of [[splits.train, trainLines], [splits.heldOut, heldLines]] as const) {
      const { sequence } = ds.columns;
      expect(sequence!.size).toBe(7);
      expect(sequence!.categories).toBe(8);
      lines.forEach((line, r) => {
        const kept = line.slice(0, 6).map(id);
        expect(rowOf(sequence!.values, 7, r)).toEqual([...kept, 0, 0, 0, 0, 0, 0, 0].slice(0, 7));
        // The first 0 is the end: right after the last kept word (no word has id 0).
        expect(rowOf(sequence!.values, 7, r).indexOf(0)).toBe(kept.length);
      });
    }
  });

  it('leaves out lines longer than the maximum length with longer: skip, before the split and the vocabulary', () => {
    const skipped = parseText(LINES.map((l) => l.join(' ')).join('\n'), { ...OPTIONS, vocabularySize: 3, longer: 'skip' }, 'sentences.txt');
    const short = LINES.filter((l) => l.length <= 6);
    expect(short.length).toBe(3);
    expect(skipped.train.length + skipped.heldOut.length).toBe(short.length);
    for (const ds of [skipped.train, skipped.heldOut]) {
      for (let r = 0; r < ds.length; r++) expect(ds.columns.length!.values[r]).toBeLessThanOrEqual(6);
    }
    // Cut (the default), every line stays.
    const cut = parseText(LINES.map((l) => l.join(' ')).join('\n'), OPTIONS, 'sentences.txt');
    expect(cut.train.length + cut.heldOut.length).toBe(LINES.length);
  });

  it('refuses too few lines, naming the file', () => {
    expect(() => parseText('one line only\n\n', OPTIONS, 'short.txt')).toThrow(/short\.txt has 1 line with words/);
  });
});

describe('the text node', () => {
  const node = (path: string, params: object = {}): AnalyzedNode => ({
    node: { id: 't', kind: 'data.text', name: 'corpus', params: { path, ...params } },
    kind: textKind,
    params: textKind.params.parse({ path, ...params }),
    ports: [],
    inputs: {},
    outputs: {},
    consumers: {},
  });

  it('types its outputs from its settings: ids per position, a length, counts over the vocabulary, the sequence with its end', () => {
    const a = analyzeGraph({ nodes: [{ id: 't', kind: 'data.text', name: 'corpus', params: { path: 'a.txt', vocabularySize: 500, maxLength: 12 } }], edges: [] });
    expect(a.nodes.get('t')!.outputs).toEqual({
      tokens: { flow: 'data', size: 12, domain: 'index', categories: 500, perExample: true },
      length: { flow: 'data', size: 1, domain: 'count', perExample: true },
      counts: { flow: 'data', size: 500, domain: 'count', perExample: true },
      sequence: { flow: 'data', size: 13, domain: 'index', categories: 500, perExample: true },
    });
    expect(describeShape(a.nodes.get('t')!.outputs.tokens!)).toBe('[12] ids of 500');
  });

  it('loads relative to the graph, naming the node in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'text-node-'));
    writeFileSync(join(dir, 'docs.txt'), 'a b a\nb a c\n');
    const s = loadDataSplits(node('docs.txt', { vocabularySize: 4, heldOutFraction: 0.5 }), dir);
    expect(s.train.columns.counts!.size).toBe(4);
    expect(() => loadDataSplits(node('docs.txt', { vocabularySize: 10, heldOutFraction: 0.5 }), dir)).toThrow(/text node corpus: docs\.txt: .*at most/);
    expect(() => loadDataSplits(node('missing.txt'), dir)).toThrow(/text node corpus: cannot read text file missing\.txt: no such file/);
  });

  it('is confined to the project folder in web mode, links resolved', () => {
    const root = mkdtempSync(join(tmpdir(), 'text-root-'));
    const outside = mkdtempSync(join(tmpdir(), 'text-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'a b\nc d\n');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    expect(() => loadDataSplits(node('../' + outside.split('/').pop() + '/secret.txt'), root, root)).toThrow(DataPathRefused);
    expect(() => loadDataSplits(node('link.txt'), root, root)).toThrow(/text node corpus.*outside the project folder/);
  });
});
