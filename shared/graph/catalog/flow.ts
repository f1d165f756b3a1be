import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { describeDomain } from '../values';

export const flowParams = z.object({
  /** A flow density is observed: it gives the exact log-likelihood of the data it is bound to. */
  role: z.enum(['observed']).default('observed').describe('Role'),
});
export type FlowParams = z.infer<typeof flowParams>;

/**
 * A normalising flow's density over observed data (MAF): x is carried by affine autoregressive
 * steps to u_K, whose base distribution is N(0, I); by the change of variables
 * log p(x) = log N(u_K; 0, I) − Σ_k Σ_d s_d^(k). Sampling inverts the steps, x = u ⊙ exp(s) + m,
 * one dimension at a time.
 */
export const flowKind = defineKind<FlowParams>({
  kind: 'dist.flow',
  displayName: 'Flow density',
  category: 'distribution',
  description: 'The density of data through a normalising flow: the last affine flow step\'s u has base N(0, I), and log p(x) = log N(u_K; 0, I) − Σ_k Σ_d s_d^(k).',
  params: flowParams,
  ports: (): PortSpec[] => [
    { name: 'value', direction: 'in', accepts: ['data'], required: true, description: 'the data this density observes (where the flow steps start)', shape: '[D]' },
    { name: 'u', direction: 'in', accepts: ['tensor'], required: true, description: "u_K: the 'out' of the last affine flow step, distributed as N(0, I)", shape: '[D]' },
  ],
  infer: ({ node, inputs, problems }) => {
    const x = inputs.value?.[0];
    const u = inputs.u?.[0];
    if (x && x.type.domain !== 'real' && x.type.domain !== 'unit' && x.type.domain !== 'positive') {
      problems.error('domain-mismatch', `Flow density ${node.name} is a density over real vectors; ${x.sourceLabel} holds ${describeDomain(x.type.domain, x.type.categories)}`, { nodeId: node.id, port: 'value', edgeId: x.edgeId });
    }
    if (x && u && x.type.size !== null && u.type.size !== null && x.type.size !== u.type.size) {
      problems.error('size-mismatch', `Flow density ${node.name} observes ${x.type.size} dimensions; ${u.sourceLabel} has ${u.type.size}`, { nodeId: node.id, port: 'u', edgeId: u.edgeId });
    }
    return {};
  },
  summary: () => 'Flow density, observed, base N(0, I)',
  describeOutput: (port, nodeName) => `'${port}' of ${nodeName}`,
});
