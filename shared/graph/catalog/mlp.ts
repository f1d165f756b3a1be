import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { activationDomain, activationSchema } from './activations';
import { featureWidth, type ValueType } from '../values';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, 'a head name is a letter or _ followed by letters, digits or _ (at most 40)');

export const headSchema = z.object({
  name: identifier,
  size: z.number().int().min(1).max(100_000),
  activation: activationSchema.default('linear'),
});
export type Head = z.infer<typeof headSchema>;

export const mlpParams = z.object({
  hidden: z.array(z.number().int().min(1).max(16_384)).max(32).default([400]).describe('Hidden sizes'),
  activation: activationSchema.default('relu').describe('Hidden activation'),
  heads: z
    .array(headSchema)
    .min(1)
    .max(16)
    .default([{ name: 'out', size: 10, activation: 'linear' }])
    .refine((hs) => new Set(hs.map((h) => h.name)).size === hs.length, 'head names must be different')
    .refine((hs) => hs.every((h) => h.name !== 'in'), "'in' is the input port; a head cannot be called 'in'")
    .describe('Heads'),
});
export type MlpParams = z.infer<typeof mlpParams>;

/** The total input width of a network: its inputs concatenated (class indices one-hot). */
export function mlpInputWidth(inputs: readonly { type: ValueType }[]): number | null {
  let total = 0;
  for (const i of inputs) {
    const w = featureWidth(i.type);
    if (w === null) return null;
    total += w;
  }
  return total;
}

/** A multilayer perceptron: inputs concatenated, hidden layers, and one dense layer per named head. */
export const mlpKind = defineKind<MlpParams>({
  kind: 'network.mlp',
  displayName: 'MLP',
  category: 'network',
  description: 'A multilayer perceptron: inputs concatenated, hidden layers, one output head per parameter it predicts.',
  params: mlpParams,
  ports: (p): PortSpec[] => [
    { name: 'in', direction: 'in', accepts: ['data', 'tensor', 'sample'], multiple: true, required: true, description: 'inputs, concatenated (class labels one-hot)', shape: '[n], n = sum of input widths' },
    ...p.heads.map((h): PortSpec => ({ name: h.name, direction: 'out', flow: 'tensor', description: `head '${h.name}' (${h.activation})`, shape: `[${h.size}]` })),
  ],
  infer: ({ params, inputs }) => {
    const incoming = inputs.in ?? [];
    const perExample = incoming.some((i) => i.type.perExample);
    const out: Record<string, ValueType> = {};
    for (const h of params.heads) out[h.name] = { flow: 'tensor', size: h.size, domain: activationDomain(h.activation), perExample };
    return out;
  },
  summary: (p, inputWidth) => {
    const heads = p.heads.length === 1 ? `${p.heads[0]!.size}` : `{${p.heads.map((h) => `${h.name} ${h.size}`).join(', ')}}`;
    return `MLP ${[inputWidth ?? '?', ...p.hidden, heads].join('→')}`;
  },
  describeOutput: (port, nodeName) => `head '${port}' of ${nodeName}`,
});
