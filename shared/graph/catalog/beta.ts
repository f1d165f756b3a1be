import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const betaParams = z.object({
  ...rvBaseParams,
  concentration1: z.number().gt(0).default(1).describe('concentration1 when unconnected'),
  concentration0: z.number().gt(0).default(1).describe('concentration0 when unconnected'),
  /** How incoming raw values become the positive parameters: as they are (they must already be positive), softplus or exp. */
  positiveLink: z.enum(LINKS).default('none').describe('Positive link'),
});
export type BetaParams = z.infer<typeof betaParams>;

/** Beta: Beta(α, β) per dimension over (0, 1). */
export const betaKind = defineRandomVariable<BetaParams>('dist.beta', {
  family: 'beta',
  displayName: 'Beta',
  description: 'Beta(α, β) per dimension over (0, 1): a prior for proportions or soft binary factors; as a latent it needs a Kumaraswamy posterior to be reparameterised.',
  paramPorts: [
    { name: 'concentration1', constraint: 'positive', description: 'α, the first shape (> 0)' },
    { name: 'concentration0', constraint: 'positive', description: 'β, the second shape (> 0)' },
  ],
  support: 'unit',
  hasRsample: false,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'unit' || t.domain === 'real' ? null : 'observes values strictly between 0 and 1'),
  observedSize: (t) => t.size,
  linkParams: { concentration1: 'positiveLink', concentration0: 'positiveLink' },
  summaryExtra: (p) => (p.positiveLink !== 'none' ? `, parameters = ${p.positiveLink}(·)` : ''),
}, betaParams);
