import { z } from 'zod';
import { defineKind } from './kind';

export const learnableParams = z.object({
  size: z.number().int().min(1).max(1_000_000).default(1).describe('Size'),
  /** Initial value of every entry (of the constrained value, not the raw one). */
  init: z.number().default(0).describe('Initial value'),
  /** Positive parameters are stored raw and passed through softplus. */
  constraint: z.enum(['real', 'positive']).default('real').describe('Constraint'),
}).refine((p) => p.constraint !== 'positive' || p.init > 0, { message: 'a positive parameter needs a positive initial value', path: ['init'] });
export type LearnableParams = z.infer<typeof learnableParams>;

/** A free parameter learned by the optimiser, shared by every example (prior or mean-field parameters). */
export const learnableKind = defineKind<LearnableParams>({
  kind: 'param.learnable',
  displayName: 'Learnable parameter',
  category: 'parameter',
  description: 'A vector learned by the optimiser and shared by all examples; optionally kept positive by softplus.',
  params: learnableParams,
  ports: (p) => [{ name: 'out', direction: 'out', flow: 'tensor', description: 'the current value', shape: `[${p.size}]` }],
  infer: ({ params }) => ({ out: { flow: 'tensor', size: params.size, domain: params.constraint === 'positive' ? 'positive' : 'real', perExample: false } }),
  summary: (p) => `learnable [${p.size}]${p.constraint === 'positive' ? ' > 0' : ''}, init ${p.init}`,
  describeOutput: (_port, nodeName) => `parameter ${nodeName}`,
});
