import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const gammaParams = z.object({
  ...rvBaseParams,
  concentration: z.number().gt(0).default(1).describe('concentration when unconnected'),
  rate: z.number().gt(0).default(1).describe('rate when unconnected'),
  /** How incoming raw values become the positive parameters: as they are (they must already be positive), softplus or exp. */
  positiveLink: z.enum(LINKS).default('none').describe('Positive link'),
});
export type GammaParams = z.infer<typeof gammaParams>;

/** Gamma: Gamma(k, rate) per dimension over positive values (mean k/rate). */
export const gammaKind = defineRandomVariable<GammaParams>('dist.gamma', {
  family: 'gamma',
  displayName: 'Gamma',
  description: 'Gamma(k, rate) per dimension over positive values (mean k/rate): a prior for rates and scales; as a latent it needs a Weibull or LogNormal posterior to be reparameterised.',
  paramPorts: [
    { name: 'concentration', constraint: 'positive', description: 'k, the shape (> 0)' },
    { name: 'rate', constraint: 'positive', description: 'the rate (> 0); the mean is k / rate' },
  ],
  support: 'positive',
  hasRsample: false,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'positive' || t.domain === 'real' || t.domain === 'unit' ? null : 'observes positive values'),
  observedSize: (t) => t.size,
  linkParams: { concentration: 'positiveLink', rate: 'positiveLink' },
  summaryExtra: (p) => (p.positiveLink !== 'none' ? `, parameters = ${p.positiveLink}(·)` : ''),
}, gammaParams);
