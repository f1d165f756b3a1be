import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, parseGraphFile, type Graph } from '../../../../shared/graph/index';
import { examplePath } from '../../../helpers/examples';

/** The bag-of-words template's graph (a fresh copy). */
function bow(): Graph {
  return parseGraphFile(readFileSync(examplePath('bow-vae-text.json'), 'utf8')).graph;
}

const errors = (g: Graph) => analyzeGraph(g).problems.filter((p) => p.severity === 'error');

describe('a Categorical observing text', () => {
  it('observes a bag of words (counts over the vocabulary), its size the vocabulary\'s', () => {
    expect(errors(bow())).toEqual([]);
    const g = bow();
    g.nodes.find((n) => n.id === 'docs')!.params.vocabularySize = 500;
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'size-mismatch', nodeId: 'words', message: "Categorical words needs logits of size 500; head 'logits' of decoder gives 2000" }));
  });

  it('refuses the token ids of a whole line from an MLP, which need a GRU decoder, naming the node', () => {
    const g = bow();
    g.edges = g.edges.map((e) => (e.id === 'e7' ? { ...e, source: { node: 'docs', port: 'tokens' } } : e));
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'missing-input', nodeId: 'words', port: 'logits', message: "Categorical words observes a sequence ('tokens' of docs) and needs logits per position from a GRU decoder; head 'logits' of decoder gives one set of logits per example" }));
  });
});
