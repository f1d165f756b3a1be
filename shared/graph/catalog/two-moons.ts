import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataPorts, dataType } from './data-outputs';
import { heldOutFraction } from './held-out';

export const twoMoonsParams = z.object({
  n: z.number().int().min(10).max(1_000_000).default(2000).describe('Points'),
  noise: z.number().min(0).max(1).default(0.1).describe('Noise'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Seed'),
  heldOutFraction,
});
export type TwoMoonsParams = z.infer<typeof twoMoonsParams>;

/** Two interleaved half circles in 2-D, seeded. */
export const twoMoonsKind = defineKind<TwoMoonsParams>({
  kind: 'data.twoMoons',
  displayName: 'Two moons',
  category: 'data',
  description: 'Two interleaving half circles in the plane (2 values per point), labelled by moon.',
  params: twoMoonsParams,
  ports: () => dataPorts('[2]', 'class of 2'),
  infer: () => ({ x: dataType(2, 'real'), label: dataType(1, 'index', 2) }),
  summary: (p) => `Two moons, ${p.n} points, noise ${p.noise}`,
  describeOutput: describePortOf,
});
