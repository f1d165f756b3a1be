import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const weibullParams = z.object({
  ...rvBaseParams,
  scale: z.number().gt(0).default(1).describe('scale when unconnected'),
  concentration: z.number().gt(0).default(1).describe('concentration when unconnected'),
  /** How incoming raw values become the positive parameters: as they are (they must already be positive), softplus or exp. */
  positiveLink: z.enum(LINKS).default('none').describe('Positive link'),
});
export type WeibullParams = z.infer<typeof weibullParams>;

/** Weibull: Weibull(scale λ, shape k) per dimension over positive values, reparameterisable (z = λ(−log u)^(1/k)). */
export const weibullKind = defineRandomVariable<WeibullParams>('dist.weibull', {
  family: 'weibull',
  displayName: 'Weibull',
  description: 'Weibull(scale λ, shape k) per dimension over positive values, reparameterisable (z = λ(−log u)^(1/k)): a posterior for positive latents with a Gamma prior.',
  paramPorts: [
    { name: 'scale', constraint: 'positive', description: 'λ, the scale (> 0)' },
    { name: 'concentration', constraint: 'positive', description: 'k, the shape (> 0)' },
  ],
  support: 'positive',
  hasRsample: true,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'positive' || t.domain === 'real' || t.domain === 'unit' ? null : 'observes positive values'),
  observedSize: (t) => t.size,
  linkParams: { scale: 'positiveLink', concentration: 'positiveLink' },
  summaryExtra: (p) => (p.positiveLink !== 'none' ? `, parameters = ${p.positiveLink}(·)` : ''),
}, weibullParams);
