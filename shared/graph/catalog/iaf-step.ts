import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';

export const iafStepParams = z.object({});
export type IafStepParams = z.infer<typeof iafStepParams>;

/**
 * One inverse autoregressive flow step (Kingma et al., 2016), in the sampling direction:
 * z_k = z_{k−1} ⊙ σ_k + m_k with σ_k = exp(s_k), where m_k and s_k are the heads of a MADE fed with
 * the same z_{k−1}, so every dimension is computed in one pass and log |det ∂z_k/∂z_{k−1}| = Σ_d s_{k,d}.
 * The first step reads the draw z_0 of a base posterior q_0(z_0 | x) (a Normal); steps are stacked
 * by feeding one step's output into the next step and its MADE; a Flow posterior node at the end is
 * q(z_K | x), with log q(z_K | x) = log q_0(z_0 | x) − Σ_k Σ_d s_{k,d}.
 */
export const iafStepKind = defineKind<IafStepParams>({
  kind: 'flow.iaf',
  displayName: 'IAF step',
  category: 'network',
  description: 'An inverse autoregressive flow step z_k = z_{k−1} ⊙ exp(s) + m, with m and s from a MADE fed with the same z_{k−1}; the first step reads the draw of a base Normal posterior, the last goes into a Flow posterior.',
  params: iafStepParams,
  ports: (): PortSpec[] => [
    { name: 'in', direction: 'in', accepts: ['distribution', 'tensor'], required: true, description: "z_{k−1}: the 'q' of the base Normal posterior (its draw z_0) for the first step, else the previous step's output", shape: '[D]' },
    { name: 'shift', direction: 'in', accepts: ['tensor'], required: true, description: "m(z_{k−1}): the 'shift' head of a MADE fed with the same z_{k−1}", shape: '[D]' },
    { name: 'logScale', direction: 'in', accepts: ['tensor'], required: true, description: "s(z_{k−1}): the 'logScale' head of the same MADE (σ = exp(s))", shape: '[D]' },
    { name: 'out', direction: 'out', flow: 'tensor', description: 'z_k = z_{k−1} ⊙ exp(s) + m; log |det ∂z_k/∂z_{k−1}| = Σ_d s_d', shape: '[D]' },
  ],
  infer: ({ node, inputs, problems }) => {
    const z0 = inputs.in?.[0];
    let size: number | null = null;
    if (z0) {
      if (z0.type.domain !== 'real') {
        problems.error('domain-mismatch', `IAF step ${node.name} transforms a real vector; ${z0.sourceLabel} holds ${z0.type.domain === 'index' ? 'class indices' : `${z0.type.domain} values`}`, { nodeId: node.id, port: 'in', edgeId: z0.edgeId });
      } else size = z0.type.size;
    }
    for (const port of ['shift', 'logScale'] as const) {
      const inc = inputs[port]?.[0];
      if (!inc || inc.type.size === null) continue;
      if (size === null) size = inc.type.size;
      else if (inc.type.size !== size) problems.error('size-mismatch', `IAF step ${node.name} transforms ${size} dimensions; its ${port} (${inc.sourceLabel}) has ${inc.type.size}`, { nodeId: node.id, port, edgeId: inc.edgeId });
    }
    return { out: { flow: 'tensor', size, domain: 'real', perExample: true } };
  },
  summary: () => 'z′ = z ⊙ exp(s) + m',
  describeOutput: (_port, nodeName) => `the output of IAF step ${nodeName}`,
});
