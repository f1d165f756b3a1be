import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const lognormalParams = z.object({
  ...rvBaseParams,
  loc: z.number().default(0).describe('loc when unconnected'),
  scale: z.number().gt(0).default(1).describe('scale when unconnected'),
  /** How an incoming raw value becomes a positive scale: as it is (it must already be positive), softplus or exp. */
  scaleLink: z.enum(LINKS).default('none').describe('Scale link'),
});
export type LognormalParams = z.infer<typeof lognormalParams>;

/** LogNormal: LogNormal(μ, σ) per dimension. */
export const lognormalKind = defineRandomVariable<LognormalParams>('dist.logNormal', {
  family: 'lognormal',
  displayName: 'LogNormal',
  description: 'LogNormal(μ, σ) per dimension: exp of a Normal(μ, σ²), positive and reparameterisable.',
  paramPorts: [
    { name: 'loc', constraint: 'real', description: 'μ, the mean of log z' },
    { name: 'scale', constraint: 'positive', description: 'σ, the standard deviation of log z (> 0)' },
  ],
  support: 'positive',
  hasRsample: true,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'positive' || t.domain === 'real' || t.domain === 'unit' ? null : 'observes positive values'),
  observedSize: (t) => t.size,
  linkParams: { scale: 'scaleLink' },
  summaryExtra: (p) => (p.scaleLink !== 'none' ? `, scale = ${p.scaleLink}(·)` : ''),
}, lognormalParams);
