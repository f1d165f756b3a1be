import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataPorts, dataType } from './data-outputs';
import { heldOutFraction } from './held-out';

export const gaussianMixtureParams = z.object({
  n: z.number().int().min(10).max(1_000_000).default(2000).describe('Points'),
  components: z.number().int().min(1).max(50).default(4).describe('Components'),
  std: z.number().gt(0).max(100).default(0.3).describe('Component std'),
  radius: z.number().min(0).max(1000).default(2).describe('Radius'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Seed'),
  heldOutFraction,
});
export type GaussianMixtureParams = z.infer<typeof gaussianMixtureParams>;

/** K isotropic Gaussian blobs centred on a circle in 2-D, seeded. */
export const gaussianMixtureKind = defineKind<GaussianMixtureParams>({
  kind: 'data.gaussianMixture',
  displayName: 'Gaussian mixture',
  category: 'data',
  description: 'Points from K Gaussian blobs on a circle (2 values per point), labelled by component.',
  params: gaussianMixtureParams,
  ports: (p) => dataPorts('[2]', `class of ${p.components}`),
  infer: ({ params }) => ({ x: dataType(2, 'real'), label: dataType(1, 'index', params.components) }),
  summary: (p) => `Gaussian mixture, ${p.components} components, ${p.n} points`,
  describeOutput: describePortOf,
});
