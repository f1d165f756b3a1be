import { z } from 'zod';
import { defineKind, type PortSpec } from './kind';
import { activationSchema } from './activations';
import { featureWidth } from '../values';

/**
 * The order of the autoregression: 'natural' makes output d depend on inputs 1…d−1; 'reverse' on
 * inputs d+1…D. Alternating them between stacked flow steps is the permutation between steps.
 */
export const MADE_ORDERS = ['natural', 'reverse'] as const;
export type MadeOrder = (typeof MADE_ORDERS)[number];

export const madeParams = z.object({
  hidden: z.array(z.number().int().min(1).max(16_384)).min(1).max(32).default([64, 64]).describe('Hidden sizes'),
  activation: activationSchema.default('relu').describe('Hidden activation'),
  order: z.enum(MADE_ORDERS).default('natural').describe('Order'),
});
export type MadeParams = z.infer<typeof madeParams>;

/** The heads of a MADE: a shift m and a log-scale s per dimension. */
export const MADE_HEADS = ['shift', 'logScale'] as const;

/**
 * MADE (Germain et al., 2015): an MLP whose weights are masked so that output d depends only on
 * the inputs before d in the chosen order; its heads m and s parameterise an affine autoregressive
 * flow step (or, directly, an autoregressive Gaussian).
 */
export const madeKind = defineKind<MadeParams>({
  kind: 'network.made',
  displayName: 'MADE',
  category: 'network',
  description: 'A masked autoregressive MLP (MADE): shift m_d and log-scale s_d of each dimension depend only on the dimensions before d in its order.',
  params: madeParams,
  ports: (): PortSpec[] => [
    { name: 'in', direction: 'in', accepts: ['data', 'tensor', 'sample', 'distribution'], required: true, description: "the vector x whose dimensions are modelled in order (for the first IAF step, the base posterior's 'q': its draw z_0)", shape: '[D]' },
    { name: 'shift', direction: 'out', flow: 'tensor', description: 'm_d(x_<d), one per dimension (linear)', shape: '[D]' },
    { name: 'logScale', direction: 'out', flow: 'tensor', description: 's_d(x_<d), one per dimension (linear)', shape: '[D]' },
  ],
  infer: ({ node, inputs, problems }) => {
    const inc = inputs.in?.[0];
    let size: number | null = null;
    if (inc) {
      if (inc.type.domain === 'index' || inc.type.domain === 'onehot') {
        problems.error('domain-mismatch', `MADE ${node.name} models a real vector dimension by dimension; ${inc.sourceLabel} holds ${inc.type.domain === 'index' ? 'class indices' : 'one-hot vectors'}`, { nodeId: node.id, port: 'in', edgeId: inc.edgeId });
      } else size = featureWidth(inc.type);
    }
    const perExample = inc?.type.perExample ?? false;
    return {
      shift: { flow: 'tensor', size, domain: 'real', perExample },
      logScale: { flow: 'tensor', size, domain: 'real', perExample },
    };
  },
  summary: (p, inputWidth) => `MADE ${[inputWidth ?? 'D', ...p.hidden, `{m, s}`].join('→')}${p.order === 'reverse' ? ', reversed' : ''}`,
  describeOutput: (port, nodeName) => `head '${port}' of ${nodeName}`,
});
