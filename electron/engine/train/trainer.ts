import * as tf from '@tensorflow/tfjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGraph, isTrainable, serializeGraphFile, type Analysis, type GraphFile, type KnownTypes } from '../../../shared/graph/index';
import { CompiledModel, type Batch } from '../compile/model';
import { loadDataSplits } from '../data/from-node';
import type { DataSplits, Dataset } from '../data/dataset';
import { deriveSeed } from '../random/prng';
import { BatchMaker } from './batch';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint';
import { diagnoseNonFinite } from './diagnose';
import { GraphInvalidError, NonFiniteError } from './errors';
import { analyzeWithData } from './analyze-with-data';
import { scheduleOf } from './schedule';

export { analyzeWithData };
import { MetricsCsv } from './metrics-csv';
import { writeFileAtomic } from '../runs/atomic-write';
import { disposingScope } from '../scope';
import { createOptimizer, type Optimizer } from './optimizer';
import { createObjective, type Objective } from '../objectives/index';
import { BaselineStates } from '../estimators/baseline-state';
import { StepMetrics } from './step-metrics';
import { TailMean } from './tail-mean';

/** Metrics averaged over the steps since the previous report. */
export interface MetricsEvent {
  readonly type: 'metrics';
  readonly step: number;
  readonly totalSteps: number;
  readonly elbo: number;
  readonly reconstruction: number;
  readonly kl: Readonly<Record<string, number>>;
  /** The optimiser's learning rate at this report's step. */
  readonly learningRate: number;
  readonly stepsPerSec: number;
  /**
   * Further quantities by name, averaged like the rest: 'iwae' (the importance-weighted bound),
   * 'beta' (during KL warm-up), 'temperature/<latent>' (relaxed estimators), 'baseline/<latent>'
   * (a score-function latent's running baseline).
   */
  readonly scalars: Readonly<Record<string, number>>;
}
export interface EvalEvent {
  readonly type: 'eval';
  readonly step: number;
  readonly valElbo: number;
  readonly valAccuracy: Readonly<Record<string, number>>;
}
export type TrainEvent = MetricsEvent | EvalEvent | { readonly type: 'checkpoint'; readonly step: number; readonly dir: string };

export interface TrainOptions {
  /** Overrides the graph's duration. */
  readonly steps?: number;
  readonly epochs?: number;
  readonly seed?: number;
  /** Folder for graph.json, metrics.csv, networks and the checkpoint. */
  readonly out?: string;
  /** Folder of an earlier run whose checkpoint to continue from. */
  readonly resume?: string;
  /** Steps between metrics events (default 50). */
  readonly reportEvery?: number;
  /** Steps between checkpoints when `out` is set (default: the graph's evalEvery). */
  readonly checkpointEvery?: number;
  readonly onEvent?: (e: TrainEvent) => void;
  /** Checked between steps; true stops the run after a checkpoint. */
  readonly shouldStop?: () => boolean;
  /** Writes each network as a LayersModel into `out` at the end (set by the CLI). */
  readonly exportNetworks?: (model: CompiledModel, dir: string) => Promise<void>;
}

export interface TrainResult {
  readonly steps: number;
  /** Mean per-example training ELBO over the last 10% of this run's steps. */
  readonly elbo: number;
  readonly valElbo: number;
  readonly valAccuracy: Readonly<Record<string, number>>;
  /** Training throughput, evaluation and checkpoints excluded. */
  readonly stepsPerSec: number;
  readonly stopped: boolean;
}

/** A graph ready to train: validated, its data loaded, compiled. */
export interface Prepared {
  readonly doc: GraphFile;
  readonly analysis: Analysis;
  readonly data: DataSplits;
  readonly model: CompiledModel;
  readonly columns: readonly string[];
}

/**
 * Validates the graph, loads its data (refining types with what the data says) and compiles it.
 * `dataRoot` (web mode: the project folder) confines the files the graph may read.
 */
