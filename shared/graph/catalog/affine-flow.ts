import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';

export const affineFlowParams = z.object({});
export type AffineFlowParams = z.infer<typeof affineFlowParams>;

/**
 * One affine autoregressive flow step in the density direction (MAF): u = (x − m(x)) ⊙ exp(−s(x)),
 * with m and s the heads of a MADE fed with the same x, so that x = u ⊙ exp(s) + m and
 * log |det ∂u/∂x| = −Σ_d s_d. Steps are stacked by feeding one step's u into the next step and its
 * MADE; a Flow density node at the end gives log p(x) = log N(u_K; 0, I) − Σ_k Σ_d s_d^(k).
 */
export const affineFlowKind = defineKind<AffineFlowParams>({
  kind: 'flow.affine',
  displayName: 'Affine flow step',
  category: 'network',
  description: 'An affine autoregressive flow step u = (x − m(x)) ⊙ exp(−s(x)), with m and s from a MADE fed with the same x; stack steps and end them in a Flow density.',
  params: affineFlowParams,
  ports: (): PortSpec[] => [
    { name: 'in', direction: 'in', accepts: ['data', 'tensor'], required: true, description: 'x, the value entering the step (the data, or the previous step\'s u)', shape: '[D]' },
    { name: 'shift', direction: 'in', accepts: ['tensor'], required: true, description: "m(x): the 'shift' head of a MADE fed with the same x", shape: '[D]' },
    { name: 'logScale', direction: 'in', accepts: ['tensor'], required: true, description: "s(x): the 'logScale' head of the same MADE", shape: '[D]' },
    { name: 'out', direction: 'out', flow: 'tensor', description: 'u = (x − m) ⊙ exp(−s); log |det ∂u/∂x| = −Σ_d s_d', shape: '[D]' },
  ],
  infer: ({ node, inputs, problems }) => {
    const x = inputs.in?.[0];
    let size: number | null = null;
    if (x) {
      if (x.type.domain === 'index' || x.type.domain === 'onehot') {
        problems.error('domain-mismatch', `flow step ${node.name} transforms a real vector; ${x.sourceLabel} holds ${x.type.domain === 'index' ? 'class indices' : 'one-hot vectors'}`, { nodeId: node.id, port: 'in', edgeId: x.edgeId });
      } else size = x.type.size;
    }
    for (const port of ['shift', 'logScale'] as const) {
      const inc = inputs[port]?.[0];
      if (!inc || inc.type.size === null) continue;
      if (size === null) size = inc.type.size;
      else if (inc.type.size !== size) problems.error('size-mismatch', `flow step ${node.name} transforms ${size} dimensions; its ${port} (${inc.sourceLabel}) has ${inc.type.size}`, { nodeId: node.id, port, edgeId: inc.edgeId });
    }
    return { out: { flow: 'tensor', size, domain: 'real', perExample: x?.type.perExample ?? true } };
  },
  summary: () => 'u = (x − m) ⊙ exp(−s)',
  describeOutput: (_port, nodeName) => `the output u of flow step ${nodeName}`,
});
