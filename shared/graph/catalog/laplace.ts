import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const laplaceParams = z.object({
  ...rvBaseParams,
  loc: z.number().default(0).describe('loc when unconnected'),
  scale: z.number().gt(0).default(1).describe('scale when unconnected'),
  /** How an incoming raw value becomes a positive scale: as it is (it must already be positive), softplus or exp. */
  scaleLink: z.enum(LINKS).default('none').describe('Scale link'),
});
export type LaplaceParams = z.infer<typeof laplaceParams>;

/** Laplace: Laplace(loc, scale) per dimension. */
export const laplaceKind = defineRandomVariable<LaplaceParams>('dist.laplace', {
  family: 'laplace',
  displayName: 'Laplace',
  description: 'Laplace(loc, scale) per dimension: a heavier-tailed alternative to the Normal (an L1 reconstruction error when observed), reparameterisable.',
  paramPorts: [
    { name: 'loc', constraint: 'real', description: 'the location (median)' },
    { name: 'scale', constraint: 'positive', description: 'the scale b (> 0)' },
  ],
  support: 'real',
  hasRsample: true,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'index' || t.domain === 'onehot' || t.domain === 'simplex' ? 'observes real values' : null),
  observedSize: (t) => t.size,
  linkParams: { scale: 'scaleLink' },
  summaryExtra: (p) => (p.scaleLink !== 'none' ? `, scale = ${p.scaleLink}(·)` : ''),
}, laplaceParams);