export function prepareTraining(doc: GraphFile, baseDir: string, seed?: number, dataRoot?: string): Prepared {
  const first = analyzeGraph(doc.graph, {}, doc.training);
  if (!isTrainable(first.problems)) throw new GraphInvalidError(first.problems);
  const dataNode = [...first.nodes.values()].find((a) => a.kind.category === 'data' && Object.values(a.consumers).some((l) => l.length > 0))!;
  const data = loadDataSplits(dataNode, baseDir, dataRoot);
  const analysis = analyzeWithData(doc, dataNode.node.id, data);
  const training = seed === undefined ? doc.training : { ...doc.training, seed };
  const model = new CompiledModel(analysis, training);
  model.trainingExamples = data.train.length;
  const columns = Object.entries(model.dataNode.consumers).filter(([, l]) => l.length > 0).map(([port]) => port);
  return { doc, analysis, data, model, columns };
}

/** Mean per-example ELBO (and accuracies) over a whole split, in large batches with fixed noise. */
export function evaluate(p: Prepared, split: Dataset, seed: number): { elbo: number; accuracy: Record<string, number> } {
  const maker = new BatchMaker(split, p.columns);
  const size = 1000;
  let total = 0;
  const acc: Record<string, number> = {};
  for (let start = 0; start < split.length; start += size) {
    const n = Math.min(size, split.length - start);
    const idx = Int32Array.from({ length: n }, (_, i) => start + i);
    const [sum, accs] = disposingScope(() => {
      const t = p.model.run(maker.make(idx), deriveSeed(seed, 0xe7a1, start), { accuracy: true });
      return [tf.sum(t.elbo).dataSync()[0]!, Object.entries(t.accuracy).map(([k, v]) => [k, v.dataSync()[0]! * n] as const)] as const;
    });
    total += sum;
    for (const [k, v] of accs) acc[k] = (acc[k] ?? 0) + v;
  }
  for (const k of Object.keys(acc)) acc[k] = acc[k]! / split.length;
  return { elbo: total / split.length, accuracy: acc };
}

/**
 * Trains a prepared graph by maximising the ELBO (the log-likelihood when it has no latent).
 * Each step is a pure function of (weights, optimiser state, seed, step): batch order and noise are
 * derived from (seed, step), so a resumed run continues exactly as an uninterrupted one.
 */
