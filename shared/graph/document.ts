import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, GRAPH_FORMAT } from './format';

/**
 * The graph document: what a `.json` graph file holds once parsed and migrated.
 * The model (nodes, edges), the training settings and the canvas layout are kept apart so that
 * moving a node never changes the model and the engine never reads the layout.
 */

const id = z.string().min(1).max(200);

/** A node: its kind (a catalog entry), a user-visible unique name, and kind-specific params. */
export const graphNodeSchema = z.object({
  id,
  kind: z.string().min(1),
  name: z.string().min(1).max(100),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const portRefSchema = z.object({ node: id, port: z.string().min(1) });

/** An edge from an output port to an input port. */
export const graphEdgeSchema = z.object({ id, source: portRefSchema, target: portRefSchema });

export const graphSchema = z.object({
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
});

const learningRate = z.number().gt(0).max(10);
export const optimizerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('adam'),
    learningRate: learningRate.default(1e-3),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    epsilon: z.number().gt(0).default(1e-8),
  }),
  z.object({
    kind: z.literal('sgd'),
    learningRate: learningRate.default(1e-2),
    momentum: z.number().min(0).lt(1).default(0),
  }),
  z.object({
    kind: z.literal('rmsprop'),
    learningRate: learningRate.default(1e-3),
    decay: z.number().min(0).lt(1).default(0.9),
    momentum: z.number().min(0).lt(1).default(0),
    epsilon: z.number().gt(0).default(1e-7),
  }),
]);

/** How long to train: a number of optimiser steps, or of passes over the training split. */
export const durationSchema = z.union([
  z.object({ steps: z.number().int().min(1).max(10_000_000) }).strict(),
  z.object({ epochs: z.number().int().min(1).max(100_000) }).strict(),
]);

/** How many latent values are drawn per example, and how their log-weights are combined. */
const samples = z.number().int().min(1).max(1000);

/**
 * What training maximises. `elbo`: the evidence lower bound averaged over `samples` draws per
 * example, its KL terms scaled by β (reached linearly over `warmupSteps`, from 0) and clamped from
 * below by free bits (`freeBits` nats per latent dimension, the KL averaged over the batch before
 * the clamp, or per example). `iwae`: the importance-weighted bound log (1/S) Σ_s p(x, z_s)/q(z_s | x)
 * with S = `samples` (Burda et al., 2016), for reparameterised latents or score-function latents
 * with the leave-one-out baseline (VIMCO).
 */
export const objectiveSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('elbo'),
    samples: samples.default(1),
    beta: z.number().min(0).max(1000).default(1),
    warmupSteps: z.number().int().min(0).max(10_000_000).default(0),
    freeBits: z.number().min(0).max(1000).default(0),
    freeBitsPer: z.enum(['dimension', 'example']).default('dimension'),
  }),
  z.object({
    kind: z.literal('iwae'),
    samples: samples.min(2).default(10),
  }),
]);

export const trainingSchema = z.object({
  optimizer: optimizerSchema.default({ kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
  batchSize: z.number().int().min(1).max(65_536).default(128),
  duration: durationSchema.default({ steps: 2000 }),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  /** Evaluate the ELBO on the held-out split every this many steps (and at the end). */
  evalEvery: z.number().int().min(1).default(500),
  objective: objectiveSchema.default({ kind: 'elbo', samples: 1, beta: 1, warmupSteps: 0, freeBits: 0, freeBitsPer: 'dimension' }),
});

export const layoutSchema = z.object({
  nodes: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).default({}),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number().gt(0) }).optional(),
});

export const metaSchema = z.object({
  title: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
});

/** The whole file, current schema version. */
export const graphFileSchema = z.object({
  format: z.literal(GRAPH_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  appVersion: z.string(),
  meta: metaSchema.default({}),
  graph: graphSchema,
  training: trainingSchema.default(() => trainingSchema.parse({})),
  layout: layoutSchema.default({ nodes: {} }),
});

export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type PortRef = z.infer<typeof portRefSchema>;
export type Graph = z.infer<typeof graphSchema>;
export type OptimizerSettings = z.infer<typeof optimizerSchema>;
export type ObjectiveSettings = z.infer<typeof objectiveSchema>;
export type TrainingSettings = z.infer<typeof trainingSchema>;
export type Layout = z.infer<typeof layoutSchema>;
export type GraphFile = z.infer<typeof graphFileSchema>;
/** What a caller writes: defaults may be left out. */
export type GraphFileInput = z.input<typeof graphFileSchema>;
