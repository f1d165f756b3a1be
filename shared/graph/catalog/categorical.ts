import { z } from 'zod';
import { defineRandomVariable, rvBaseParams } from './random-variable';

export const categoricalParams = z.object({
  ...rvBaseParams,
  logits: z.number().default(0).describe('logits when unconnected'),
});
export type CategoricalParams = z.infer<typeof categoricalParams>;

/** Categorical(softmax(logits)) over n classes. */
export const categoricalKind = defineRandomVariable<CategoricalParams>('dist.categorical', {
  family: 'categorical',
  displayName: 'Categorical',
  description: 'One of n classes with probabilities softmax(logits), e.g. a digit label.',
  paramPorts: [{ name: 'logits', constraint: 'real', description: 'unnormalised log-probabilities of the classes' }],
  support: 'onehot',
  trainableEstimators: [],
  defaultEstimator: 'score-function',
  cannotObserve: (t) => (t.domain === 'index' ? null : 'observes class indices'),
  observedSize: (t) => t.categories ?? null,
  linked: () => false,
  summaryExtra: () => '',
}, categoricalParams);
