import { z } from 'zod';
import { problemSchema } from './problem';

/**
 * Training runs as they cross process boundaries: worker → host (main process or server) →
 * renderer. Every record here is plain JSON data validated with these schemas on arrival;
 * tensors never leave the engine.
 */

const step = z.number().int().nonnegative();
const finite = z.number();
export const runIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a run id is letters, digits, - and _');

/** Which tfjs backend to train on; `auto` picks tensorflow (tfjs-node), then wasm, then cpu. */
export const backendChoiceSchema = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);
export const backendNameSchema = z.enum(['tensorflow', 'wasm', 'cpu']);

/** One metrics report: averages over the steps since the previous report. */
export const metricRecordSchema = z.object({
  step,
  totalSteps: step,
  /** Mean per-example training ELBO (nats). */
  elbo: finite,
  /** Mean reconstruction term E_q[log p(x | z)] (nats; the log-likelihood when there is no latent). */
  reconstruction: finite,
  /** Mean KL(q ‖ p) per latent, by the latent's name. */
  kl: z.record(z.string(), finite),
  /** The optimiser's learning rate at this step. */
  learningRate: finite,
  stepsPerSec: finite,
  /**
   * Further quantities by name: 'iwae' (the importance-weighted bound, nats), 'beta' (KL weight
   * during warm-up), 'temperature/<latent>' (relaxed estimators), 'baseline/<latent>' (a
   * score-function latent's running baseline). Absent in runs recorded before they existed.
   */
  scalars: z.record(z.string(), finite).optional(),
});

/** One evaluation on the held-out split. */
export const evalRecordSchema = z.object({
  step,
  valElbo: finite,
  /** Accuracy of each observed Categorical (a classifier), by name, in [0, 1]. */
  valAccuracy: z.record(z.string(), finite),
});

/** How a run was asked to train (the graph's own training settings are in its graph text). */
export const runSettingsSchema = z.object({
  /** Overrides the graph's duration when set (one of steps or epochs). */
  steps: z.number().int().positive().max(10_000_000).optional(),
  epochs: z.number().positive().max(100_000).optional(),
  /** Overrides the graph's seed when set. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  backend: backendChoiceSchema.default('auto'),
});

/** Where a run is: starting (worker booting, data loading), running, paused, or ended. */
export const runStatusSchema = z.enum(['starting', 'running', 'paused', 'stopped', 'done', 'failed']);

/** The statuses of a run alive in a worker: its controls are pause, resume and stop, and it cannot be deleted. */
export const LIVE_STATUSES: ReadonlySet<z.infer<typeof runStatusSchema>> = new Set(['starting', 'running', 'paused']);

/** Whether a run with this status is alive in a worker (see {@link LIVE_STATUSES}). */
export function isLiveStatus(status: z.infer<typeof runStatusSchema>): boolean {
  return LIVE_STATUSES.has(status);
}

/**
 * Why a run failed. `invalid-graph`: the graph cannot be trained (see problems); `non-finite`: a NaN
 * or infinity appeared (node, quantity, step say where); `out-of-memory`; `crashed`: the worker died;
 * `failed`: anything else.
 */
export const runErrorSchema = z.object({
  kind: z.enum(['invalid-graph', 'non-finite', 'out-of-memory', 'crashed', 'failed']),
  message: z.string(),
  problems: z.array(problemSchema).optional(),
  /** For non-finite: the node's name and id, and the quantity (e.g. "scale of q_z"). */
  node: z.string().optional(),
  nodeId: z.string().optional(),
  quantity: z.string().optional(),
  step: step.optional(),
});

/** A run as the run history lists it. */
export const runSummarySchema = z.object({
  id: runIdSchema,
  /** "Run 3": numbered in order of creation, per history. */
  name: z.string(),
  /** The graph's file name when it had one, e.g. "vae-mnist.json"; else "Untitled". */
  graphName: z.string(),
  /** What the run trains on (`dataIdentity` of its graph): runs with the same are overlaid by default. Absent in runs recorded before it. */
  data: z.string().optional(),
  /** Milliseconds since the epoch. */
  createdAt: z.number(),
  status: runStatusSchema,
  settings: runSettingsSchema,
  /** The backend actually used (known once the worker started). */
  backend: backendNameSchema.optional(),
  /** Steps done and steps planned. */
  step,
  totalSteps: step.optional(),
  /** Latest training ELBO (last metric record), held-out ELBO and accuracies. */
  elbo: finite.optional(),
  valElbo: finite.optional(),
  valAccuracy: z.record(z.string(), finite).optional(),
  stepsPerSec: finite.optional(),
  /** The step of the last checkpoint on disk (a stopped or failed run resumes from it), or null. */
  checkpointStep: step.nullable(),
  /** Networks exported as LayersModels (by network name) at `networksStep`. */
  networks: z.array(z.string()).default([]),
  networksStep: step.optional(),
  error: runErrorSchema.optional(),
});

/** A greyscale image grid's pixels: `count` images of `height × width`, row-major, one byte each (0 black … 255 white), base64. */
export const imageSetSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  pixels: z.string(),
});

/** A word of the vocabulary and its probability under a decoder. */
export const wordProbabilitySchema = z.object({ word: z.string(), p: finite });

/** One latent's 2-D map of the encoded held-out examples. */
export const latentMapSchema = z.object({
  latent: z.string(),
  /** 'identity' for a latent of size ≤ 2, else the first two principal components. */
  method: z.enum(['identity', 'pca']),
  /** Share of the variance on each axis (pca only). */
  explained: z.tuple([finite, finite]).optional(),
  /** [x0, y0, x1, y1, …]. */
  points: z.array(finite),
  /** Class of each point, when the data set has labels. */
  labels: z.array(z.number().int()).optional(),
});

