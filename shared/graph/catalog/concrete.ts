import { z } from 'zod';
import { defineRandomVariable, rvBaseParams } from './random-variable';

export const concreteParams = z.object({
  ...rvBaseParams,
  logits: z.number().default(0).describe('logits when unconnected'),
  /** The event splits into this many independent groups of K = size / groups classes. */
  groups: z.number().int().min(1).max(10_000).default(1).describe('Groups'),
});
export type ConcreteParams = z.infer<typeof concreteParams>;

/** Concrete: Concrete (Gumbel-softmax) over probability vectors at a fixed temperature τ, in groups of K. */
export const concreteKind = defineRandomVariable<ConcreteParams>('dist.concrete', {
  family: 'relaxed-onehot-categorical',
  displayName: 'Concrete',
  description: 'Concrete (Gumbel-softmax) over probability vectors at a fixed temperature τ, in groups of K: a reparameterisable stand-in for one-hot categorical variables, as prior and posterior of a relaxed latent (the KL is then estimated by Monte Carlo).',
  paramPorts: [
    { name: 'logits', constraint: 'real', description: 'unnormalised log-probabilities of the classes (groups × K)' },
  ],
  support: 'simplex',
  hasRsample: true,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'simplex' ? null : 'observes probability vectors'),
  observedSize: (t) => t.size,
  constants: (p) => ({ temperature: p.temperature }),
  groups: (p) => p.groups,
  summaryExtra: (p) => `, τ = ${p.temperature}${p.groups > 1 ? `, ${p.groups} groups` : ''}`,
}, concreteParams);
