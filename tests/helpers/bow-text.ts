import type { GraphFile } from '../../shared/graph/index';
import { loadExample } from './examples';

/**
 * The bag-of-words template reading a text file of the test's instead of the novel it ships with:
 * its corpus node made a text node on `documents.txt` (beside the graph) with `vocabularySize` ids,
 * the decoder's head sized to match.
 */
export function bowOnTextFile(vocabularySize: number): GraphFile {
  const doc = loadExample('bow-vae-text');
  const node = (id: string) => doc.graph.nodes.find((n) => n.id === id)!;
  const { unit: _, ...settings } = node('docs').params;
  Object.assign(node('docs'), { kind: 'data.text', params: { ...settings, path: 'documents.txt', vocabularySize } });
  node('decoder').params = { ...node('decoder').params, heads: [{ name: 'logits', size: vocabularySize, activation: 'linear' }] };
  return doc;
}
