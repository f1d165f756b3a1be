import { z } from 'zod';
import { backendChoiceSchema, backendNameSchema, runIdSchema } from './runs';
import { problemSchema } from './problem';

/**
 * The estimator lab as it crosses boundaries: what the renderer asks for, the report the worker
 * sends back (the CLI's `--json` prints the same shape) and the events pushed while it runs.
 */

export const labIdSchema = z.string().regex(/^lab-[0-9]+$/);

/** R: gradient estimates per estimator (at least 2 to measure a variance; the CLI's default is 100). */
export const labSamplesSchema = z.number().int().min(2).max(10_000);

/** What the lab studies: the graph in the editor at its initial weights, or a run's checkpoint. */
export const labRequestSchema = z.object({
  /** The graph file's text (ignored for a run: the run's own graph is used, its weights match it). */
  graphText: z.string().max(50 * 1024 * 1024),
  graphName: z.string().max(256).optional(),
  /** The graph file's path as the editor has it: its folder is where relative data paths lead. */
  graphPath: z.string().max(4096).optional(),
  /** Weights (and running baselines) from this run's checkpoint instead of the initial ones. */
  runId: runIdSchema.optional(),
  samples: labSamplesSchema,
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  /** Draws per example behind a large-sample reference gradient. */
  referenceDraws: z.number().int().min(16).max(100_000).default(1024),
  backend: backendChoiceSchema.default('auto'),
});

const finite = z.number();

/** One estimator's row: its statistics over the R estimates. */
export const labEstimatorSchema = z.object({
  latent: z.string(),
  estimator: z.string(),
  /** "score-function (moving-average)", "relaxed τ = 0.5". */
  label: z.string(),
  baseline: z.string().optional(),
  temperature: finite.optional(),
  /** Trace of the estimates' covariance over the number of parameters (mean per-parameter variance). */
  variance: finite,
  /** cos(mean estimate, reference gradient). */
  cosine: finite,
  meanNorm: finite,
  msPerEstimate: finite,
});

/** The lab's report, as `latent-studio estimators --json` prints it and the Lab tab shows it. */
export const labReportSchema = z.object({
  type: z.literal('estimators'),
  /** The graph's name (a file path on the command line). */
  graph: z.string(),
  backend: z.string(),
  /** The weights' step (0: initialisation). */
  step: z.number().int().nonnegative(),
  /** The run whose checkpoint gave the weights, when one did. */
  runId: runIdSchema.optional(),
  samples: z.number().int(),
  /** Draws per example in each estimate (the objective's samples). */
  particles: z.number().int(),
  batchSize: z.number().int(),
  seed: z.number().int(),
  parameters: z.object({ nodes: z.array(z.string()), names: z.array(z.string()), size: z.number().int() }),
  reference: z.object({
    kind: z.enum(['exact-enumeration', 'reparameterised-mean', 'score-function-mean']),
    description: z.string(),
    draws: z.number().int(),
    norm: finite,
  }),
  estimators: z.array(labEstimatorSchema),
  /** Candidates the graph refuses or that would repeat another row, with why. */
  skipped: z.array(z.object({ label: z.string(), reason: z.string() })),
});

/** Why a lab ended without a report. */
export const labFailureSchema = z.object({
  message: z.string(),
  /** The graph cannot be studied: every problem the analysis found. */
  problems: z.array(problemSchema).optional(),
});

/** What the back end pushes while a lab runs. */
export const labEventSchema = z.discriminatedUnion('type', [
  /** The lab's worker has started (on this backend). */
  z.object({ type: z.literal('lab.started'), labId: labIdSchema, backend: backendNameSchema }),
  /** An estimator's estimates have begun: `done` of `total` candidates (the reference comes first). */
  z.object({ type: z.literal('lab.progress'), labId: labIdSchema, label: z.string(), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('lab.done'), labId: labIdSchema, report: labReportSchema }),
  z.object({ type: z.literal('lab.failed'), labId: labIdSchema, ...labFailureSchema.shape }),
  /** Cancelled by `lab.cancel` (its worker was ended at once). */
  z.object({ type: z.literal('lab.cancelled'), labId: labIdSchema }),
]);

export type LabRequest = z.input<typeof labRequestSchema>;
export type LabEstimator = z.infer<typeof labEstimatorSchema>;
export type LabReportData = z.infer<typeof labReportSchema>;
export type LabFailure = z.infer<typeof labFailureSchema>;
export type LabEvent = z.infer<typeof labEventSchema>;
