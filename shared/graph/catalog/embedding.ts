import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { sequenceInput } from './sequence-input';
import type { ValueType } from '../values';

export const embeddingParams = z.object({
  /** The length E of each token's vector. */
  dimension: z.number().int().min(1).max(4096).default(64).describe('Embedding dimension'),
});
export type EmbeddingParams = z.infer<typeof embeddingParams>;

/**
 * An embedding table: each token id becomes a learnt vector of E numbers (a row of a V × E table,
 * V the vocabulary of the data node the ids come from). Id 0 is the padding (and the end token): it
 * has a row like any id, and the networks that read the vectors mask the positions past a
 * sentence's length.
 */
export const embeddingKind = defineKind<EmbeddingParams>({
  kind: 'network.embedding',
  displayName: 'Embedding',
  category: 'network',
  description: 'Maps each token id of a sequence to a learnt vector (a row of a vocabulary × dimension table); the vocabulary is the data node\'s.',
  params: embeddingParams,
  ports: (p): PortSpec[] => [
    { name: 'tokens', direction: 'in', accepts: ['data'], required: true, description: 'token ids per position (a text node\'s tokens or sequence)', shape: '[T] ids of V' },
    { name: 'out', direction: 'out', flow: 'tensor', description: `a vector of ${p.dimension} per position`, shape: `[T × ${p.dimension}]` },
  ],
  infer: (ctx): Record<string, ValueType> => {
    const input = sequenceInput(ctx, 'tokens', 'Embedding', false);
    // Without its ids (missing, or a problem already said) it has no output: what reads it waits.
    if (!input) return {};
    const out: ValueType = { flow: 'tensor', size: ctx.params.dimension, domain: 'real', perExample: true, positions: input.positions };
    return { out };
  },
  summary: (p) => `Embedding, ${p.dimension} per token`,
  describeOutput: (_port, nodeName) => `the vectors of ${nodeName}`,
});
