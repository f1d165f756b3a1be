import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataType } from './data-outputs';
import { heldOutFraction } from './held-out';

/**
 * How the counts are generated: `poisson`, x_i ~ Poisson(rate); `weibull-poisson`, the generative
 * process of the ADVI model, a rate λ ~ Weibull(scale, concentration) drawn once, then x_i ~ Poisson(λ).
 */
export const COUNT_PROCESSES = ['poisson', 'weibull-poisson'] as const;

export const countsParams = z.object({
  n: z.number().int().min(10).max(1_000_000).default(100).describe('Examples'),
  process: z.enum(COUNT_PROCESSES).default('poisson').describe('Process'),
  rate: z.number().gt(0).max(1000).default(3).describe('Poisson rate'),
  weibullScale: z.number().gt(0).max(1000).default(3).describe('Weibull scale of the rate'),
  weibullConcentration: z.number().gt(0).max(100).default(2).describe('Weibull concentration of the rate'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Seed'),
  heldOutFraction,
});
export type CountsParams = z.infer<typeof countsParams>;

/** n counts from a Poisson, its rate given or drawn once from a Weibull; seeded. */
export const countsKind = defineKind<CountsParams>({
  kind: 'data.counts',
  displayName: 'Counts',
  category: 'data',
  description: 'Counts 0, 1, 2, … (one per example): x_i ~ Poisson(rate), or the rate drawn once from a Weibull, λ ~ Weibull(scale, concentration), then x_i ~ Poisson(λ).',
  params: countsParams,
  ports: () => [{ name: 'x', direction: 'out', flow: 'data', description: 'one count per example', shape: '[1]' }],
  infer: () => ({ x: dataType(1, 'count') }),
  summary: (p) => (p.process === 'poisson' ? `Counts, ${p.n} from Poisson(${p.rate})` : `Counts, ${p.n} from Poisson(λ), λ ~ Weibull(${p.weibullScale}, ${p.weibullConcentration})`),
  describeOutput: describePortOf,
});