export async function train(p: Prepared, options: TrainOptions = {}): Promise<TrainResult> {
  const { model, doc } = p;
  const training = model.training;
  const seed = training.seed;
  const schedule = scheduleOf(p, training.batchSize, seed);
  const duration = options.steps !== undefined ? { steps: options.steps } : options.epochs !== undefined ? { epochs: options.epochs } : training.duration;
  const totalSteps = 'steps' in duration ? duration.steps : duration.epochs * schedule.stepsPerEpoch;
  const named = model.namedVariables;
  const vars = named.map(([, v]) => v);
  const optimizer: Optimizer = createOptimizer(vars, training.optimizer);
  const objective = createObjective(training.objective);
  const layout = new StepMetrics(model, objective);
  const maker = new BatchMaker(p.data.train, p.columns);
  const reportEvery = options.reportEvery ?? 50;
  const checkpointEvery = options.checkpointEvery ?? training.evalEvery;
  const emit = options.onEvent ?? (() => {});

  let step = 0;
  let baselines = new BaselineStates();
  if (options.resume) {
    const cp = loadCheckpoint(options.resume);
    restoreWeights(model, cp, options.resume);
    optimizer.setState(cp.optimizer);
    baselines = BaselineStates.fromJSON(cp.baselines);
    step = cp.step;
  }

  const scalarNames = scalarNamesOf(layout, objective);
  const out = options.out;
  const csv = out ? new MetricsCsv(join(out, 'metrics.csv'), ['step', 'elbo', 'reconstruction', ...layout.klNames.map((n) => `kl_${n}`), ...scalarNames.map(csvName), 'val_elbo']) : null;
  if (out) {
    mkdirSync(out, { recursive: true });
    // Atomic: a resumed run rewrites it, and a kill then must not leave `latent-studio evaluate` a torn file.
    await writeFileAtomic(join(out, 'graph.json'), serializeGraphFile(doc));
    await csv!.open(options.resume ? step : null);
  }
  let lastCheckpoint: number | null = options.resume ? step : null;
  const checkpoint = (): void => {
    if (!out) return;
    saveCheckpoint(out, {
      step,
      seed,
      variables: named.map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array })),
      optimizer: optimizer.getState(),
      baselines: baselines.toJSON(),
    });
    lastCheckpoint = step;
    emit({ type: 'checkpoint', step, dir: out });
  };

  const startStep = step;
  const elboTail = new TailMean();
  const emptyWindow = () => ({ n: 0, sums: new Float64Array(layout.reportLength), scalars: new Map<string, number>() });
  let window = emptyWindow();
  let trainMs = 0;
  let windowMs = 0;
  let valElbo = Number.NaN;
  let valAccuracy: Record<string, number> = {};
  let stopped = false;
  const runEval = (): void => {
    const r = evaluate(p, p.data.heldOut, seed);
    valElbo = r.elbo;
    valAccuracy = r.accuracy;
    emit({ type: 'eval', step, valElbo, valAccuracy });
  };
  const honestPass = model.needsHonestPass;
  const particles = objective.particles;

  try {
    while (step < totalSteps) {
      const t0 = performance.now();
      const stepSeed = deriveSeed(seed, step);
      const indices = schedule.indicesAt(step);
      const ctx = { step, baselines };
      const values = disposingScope(() => {
        const batch = maker.make(indices);
        let kept: tf.Tensor[] = [];
        const { grads } = tf.variableGrads(() => {
          const result = objective.step(model.trace(batch, stepSeed, { particles, step, mode: 'train' }), ctx);
          kept = [tf.keep(layout.signalVector(result))];
          if (!honestPass) kept.push(tf.keep(layout.reportVector(result.report)));
          return result.loss;
        }, vars);
        // A relaxed latent trained on relaxed draws is reported on the discrete draws of the same noise.
        if (honestPass) kept.push(layout.reportVector(objective.report(model.trace(batch, stepSeed, { particles, step, mode: 'honest' }))));
        // Kept tensors outlive the scope: read, then dispose. Reading before the update means a
        // non-finite objective never reaches the weights, so the diagnosis sees the step's own inputs.
        const all = tf.concat([kept[1]!, kept[0]!]);
        const read = all.dataSync() as Float32Array;
        tf.dispose(kept);
        if (read.every(Number.isFinite)) optimizer.apply(vars.map((v) => grads[v.name]!));
        return read;
      });
      if (!values.every(Number.isFinite)) {
        const where = disposingScope(() => diagnoseNonFinite(model, maker.make(indices), stepSeed));
        throw new NonFiniteError(step + 1, where, lastCheckpoint);
      }
      const scalars = stepScalars(layout, objective, step, baselines, values);
      layout.scored.forEach(({ name, decay, running }, i) => {
        if (running) baselines.update(name, values[layout.reportLength + 2 * i]!, values[layout.reportLength + 2 * i + 1]!, decay);
      });
      step++;
      const dt = performance.now() - t0;
      trainMs += dt;
      windowMs += dt;
      elboTail.push(values[0]!);
      window.n++;
      for (let i = 0; i < layout.reportLength; i++) window.sums[i]! += values[i]!;
      for (const [k, v] of Object.entries(scalars)) window.scalars.set(k, (window.scalars.get(k) ?? 0) + v);

      const evalNow = step % training.evalEvery === 0 || step === totalSteps;
      if (step % reportEvery === 0 || step === totalSteps) {
        const mean = (i: number) => window.sums[i]! / window.n;
        const kl = Object.fromEntries(layout.klNames.map((n, i) => [n, mean(2 + i)]));
        const reported: Record<string, number> = Object.fromEntries([...window.scalars].map(([k, v]) => [k, v / window.n]));
        layout.extraNames.forEach((n, i) => (reported[n] = mean(2 + layout.klNames.length + i)));
        // Read at each report rather than once, so that a learning-rate schedule would show.
        const learningRate = training.optimizer.learningRate;
        const ev: MetricsEvent = { type: 'metrics', step, totalSteps, elbo: mean(0), reconstruction: mean(1), kl, learningRate, stepsPerSec: (1000 * window.n) / windowMs, scalars: reported };
        emit(ev);
        if (evalNow) runEval();
        csv?.append({ step, elbo: ev.elbo, reconstruction: ev.reconstruction, ...Object.fromEntries(layout.klNames.map((n) => [`kl_${n}`, kl[n]])), ...Object.fromEntries(scalarNames.map((n) => [csvName(n), reported[n]])), val_elbo: evalNow ? valElbo : undefined });
        window = emptyWindow();
        windowMs = 0;
      } else if (evalNow) runEval();
      const stopNow = options.shouldStop?.() ?? false;
      if (out && (step % checkpointEvery === 0 || step === totalSteps || stopNow)) {
        if (!model.variables.every((v) => disposingScope(() => Number.isFinite(tf.sum(v).dataSync()[0]!)))) {
          const where = disposingScope(() => diagnoseNonFinite(model, maker.make(indices), stepSeed));
          throw new NonFiniteError(step, where, lastCheckpoint);
        }
        checkpoint();
      }
      if (stopNow) {
        stopped = true;
        break;
      }
      // Yield to the event loop now and then so a caller can ask to stop.
      if (step % 20 === 0) await new Promise<void>((r) => setImmediate(r));
    }
    if (Number.isNaN(valElbo)) runEval();
    if (out && options.exportNetworks) await options.exportNetworks(model, out);
  } finally {
    // The optimiser's slots are the run's own tensors; the model's weights stay with the caller.
    optimizer.dispose();
  }
  return { steps: step, elbo: elboTail.mean(), valElbo, valAccuracy, stepsPerSec: ((step - startStep) * 1000) / Math.max(trainMs, 1e-9), stopped };
}

