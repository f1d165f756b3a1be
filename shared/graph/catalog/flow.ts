import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { describeDomain, type ValueType } from '../values';

export const flowParams = z.object({
  /**
   * Observed: a density over the data it is bound to, its exact log-likelihood (MAF). Posterior:
   * an approximate posterior q(z | x), a base Normal carried by IAF steps (IAF).
   */
  role: z.enum(['observed', 'posterior']).default('observed').describe('Role'),
});
export type FlowParams = z.infer<typeof flowParams>;

/**
 * A normalising flow as a distribution.
 * - Observed (MAF): x is carried by affine autoregressive steps to u_K, whose base distribution is
 *   N(0, I); by the change of variables log p(x) = log N(u_K; 0, I) − Σ_k Σ_d s_d^(k). Sampling
 *   inverts the steps, x = u ⊙ exp(s) + m, one dimension at a time.
 * - Approximate posterior (IAF): z_0 ~ q_0(z_0 | x), a Normal posterior wired into 'base', is carried
 *   by IAF steps z_k = z_{k−1} ⊙ exp(s_k) + m_k to z_K, the latent's value, with
 *   log q(z_K | x) = log q_0(z_0 | x) − Σ_k Σ_d s_d^(k). Drawing is one pass per step.
 */
export const flowKind = defineKind<FlowParams>({
  kind: 'dist.flow',
  displayName: 'Flow density',
  category: 'distribution',
  description: 'A normalising flow. Observed (MAF): the last affine flow step\'s u has base N(0, I), and log p(x) = log N(u_K; 0, I) − Σ_k Σ_d s_d^(k). Approximate posterior (IAF): a base Normal q_0(z_0 | x) carried by IAF steps to z_K, log q(z_K | x) = log q_0(z_0 | x) − Σ_k Σ_d s_d^(k).',
  params: flowParams,
  ports: (p): PortSpec[] => p.role === 'posterior'
    ? [
      { name: 'base', direction: 'in', accepts: ['distribution'], required: true, description: "q_0(z_0 | x): the 'q' of a Normal whose role is approximate posterior (the first IAF step reads its draw)", shape: '[D]' },
      { name: 'z', direction: 'in', accepts: ['tensor'], required: true, description: "z_K: the 'out' of the last IAF step, the latent's value", shape: '[D]' },
      { name: 'q', direction: 'out', flow: 'distribution', description: 'q(z_K | x), as the approximate posterior of a latent', shape: '[D]' },
    ]
    : [
      { name: 'value', direction: 'in', accepts: ['data'], required: true, description: 'the data this density observes (where the flow steps start)', shape: '[D]' },
      { name: 'u', direction: 'in', accepts: ['tensor'], required: true, description: "u_K: the 'out' of the last affine flow step, distributed as N(0, I)", shape: '[D]' },
    ],
  infer: ({ node, params, inputs, problems }): Record<string, ValueType> => {
    if (params.role === 'posterior') {
      const base = inputs.base?.[0];
      const zK = inputs.z?.[0];
      if (base && base.type.family !== 'normal') {
        problems.error('flow-wiring', `the base of Flow posterior ${node.name} is a Normal approximate posterior q_0(z_0 | x) = N(μ(x), σ(x)²); ${base.sourceLabel} is ${base.type.family ?? 'not a distribution'}`, { nodeId: node.id, port: 'base', edgeId: base.edgeId });
      }
      let size = base?.type.size ?? null;
      if (zK && zK.type.size !== null) {
        if (size !== null && zK.type.size !== size) problems.error('size-mismatch', `Flow posterior ${node.name} has a base of ${size} dimensions; ${zK.sourceLabel} has ${zK.type.size}`, { nodeId: node.id, port: 'z', edgeId: zK.edgeId });
        size ??= zK.type.size;
      }
      return { q: { flow: 'distribution', size, domain: 'real', perExample: base?.type.perExample ?? true, family: 'flow' } };
    }
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
  summary: (p) => (p.role === 'posterior' ? 'Flow, approximate posterior (IAF), base q_0(z_0 | x)' : 'Flow density, observed, base N(0, I)'),
  describeOutput: (port, nodeName) => (port === 'q' ? nodeName : `'${port}' of ${nodeName}`),
});
