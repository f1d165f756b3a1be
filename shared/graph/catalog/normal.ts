import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const normalParams = z.object({
  ...rvBaseParams,
  loc: z.number().default(0).describe('loc when unconnected'),
  scale: z.number().gt(0).default(1).describe('scale when unconnected'),
  /** How an incoming raw value becomes a positive scale: as it is (it must already be positive), softplus or exp. */
  scaleLink: z.enum(LINKS).default('none').describe('Scale link'),
});
export type NormalParams = z.infer<typeof normalParams>;

/** Normal(loc, scale²), independent per dimension. */
export const normalKind = defineRandomVariable<NormalParams>('dist.normal', {
  family: 'normal',
  displayName: 'Normal',
  description: 'A Gaussian N(loc, scale²) per dimension: observed, latent (reparameterised) or an approximate posterior.',
  paramPorts: [
    { name: 'loc', constraint: 'real', description: 'the mean' },
    { name: 'scale', constraint: 'positive', description: 'the standard deviation (> 0)' },
  ],
  support: 'real',
  hasRsample: true,
  linkParams: { scale: 'scaleLink' },
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'index' || t.domain === 'onehot' ? 'observes real values' : null),
  observedSize: (t) => t.size,
  summaryExtra: (p) => (p.scaleLink !== 'none' ? `, scale = ${p.scaleLink}(·)` : ''),
}, normalParams);
