/**
 * Short training runs of the shipped example graphs (assets/examples), for tests that compare what
 * the app reaches with an independent reference: load an example, change a node's settings or the
 * training settings, train it briefly and measure it on held-out data.
 */
import { parseGraphFile, type GraphFile, type GraphFileInput } from '../../shared/graph/index';
import type { Dataset } from '../../electron/engine/data/dataset';
import { heldOutBounds, type HeldOutBounds } from '../../electron/engine/train/held-out-bounds';
import { evaluate, prepareTraining, train, type EvalEvent, type MetricsEvent, type Prepared, type TrainResult } from '../../electron/engine/train/trainer';

type TrainingInput = NonNullable<GraphFileInput['training']>;

/**
 * A copy of `doc` with some nodes' settings merged in (by node id) and the training settings
 * replaced field by field; parsed again, so defaults and validation apply as for a file.
 */
export function variant(doc: GraphFile, change: { params?: Record<string, Record<string, unknown>>; training?: Partial<TrainingInput> }): GraphFile {
  const nodes = doc.graph.nodes.map((n) => {
    const extra = change.params?.[n.id];
    return extra ? { ...n, params: { ...n.params, ...extra } } : n;
  });
  for (const id of Object.keys(change.params ?? {})) if (!nodes.some((n) => n.id === id)) throw new Error(`the graph has no node '${id}'`);
  return parseGraphFile(JSON.stringify({ ...doc, graph: { ...doc.graph, nodes }, training: { ...doc.training, ...change.training } }));
}

export interface BriefRun {
  readonly prepared: Prepared;
  readonly result: TrainResult;
  readonly metrics: MetricsEvent[];
  /** The held-out ELBO at every `evalEvery` steps and at the end. */
  readonly evals: EvalEvent[];
}

/**
 * Prepares and trains `doc` for its own duration (set it with `variant`); the trainer evaluates
 * the held-out ELBO every `evalEvery` steps and at the end, on the first `heldOutExamples` of the
 * held-out split when given. The caller disposes `prepared.model`.
 */
export async function trainBriefly(doc: GraphFile, options: { reportEvery?: number; heldOutExamples?: number } = {}): Promise<BriefRun> {
  const loaded = prepareTraining(doc, '.');
  // The trainer evaluates the whole held-out split at the end (MNIST's has 10,000): keep a part.
  const n = options.heldOutExamples;
  const prepared = n === undefined ? loaded : { ...loaded, data: { ...loaded.data, heldOut: firstRows(loaded.data.heldOut, n) } };
  const metrics: MetricsEvent[] = [];
  const evals: EvalEvent[] = [];
  const result = await train(prepared, {
    reportEvery: options.reportEvery ?? 50,
    onEvent: (e) => {
      if (e.type === 'metrics') metrics.push(e);
      else if (e.type === 'eval') evals.push(e);
    },
  });
  return { prepared, result, metrics, evals };
}

/** The first `n` examples of a split (MNIST's held-out split has 10,000: tests evaluate a part). */
export function firstRows(split: Dataset, n: number): Dataset {
  return n >= split.length ? split : { ...split, length: n };
}

/** The held-out ELBO (fixed noise, closed-form KLs where the estimator allows) over the first `n` held-out examples. */
export function heldOutElbo(p: Prepared, n: number, seed = 0): number {
  return evaluate(p, firstRows(p.data.heldOut, n), seed).elbo;
}

/** The importance-weighted bounds at each S asked for, over the first `n` held-out examples. */
export function heldOutIwae(p: Prepared, n: number, samples: readonly number[], seed = 0): HeldOutBounds {
  return heldOutBounds(p, p.data.heldOut, { samples, seed, examples: n });
}
