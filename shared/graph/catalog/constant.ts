import { z } from 'zod';
import { defineKind, describePortOf } from './kind';

export const constantParams = z.object({
  size: z.number().int().min(1).max(100_000).default(1).describe('Size'),
  value: z.number().default(0).describe('Value'),
});
export type ConstantParams = z.infer<typeof constantParams>;

/** A fixed vector, shared by every example (e.g. a prior's parameters). */
export const constantKind = defineKind<ConstantParams>({
  kind: 'param.constant',
  displayName: 'Constant',
  category: 'parameter',
  description: 'A fixed vector with every entry equal to value, shared by all examples.',
  params: constantParams,
  ports: (p) => [{ name: 'out', direction: 'out', flow: 'tensor', description: 'the constant', shape: `[${p.size}]` }],
  infer: ({ params }) => ({ out: { flow: 'tensor', size: params.size, domain: params.value > 0 ? 'positive' : 'real', perExample: false } }),
  summary: (p) => `${p.value} × [${p.size}]`,
  describeOutput: (_port, nodeName) => `constant ${nodeName}`,
});
