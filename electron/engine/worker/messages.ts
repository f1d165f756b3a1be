/**
 * The messages between a host (main process or server) and the training worker. Both sides parse
 * what they receive with these schemas: a structured-clone message is untyped data, and a bad one
 * should become a clear error, not a crash deep inside training.
 */
import { z } from 'zod';
import { problemSchema } from '../../../shared/protocol/problem';
import { labFailureSchema, labIdSchema, labReportSchema, labSamplesSchema } from '../../../shared/protocol/lab';
import { backendChoiceSchema, backendNameSchema, evalRecordSchema, inspectionSchema, metricRecordSchema } from '../../../shared/protocol/runs';

const runId = z.string().min(1);
const finite = z.number();
const step = z.number().int().nonnegative();

/** Host → worker: train the graph in `graphText` (a graph file's text). */
export const StartMessage = z.object({
  type: z.literal('start'),
  runId,
  graphText: z.string(),
  /** Folder that relative data paths in the graph resolve against. */
  baseDir: z.string(),
  /** Web mode: the project folder; the graph may read no file outside it. */
  dataRoot: z.string().optional(),
  steps: z.number().int().positive().optional(),
  epochs: z.number().positive().optional(),
  seed: z.number().int().optional(),
  backend: backendChoiceSchema,
  /** Milliseconds between inspections (samples, reconstructions, latent maps); 0 for none. Default 3000. */
  inspectEveryMs: z.number().nonnegative().optional(),
  out: z.string().optional(),
  resume: z.string().optional(),
});

/**
 * Host → worker: run the estimator lab on the graph in `graphText`, at its initial weights or at
 * those of the checkpoint in `checkpointDir` (a run's folder). The host cancels by ending the worker.
 */
export const LabMessage = z.object({
  type: z.literal('lab'),
  labId: labIdSchema,
  graphText: z.string(),
  /** How the report names the graph. */
  graphName: z.string(),
  baseDir: z.string(),
  dataRoot: z.string().optional(),
  checkpointDir: z.string().optional(),
  runId: z.string().optional(),
  samples: labSamplesSchema,
  seed: z.number().int(),
  referenceDraws: z.number().int().positive(),
  backend: backendChoiceSchema,
});

/**
 * Host → worker: an imported run (trained elsewhere, e.g. by an exported train.py) has a
 * checkpoint but neither networks nor an inspection: write its networks as LayersModels into
 * `dir` and inspect it, from the checkpoint in `dir`, without training.
 */
export const MaterialiseMessage = z.object({
  type: z.literal('materialise'),
  runId,
  graphText: z.string(),
  baseDir: z.string(),
  dataRoot: z.string().optional(),
  seed: z.number().int().optional(),
  backend: backendChoiceSchema,
  dir: z.string(),
});

/** Every message a host may send to the worker. */
export const HostMessage = z.discriminatedUnion('type', [
  StartMessage,
  LabMessage,
  MaterialiseMessage,
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('stop') }),
]);

/** One metrics report of the trainer: averages over the steps since the previous report. */
export const MetricRecord = metricRecordSchema;

/** Why a run failed: the graph cannot be trained, training diverged, memory ran out, or anything else. */
export const ErrorKind = z.enum(['invalid-graph', 'non-finite', 'out-of-memory', 'failed']);

const Problem = problemSchema;

/** Every message the worker may send to its host. */
export const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId, backend: backendNameSchema }),
  z.object({ type: z.literal('metrics'), runId, batch: z.array(MetricRecord).min(1) }),
  z.object({ type: z.literal('eval'), runId, ...evalRecordSchema.shape }),
  /** What the model has learnt so far, every `inspectEveryMs` and at the end of each segment. */
  z.object({ type: z.literal('inspection'), runId, inspection: inspectionSchema }),
  /** Every network was written as a LayersModel into `<out>/networks/<name>/` at `step`. */
  z.object({ type: z.literal('networks'), runId, step, names: z.array(z.string()) }),
  z.object({ type: z.literal('paused'), runId, step }),
  z.object({ type: z.literal('resumed'), runId, step }),
  z.object({ type: z.literal('checkpoint'), runId, step }),
  z.object({
    type: z.literal('done'),
    runId,
    steps: step,
    /** null when not finite (e.g. no step ran): structured clone keeps NaN but JSON would not. */
    elbo: finite.nullable(),
    valElbo: finite.nullable(),
    valAccuracy: z.record(z.string(), finite),
    stepsPerSec: finite,
    stopped: z.boolean(),
  }),
  z.object({
    type: z.literal('error'),
    runId,
    kind: ErrorKind,
    message: z.string(),
    /** For 'invalid-graph': every problem the analysis found. */
    problems: z.array(Problem).optional(),
    /** For 'non-finite': the node (name and id) and quantity where NaN/Infinity first appeared. */
    node: z.string().optional(),
    nodeId: z.string().optional(),
    quantity: z.string().optional(),
    step: step.optional(),
    lastCheckpointStep: step.nullable().optional(),
  }),
]);

/** Every message a worker running the estimator lab may send: its backend is up, an estimator begins, its report, or why it failed. */
export const LabWorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lab-started'), labId: labIdSchema, backend: backendNameSchema }),
  z.object({ type: z.literal('lab-progress'), labId: labIdSchema, label: z.string(), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('lab-done'), labId: labIdSchema, report: labReportSchema }),
  z.object({ type: z.literal('lab-failed'), labId: labIdSchema, ...labFailureSchema.shape }),
]);

/**
 * What a worker materialising an imported run sends: its inspection and networks (as a training
 * run's), then `materialised`, or `materialise-failed` saying why (the run itself stays as it was).
 */
export const MaterialiseWorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('inspection'), runId, inspection: inspectionSchema }),
  z.object({ type: z.literal('networks'), runId, step, names: z.array(z.string()) }),
  z.object({ type: z.literal('materialised'), runId }),
  z.object({ type: z.literal('materialise-failed'), runId, message: z.string() }),
]);

export type StartMessage = z.infer<typeof StartMessage>;
export type MaterialiseMessage = z.infer<typeof MaterialiseMessage>;
export type MaterialiseWorkerMessage = z.infer<typeof MaterialiseWorkerMessage>;
export type LabMessage = z.infer<typeof LabMessage>;
export type HostMessage = z.infer<typeof HostMessage>;
export type MetricRecord = z.infer<typeof MetricRecord>;
export type WorkerMessage = z.infer<typeof WorkerMessage>;
export type LabWorkerMessage = z.infer<typeof LabWorkerMessage>;
/** A worker message of one type, e.g. `WorkerMessageOf<'done'>`. */
export type WorkerMessageOf<T extends WorkerMessage['type']> = Extract<WorkerMessage, { type: T }>;
/** What a host asks for when it starts a run: the `start` message without its tag. */
export type RunRequest = Omit<StartMessage, 'type'>;
