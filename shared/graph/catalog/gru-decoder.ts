import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { sequenceInput } from './sequence-input';
import type { ValueType } from '../values';

export const gruDecoderParams = z.object({
  /** The size H of the hidden state. */
  hidden: z.number().int().min(1).max(4096).default(256).describe('Hidden size'),
  /** The vector length E of each token it reads. */
  embedding: z.number().int().min(1).max(4096).default(64).describe('Embedding dimension'),
  /**
   * Word dropout (Bowman et al., 2016): while training, each word the decoder reads (not the
   * beginning token) is replaced by the unknown token with this probability, so it must lean on z.
   */
  wordDropout: z.number().min(0).max(1).default(0).describe('Word dropout'),
});
export type GruDecoderParams = z.infer<typeof gruDecoderParams>;

/**
 * An autoregressive GRU decoder (PyTorch's nn.GRU equations): its first hidden state is
 * h_0 = tanh(W z + b) of the code z (its inputs concatenated); at position t it reads the token
 * before (id 0, the padding id, as the beginning token BOS at t = 1) and emits logits over the
 * vocabulary for the token at t. Training, it reads the observed sentence (teacher forcing: BOS,
 * then the sentence shifted by one), with word dropout; generating, it reads its own draws (or the
 * most probable tokens), up to the sequence's length, and stops a sentence at its end token (id 0).
 */
export const gruDecoderKind = defineKind<GruDecoderParams>({
  kind: 'network.gruDecoder',
  displayName: 'GRU decoder',
  category: 'network',
  description: 'An autoregressive recurrent decoder (GRU) started from z: logits over the vocabulary for each next token; teacher forcing with word dropout while training, its own draws when generating.',
  params: gruDecoderParams,
  ports: (): PortSpec[] => [
    { name: 'z', direction: 'in', accepts: ['data', 'tensor', 'sample'], multiple: true, required: true, description: 'the code its first hidden state is computed from, h_0 = tanh(W z + b) (inputs concatenated)', shape: '[n]' },
    { name: 'tokens', direction: 'in', accepts: ['data'], required: true, description: 'the sentence it learns to emit, read shifted by one while training (teacher forcing): the text node\'s sequence, which ends with the end token', shape: '[T] ids of V' },
    { name: 'logits', direction: 'out', flow: 'tensor', description: 'logits over the vocabulary for each position, for a Categorical observing the sequence', shape: '[T × V]' },
  ],
  infer: (ctx): Record<string, ValueType> => {
    const input = sequenceInput(ctx, 'tokens', 'GRU decoder', false);
    if (!input || input.kind !== 'ids') return {};
    const logits: ValueType = { flow: 'tensor', size: input.vocabulary, domain: 'real', perExample: true, positions: input.positions };
    return { logits };
  },
  summary: (p) => `GRU decoder, hidden ${p.hidden}${p.wordDropout > 0 ? `, word dropout ${p.wordDropout}` : ''}`,
  describeOutput: (_port, nodeName) => `the logits of ${nodeName}`,
});