/**
 * What the model has learnt, as the panels show it; computed in the worker every few seconds and
 * at the end of each segment. Sections are present when they apply to the model.
 */
export const inspectionSchema = z.object({
  step,
  /**
   * Image data (e.g. MNIST): samples from the prior through the decoder (means), by observed
   * variable. For a conditional decoder that reads a class-index column (x | z, y), `byClass`
   * says the images are `perClass` draws z ~ p(z) for each class y of `column` in turn (a row per
   * class: images k·perClass … (k + 1)·perClass − 1 have y = k).
   */
  priorSamples: z
    .object({
      observed: z.string(),
      images: imageSetSchema,
      byClass: z.object({ column: z.string(), classes: z.number().int().min(1), perClass: z.number().int().min(1) }).optional(),
    })
    .refine((s) => !s.byClass || s.byClass.classes * s.byClass.perClass === s.images.count, 'a row per class: classes × perClass images')
    .optional(),
  /** Image data: held-out inputs beside their reconstructions (same count, same order). */
  reconstructions: z.object({ observed: z.string(), inputs: imageSetSchema, outputs: imageSetSchema }).optional(),
  /** One map per latent. */
  latentMaps: z.array(latentMapSchema).optional(),
  /** 2-D data (size-2 observed variable): held-out data and draws from the model, [x0, y0, …] each. */
  samples2d: z.object({ observed: z.string(), data: z.array(finite), samples: z.array(finite) }).optional(),
  /**
   * A bag-of-words model on text data: for draws z ~ p(z), and for the first held-out documents
   * (z = E_q[z]), the most probable words of Categorical(softmax(decoder(z))), most probable first.
   */
  bagOfWords: z.object({
    observed: z.string(),
    prior: z.array(z.array(wordProbabilitySchema)),
    reconstructions: z.array(z.object({ text: z.string(), words: z.array(wordProbabilitySchema) })),
  }).optional(),
  /**
   * A sentence model on text data (a Categorical observing a sequence through a GRU decoder):
   * sentences generated from the prior (ancestral sampling to the end token), and the first held-out
   * sentences beside their decodings, greedy from z = E_q[z] and drawn from z ~ q(z | x).
   */
  sentences: z.object({
    observed: z.string(),
    prior: z.array(z.string()),
    reconstructions: z.array(z.object({ text: z.string(), greedy: z.string(), sampled: z.string() })),
  }).optional(),
  /**
   * Why a section that the model's data would have is absent, in a sentence the panel shows in its
   * place (e.g. a conditional decoder cannot draw from the prior alone).
   */
  notes: z.object({ priorSamples: z.string().optional() }).optional(),
});

/** A run with everything the renderer needs to redraw it (history reopened, or a reconnect). */
export const runDetailSchema = z.object({
  summary: runSummarySchema,
  /** The graph file's text the run trained. */
  graphText: z.string(),
  metrics: z.array(metricRecordSchema),
  evals: z.array(evalRecordSchema),
  inspection: inspectionSchema.optional(),
});

/** What the back end pushes to every renderer while runs change (not answers to a call). */
export const runEventSchema = z.discriminatedUnion('type', [
  /** A run was created or its summary changed (status, checkpoint, end, error). */
  z.object({ type: z.literal('run.updated'), run: runSummarySchema }),
  /** New metric records, in step order, batched to about ten events a second. */
  z.object({ type: z.literal('run.metrics'), runId: runIdSchema, metrics: z.array(metricRecordSchema).min(1) }),
  z.object({ type: z.literal('run.eval'), runId: runIdSchema, eval: evalRecordSchema }),
  z.object({ type: z.literal('run.inspection'), runId: runIdSchema, inspection: inspectionSchema }),
  /** A run was deleted from the history. */
  z.object({ type: z.literal('run.deleted'), runId: runIdSchema }),
]);

/** Which files an export writes. */
export const exportPartsSchema = z.object({
  /** Each network as a TensorFlow.js LayersModel: `networks/<name>/model.json` + `weights.bin`. */
  networks: z.boolean(),
  /**
   * The project bundle: `project/graph.json` (opens in the app), `project/run.json` (settings and
   * summary), `project/metrics.json`, `project/checkpoint/` (weights and optimiser state).
   */
  bundle: z.boolean(),
  /** `metrics.csv`: one row per report, with the held-out ELBO where evaluated. */
  metricsCsv: z.boolean(),
  /**
   * `pytorch/`: the model as a PyTorch project (model.py, train.py for one process or
   * DistributedDataParallel, the data, and this run's weights and optimiser state to continue from).
   */
  pytorch: z.boolean().optional(),
});

/** A chart rendered to PNG by the renderer, to be written with the export. */
export const chartImageSchema = z.object({
  /** File name stem, e.g. "elbo" (written as charts/elbo.png). */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** PNG bytes, base64. */
  png: z.string().max(20 * 1024 * 1024),
});

export type BackendChoice = z.infer<typeof backendChoiceSchema>;
export type MetricRecord = z.infer<typeof metricRecordSchema>;
export type EvalRecord = z.infer<typeof evalRecordSchema>;
export type RunSettings = z.infer<typeof runSettingsSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type RunError = z.infer<typeof runErrorSchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;
export type ImageSet = z.infer<typeof imageSetSchema>;
export type LatentMapData = z.infer<typeof latentMapSchema>;
export type Inspection = z.infer<typeof inspectionSchema>;
export type RunDetail = z.infer<typeof runDetailSchema>;
export type RunEvent = z.infer<typeof runEventSchema>;
export type ExportParts = z.infer<typeof exportPartsSchema>;
export type ChartImage = z.infer<typeof chartImageSchema>;
