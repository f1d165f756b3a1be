import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { activationDomain } from './activations';
import { headSchema } from './mlp';
import { sequenceInput } from './sequence-input';
import { describeDomain, type ValueType } from '../values';

/** The input ports of a GRU encoder; a head cannot take their names. */
const INPUTS = ['tokens', 'length'];

export const gruEncoderParams = z.object({
  /** The size H of the hidden state. */
  hidden: z.number().int().min(1).max(4096).default(256).describe('Hidden size'),
  /** The vector length E of each token when the encoder embeds token ids itself (unused when it reads an Embedding's vectors). */
  embedding: z.number().int().min(1).max(4096).default(64).describe('Embedding dimension (of token ids)'),
  heads: z
    .array(headSchema)
    .min(1)
    .max(16)
    .default([{ name: 'loc', size: 32, activation: 'linear' }, { name: 'scale', size: 32, activation: 'softplus' }])
    .refine((hs) => new Set(hs.map((h) => h.name)).size === hs.length, 'head names must be different')
    .refine((hs) => hs.every((h) => !INPUTS.includes(h.name)), "'tokens' and 'length' are the input ports; a head cannot take their names")
    .describe('Heads'),
});
export type GruEncoderParams = z.infer<typeof gruEncoderParams>;

/**
 * A GRU encoder (PyTorch's nn.GRU equations): reads a sentence token by token (embedding token ids
 * itself, or reading an Embedding's vectors), keeps the hidden state at each sentence's true length
 * (the positions past it are masked: the state stops changing), and computes its heads from that
 * final state, one dense layer each, as an MLP's heads (the loc and scale of q(z | x), say).
 */
export const gruEncoderKind = defineKind<GruEncoderParams>({
  kind: 'network.gruEncoder',
  displayName: 'GRU encoder',
  category: 'network',
  description: 'A recurrent encoder (GRU) of a token sequence, masked by length: its final hidden state at each sentence\'s length feeds one dense head per parameter it predicts.',
  params: gruEncoderParams,
  ports: (p): PortSpec[] => [
    { name: 'tokens', direction: 'in', accepts: ['data', 'tensor'], required: true, description: 'the sentence: token ids (embedded by the encoder) or an Embedding\'s vectors', shape: '[T] ids, or [T × E]' },
    { name: 'length', direction: 'in', accepts: ['data'], required: true, description: 'how many positions of each sentence are tokens (the rest is padding, masked)', shape: '[1]' },
    ...p.heads.map((h): PortSpec => ({ name: h.name, direction: 'out', flow: 'tensor', description: `head '${h.name}' (${h.activation}) of the final hidden state`, shape: `[${h.size}]` })),
  ],
  infer: (ctx) => {
    const { node, params, inputs, problems } = ctx;
    sequenceInput(ctx, 'tokens', 'GRU encoder', true);
    const length = inputs.length?.[0];
    if (length && (length.type.size !== 1 || length.type.positions !== undefined || (length.type.domain !== 'count' && length.type.domain !== 'real'))) {
      problems.error('domain-mismatch', `GRU encoder ${node.name} reads one length per example on 'length'; ${length.sourceLabel} holds ${length.type.size === 1 ? describeDomain(length.type.domain, length.type.categories) : `${length.type.size ?? '?'} values`}`, { nodeId: node.id, port: 'length', edgeId: length.edgeId });
    }
    const out: Record<string, ValueType> = {};
    for (const h of params.heads) out[h.name] = { flow: 'tensor', size: h.size, domain: activationDomain(h.activation), perExample: true };
    return out;
  },
  summary: (p) => {
    const heads = p.heads.length === 1 ? `${p.heads[0]!.size}` : `{${p.heads.map((h) => `${h.name} ${h.size}`).join(', ')}}`;
    return `GRU encoder ${p.hidden}→${heads}`;
  },
  describeOutput: (port, nodeName) => `head '${port}' of ${nodeName}`,
});
