import { z } from 'zod';
import { defineRandomVariable, LINKS, rvBaseParams } from './random-variable';

export const kumaraswamyParams = z.object({
  ...rvBaseParams,
  concentration1: z.number().gt(0).default(1).describe('concentration1 when unconnected'),
  concentration0: z.number().gt(0).default(1).describe('concentration0 when unconnected'),
  /** How incoming raw values become the positive parameters: as they are (they must already be positive), softplus or exp. */
  positiveLink: z.enum(LINKS).default('none').describe('Positive link'),
});
export type KumaraswamyParams = z.infer<typeof kumaraswamyParams>;

/** Kumaraswamy: Kumaraswamy(a, b) per dimension over (0, 1). */
export const kumaraswamyKind = defineRandomVariable<KumaraswamyParams>('dist.kumaraswamy', {
  family: 'kumaraswamy',
  displayName: 'Kumaraswamy',
  description: 'Kumaraswamy(a, b) per dimension over (0, 1): close to a Beta(a, b) and reparameterisable (z = (1 − (1 − u)^(1/b))^(1/a)), the usual posterior for a Beta prior.',
  paramPorts: [
    { name: 'concentration1', constraint: 'positive', description: 'a, the first shape (> 0)' },
    { name: 'concentration0', constraint: 'positive', description: 'b, the second shape (> 0)' },
  ],
  support: 'unit',
  hasRsample: true,
  trainableEstimators: ['reparameterisation', 'score-function'],
  defaultEstimator: 'reparameterisation',
  cannotObserve: (t) => (t.domain === 'unit' || t.domain === 'real' ? null : 'observes values strictly between 0 and 1'),
  observedSize: (t) => t.size,
  linkParams: { concentration1: 'positiveLink', concentration0: 'positiveLink' },
  summaryExtra: (p) => (p.positiveLink !== 'none' ? `, parameters = ${p.positiveLink}(·)` : ''),
}, kumaraswamyParams);
