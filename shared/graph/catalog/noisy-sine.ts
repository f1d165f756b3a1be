import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataType } from './data-outputs';
import { heldOutFraction } from './held-out';

export const noisySineParams = z.object({
  n: z.number().int().min(10).max(1_000_000).default(2000).describe('Points'),
  noise: z.number().gt(0).max(10).default(0.3).describe('Noise (standard deviation)'),
  heteroscedastic: z.boolean().default(true).describe('Noise grows with x'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Seed'),
  heldOutFraction,
});
export type NoisySineParams = z.infer<typeof noisySineParams>;

/** 1-D regression data: y = sin(x) plus Gaussian noise, seeded. */
export const noisySineKind = defineKind<NoisySineParams>({
  kind: 'data.noisySine',
  displayName: 'Noisy sine',
  category: 'data',
  description:
    'Regression data: x uniform in [−3, 3], y = sin(x) + noise, the noise N(0, σ²) growing with x when heteroscedastic (σ from 0.25 to 1 times the noise setting), else constant.',
  params: noisySineParams,
  ports: () => [
    { name: 'x', direction: 'out', flow: 'data', description: 'the input, one value per example', shape: '[1]' },
    { name: 'y', direction: 'out', flow: 'data', description: 'the target, one value per example', shape: '[1]' },
  ],
  infer: () => ({ x: dataType(1, 'real'), y: dataType(1, 'real') }),
  summary: (p) => `Noisy sine, ${p.n} points, noise ${p.noise}${p.heteroscedastic ? ' growing with x' : ''}`,
  describeOutput: describePortOf,
});