/**
 * Puts a checkpoint's weights into the model's variables (the optimiser state is the caller's).
 * Used to resume, and to recover a failed run's networks from its last good checkpoint.
 *
 * @param from where the checkpoint was read, for the messages
 * @throws Error when the checkpoint was trained with another seed or belongs to another graph
 */
export function restoreWeights(model: CompiledModel, cp: Checkpoint, from: string): void {
  const named = model.namedVariables;
  const seed = model.training.seed;
  if (cp.seed !== seed) throw new Error(`the checkpoint in ${from} was trained with seed ${cp.seed}, not ${seed}`);
  if (cp.variables.length !== named.length) throw new Error(`the checkpoint in ${from} has ${cp.variables.length} variables; this graph has ${named.length}: it belongs to another graph`);
  // Check every variable before assigning any, so a mismatch leaves the model as it was.
  cp.variables.forEach((v, i) => {
    const [name, variable] = named[i]!;
    if (v.name !== name || v.shape.join('x') !== variable.shape.join('x')) throw new Error(`the checkpoint in ${from} holds ${v.name} [${v.shape}] where this graph has ${name} [${variable.shape}]: it belongs to another graph`);
  });
  cp.variables.forEach((v, i) => {
    const variable = named[i]![1];
    disposingScope(() => variable.assign(tf.tensor(v.values, variable.shape)));
  });
}

/** The names of the scalars a run reports beside the ELBO, known before the first step (the CSV's columns). */
function scalarNamesOf(layout: StepMetrics, objective: Objective): string[] {
  return [
    ...layout.extraNames,
    ...Object.keys(objective.scalars(0)),
    ...layout.relaxed.map((n) => `temperature/${n}`),
    ...layout.scored.filter((s) => s.running).map((s) => `baseline/${s.name}`),
  ];
}

/** This step's settings that vary (β, temperatures) and the running baselines it used. */
function stepScalars(layout: StepMetrics, objective: Objective, step: number, baselines: BaselineStates, values: Float32Array): Record<string, number> {
  const out: Record<string, number> = { ...objective.scalars(step) };
  for (const a of layout.relaxed) out[`temperature/${a}`] = layout.temperatureOf(a, step);
  layout.scored.forEach(({ name, running }, i) => {
    // The baseline subtracted at this step: the running mean, or the batch's own mean before the first update.
    if (running) out[`baseline/${name}`] = baselines.get(name)?.mean ?? values[layout.reportLength + 2 * i]!;
  });
  return out;
}

/** A metric name as a CSV column: 'temperature/z' → 'temperature_z'. */
function csvName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

export type { Batch };
