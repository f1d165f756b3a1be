import { z } from 'zod';
import { defineRandomVariable, rvBaseParams } from './random-variable';

export const bernoulliParams = z.object({
  ...rvBaseParams,
  logits: z.number().default(0).describe('logits when unconnected'),
});
export type BernoulliParams = z.infer<typeof bernoulliParams>;

/** Bernoulli(sigmoid(logits)), independent per dimension. */
export const bernoulliKind = defineRandomVariable<BernoulliParams>('dist.bernoulli', {
  family: 'bernoulli',
  displayName: 'Bernoulli',
  description: 'Independent binary variables with probabilities sigmoid(logits), e.g. binarized pixels or binary latent factors.',
  paramPorts: [{ name: 'logits', constraint: 'real', description: 'log-odds of each dimension being 1' }],
  support: 'binary',
  hasRsample: false,
  trainableEstimators: ['score-function', 'relaxed', 'straight-through', 'enumeration'],
  defaultEstimator: 'score-function',
  supportSize: (size) => 2 ** size,
  cannotObserve: (t) => (t.domain === 'binary' || t.domain === 'unit' ? null : 'observes values in [0, 1]'),
  observedSize: (t) => t.size,
  summaryExtra: () => '',
}, bernoulliParams);
