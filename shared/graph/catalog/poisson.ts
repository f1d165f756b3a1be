import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const poissonParams = z.object({
  ...rvBaseParams,
  rate: z.number().gt(0).default(1).describe('rate when unconnected'),
  /** How incoming raw values become the positive parameters: as they are (they must already be positive), softplus or exp. */
  positiveLink: z.enum(LINKS).default('none').describe('Positive link'),
});
export type PoissonParams = z.infer<typeof poissonParams>;

/** Poisson: Poisson(rate) counts per dimension. */
export const poissonKind = defineRandomVariable<PoissonParams>('dist.poisson', {
  family: 'poisson',
  displayName: 'Poisson',
  description: 'Poisson(rate) counts per dimension: a likelihood for count data (word counts, events); as a latent it is trained by the score function.',
  paramPorts: [
    { name: 'rate', constraint: 'positive', description: 'λ, the expected count (> 0)' },
  ],
  support: 'count',
  hasRsample: false,
  trainableEstimators: ['score-function'],
  defaultEstimator: 'score-function',
  cannotObserve: (t) => (t.domain === 'count' || t.domain === 'binary' || t.domain === 'real' || t.domain === 'positive' ? null : 'observes counts 0, 1, 2, …'),
  observedSize: (t) => t.size,
  linkParams: { rate: 'positiveLink' },
  summaryExtra: (p) => (p.positiveLink !== 'none' ? `, parameters = ${p.positiveLink}(·)` : ''),
}, poissonParams);
