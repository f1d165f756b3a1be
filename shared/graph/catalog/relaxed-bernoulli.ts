import { z } from 'zod';
import { defineRandomVariable, rvBaseParams } from './random-variable';

export const relaxedBernoulliParams = z.object({
  ...rvBaseParams,
  logits: z.number().default(0).describe('logits when unconnected'),
});
export type RelaxedBernoulliParams = z.infer<typeof relaxedBernoulliParams>;

/** RelaxedBernoulli: Binary Concrete (relaxed Bernoulli) per dimension over (0, 1) at a fixed temperature τ. */
export const relaxedBernoulliKind = defineRandomVariable<RelaxedBernoulliParams>('dist.relaxedBernoulli', {
  family: 'relaxed-bernoulli',
  displayName: 'RelaxedBernoulli',
  description: 'Binary Concrete (relaxed Bernoulli) per dimension over (0, 1) at a fixed temperature τ: a reparameterisable stand-in for binary variables, as prior and posterior of a relaxed latent (the KL is then estimated by Monte Carlo).',
  paramPorts: [
    { name: 'logits', constraint: 'real', description: 'log-odds; as τ → 0 a draw is 1 with probability sigmoid(logits)' },
  ],
  support: 'unit',
  hasRsample: true,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'unit' || t.domain === 'real' ? null : 'observes values strictly between 0 and 1'),
  observedSize: (t) => t.size,
  constants: (p) => ({ temperature: p.temperature }),
  summaryExtra: (p) => `, τ = ${p.temperature}`,
}, relaxedBernoulliParams);
