/**
 * The sentence networks in the graph analysis: the template is valid; each node says in the
 * model's terms, naming itself, what it cannot read; a GRU decoder's logits go only to the
 * Categorical observing the sentence it is taught; its output types carry the positions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, describeShape, parseGraphFile, type Graph } from '../../../../shared/graph/index';
import { examplePath } from '../../../helpers/examples';

const template = (): Graph => parseGraphFile(readFileSync(examplePath('sentence-vae-text.json'), 'utf8')).graph;
const problems = (g: Graph) => analyzeGraph(g).problems;
const errors = (g: Graph) => problems(g).filter((p) => p.severity === 'error');
const rewire = (g: Graph, edge: string, source: { node: string; port: string }): Graph => ({ ...g, edges: g.edges.map((e) => (e.id === edge ? { ...e, source } : e)) });

describe('the sentence networks', () => {
  it('accept the template without a problem, and type the decoder\'s logits by position', () => {
    expect(problems(template())).toEqual([]);
    const a = analyzeGraph(template());
    // 15 tokens and the end: 16 positions of 1,000 logits; the Embedding 16 positions of 64.
    expect(a.nodes.get('decoder')!.outputs.logits).toEqual({ flow: 'tensor', size: 1000, domain: 'real', perExample: true, positions: 16 });
    expect(describeShape(a.nodes.get('embedding')!.outputs.out!)).toBe('[15 × 64]');
    expect(a.nodes.get('sentences')!.outputs.sequence).toEqual({ flow: 'data', size: 16, domain: 'index', categories: 1000, perExample: true });
  });

  it('refuse what is not a sentence, naming the node and the port', () => {
    const enc = rewire(template(), 'e2', { node: 'sentences', port: 'counts' });
    expect(errors(enc)).toContainEqual(expect.objectContaining({ code: 'domain-mismatch', nodeId: 'encoder', port: 'tokens', message: "GRU encoder encoder reads token ids (a text node's tokens) or an Embedding's vectors on 'tokens'; 'counts' of sentences holds counts 0, 1, 2, …" }));
    const emb = rewire(template(), 'e1', { node: 'sentences', port: 'length' });
    expect(errors(emb)).toContainEqual(expect.objectContaining({ code: 'domain-mismatch', nodeId: 'embedding', port: 'tokens', message: "Embedding embedding reads token ids (a text node's sequence) on 'tokens'; 'length' of sentences holds counts 0, 1, 2, …" }));
    const len = rewire(template(), 'e3', { node: 'sentences', port: 'tokens' });
    expect(errors(len)).toContainEqual(expect.objectContaining({ code: 'domain-mismatch', nodeId: 'encoder', port: 'length', message: "GRU encoder encoder reads one length per example on 'length'; 'tokens' of sentences holds 15 values" }));
  });

  it('teach the decoder the sentence its Categorical observes', () => {
    const g = rewire(template(), 'e8', { node: 'sentences', port: 'tokens' });
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'domain-mismatch', nodeId: 'decoder', port: 'tokens', message: "Categorical words observes 'sequence' of sentences, but its GRU decoder decoder reads 'tokens' of sentences for teacher forcing: they must be the same sequence" }));
  });

  it('warn when the sentence observed is the text\'s tokens, which have no end token', () => {
    const g = rewire(rewire(template(), 'e10', { node: 'sentences', port: 'tokens' }), 'e8', { node: 'sentences', port: 'tokens' });
    expect(errors(g)).toEqual([]);
    expect(problems(g)).toContainEqual(expect.objectContaining({ severity: 'warning', nodeId: 'words', port: 'value', message: "Categorical words observes 'tokens' of sentences, which has no end token (a sentence as long as the maximum length ends unscored): observe 'sequence' of sentences, the ids followed by the end token" }));
  });

  it('send the decoder\'s logits only to an observed Categorical of a sentence', () => {
    const g = template();
    g.nodes.push({ id: 'mlp', kind: 'network.mlp', name: 'net', params: { hidden: [], heads: [{ name: 'out', size: 2, activation: 'linear' }] } });
    g.edges.push({ id: 'e11', source: { node: 'decoder', port: 'logits' }, target: { node: 'mlp', port: 'in' } });
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'domain-mismatch', nodeId: 'mlp', port: 'in', message: 'the logits of GRU decoder decoder (one row per position) go only to the logits of an observed Categorical of the sentence, not to MLP net' }));
    // A Categorical observing one class with the decoder's logits: the value must be a sentence.
    const bag = rewire(template(), 'e10', { node: 'sentences', port: 'counts' });
    expect(errors(bag)).toContainEqual(expect.objectContaining({ code: 'domain-mismatch', nodeId: 'words', port: 'value', message: "Categorical words takes logits per position from GRU decoder decoder, so it observes a sequence of token ids (a text node's sequence); 'counts' of sentences is not one" }));
  });

  it('refuse a head named like an input of the GRU encoder', () => {
    const g = template();
    g.nodes.find((n) => n.id === 'encoder')!.params.heads = [{ name: 'length', size: 16, activation: 'linear' }];
    expect(errors(g)).toContainEqual(expect.objectContaining({ code: 'invalid-param', nodeId: 'encoder' }));
  });
});
