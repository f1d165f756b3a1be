/**
 * `latent-studio.json` in a PyTorch export: what the app needs to take a trained checkpoint back
 * (the app's variables in order with their shapes, and where each sits in the state dict), and
 * `graph.json` beside it holds the graph itself.
 */
import { z } from 'zod';

export const PYTORCH_EXPORT_FORMAT = 'latent-studio.pytorch-export';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
const size = z.number().int().min(1).max(100_000_000);

export const projectManifestSchema = z.object({
  format: z.literal(PYTORCH_EXPORT_FORMAT),
  version: z.literal(1),
  appVersion: z.string(),
  /** The graph's file name, as runs name it. */
  source: z.string().max(256),
  /** The app's variables in the compiled model's order. */
  variables: z.array(z.object({ name: z.string().max(300), shape: z.array(size).max(4) })).max(10_000),
  parameters: z.object({
    networks: z.array(z.object({ app: z.string(), attr: identifier, hidden: z.number().int().min(0).max(64), heads: z.array(z.object({ name: z.string(), size })) })),
    learnables: z.array(z.object({ app: z.string(), attr: identifier, size })),
    buffers: z.array(z.object({ attr: identifier, size, value: z.number() })),
  }),
});
export type ProjectManifest = z.infer<typeof projectManifestSchema>;

/** The checkpoint's `state.json`, as train.py (and the export) write it. */
export const torchStateSchema = z.object({
  format: z.literal('latent-studio.pytorch-checkpoint'),
  step: z.number().int().nonnegative(),
  optimizerStep: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
});
