import * as tf from '@tensorflow/tfjs';
import type { Estimator, GraphFile } from '../../../shared/graph/index';
import type { Batch, CompiledModel } from '../compile/model';
import type { DataSplits } from '../data/dataset';
import { BaselineStates } from '../estimators/baseline-state';
import { createObjective } from '../objectives/index';
import { createRng, deriveSeed, shuffleInPlace } from '../random/prng';
import { BatchMaker } from '../train/batch';
import { GraphInvalidError } from '../train/errors';
import { cosine, GradientMoments, norm } from './gradient-stats';
import { gradientEstimate, type EstimateSetup } from './gradient-estimate';
import { inferenceVariables, type InferenceParameters } from './inference-parameters';
import { referenceGradient, type ReferenceKind } from './reference';
import { compileVariant } from './variant-model';
import { candidateVariants, DEFAULT_TEMPERATURES, variantLabel, withVariant, type Variant } from './variants';

/** A graph with its data and weights, as `prepareTraining` (and a checkpoint) give them. */
export interface LabSubject {
  readonly doc: GraphFile;
  readonly data: DataSplits;
  /** The compiled graph holding the weights to study (initial, or restored from a checkpoint). */
  readonly model: CompiledModel;
  /** The step those weights are at (0 at initialisation). */
  readonly step: number;
  /** The run's running baselines (empty at initialisation). */
  readonly baselines: BaselineStates;
}

export interface LabOptions {
  /** Gradient estimates per estimator, R ≥ 2. */
  readonly samples: number;
  readonly seed: number;
  /** Temperatures of the relaxed and straight-through estimators. */
  readonly temperatures?: readonly number[];
  /** Draws per example behind a large-sample reference (default 1024). */
  readonly referenceDraws?: number;
  /** Examples in the fixed minibatch (default: the graph's batch size). */
  readonly batchSize?: number;
  /** Only these estimators (default: every one the latents allow). */
  readonly estimators?: readonly Estimator[];
  /** Called as the reference gradient (done = 0) and then each candidate estimator starts, with its label (progress for a caller that shows it). */
  readonly onEstimator?: (label: string, done: number, total: number) => void;
}

export interface EstimatorResult {
  readonly variant: Variant;
  readonly label: string;
  /** The mean of the R estimates, flattened over the inference parameters in their listed order. */
  readonly mean: Float64Array;
  readonly meanNorm: number;
  /** Trace of the estimates' covariance over the number of parameters (mean per-parameter variance). */
  readonly variance: number;
  /** cos(mean, reference); 1 − cosine is the direction's bias plus what R estimates leave of the noise. */
  readonly cosine: number;
  /** Wall time of one estimate (forward, backward and reading the gradient), averaged over R. */
  readonly msPerEstimate: number;
}

export interface LabReport {
  readonly parameters: InferenceParameters;
  /** R. */
  readonly samples: number;
  /** Draws per example in each estimate (the objective's samples). */
  readonly particles: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly step: number;
  readonly reference: { readonly kind: ReferenceKind; readonly description: string; readonly draws: number; readonly norm: number };
  readonly results: readonly EstimatorResult[];
  /** Candidates the graph refuses or that would repeat another row, with why. */
  readonly skipped: ReadonlyArray<{ readonly label: string; readonly reason: string }>;
}

/**
 * R estimates with seeds 0 … R − 1 derived from the lab's seed (the same for every estimator), after
 * one warm-up estimate (first calls compile kernels and create constants). The time counts the
 * estimates alone (forward, backward, reading the gradient), not the accumulation of their moments.
 */
function measure(setup: EstimateSetup, samples: number, seed: number, size: number): { moments: GradientMoments; ms: number } {
  gradientEstimate(setup, deriveSeed(seed, 0xa11));
  const moments = new GradientMoments(size);
  let ms = 0;
  for (let r = 0; r < samples; r++) {
    const start = performance.now();
    const g = gradientEstimate(setup, deriveSeed(seed, r));
    ms += performance.now() - start;
    moments.add(g);
  }
  return { moments, ms: ms / samples };
}

/** The graph cannot be studied: no latent with an approximate posterior. */
export class LabError extends Error {}

/** A fixed minibatch: `size` training examples chosen by the seed. */
function fixedBatch(subject: LabSubject, size: number, seed: number): Batch {
  const split = subject.data.train;
  const idx = Int32Array.from({ length: split.length }, (_, i) => i);
  shuffleInPlace(idx, createRng(deriveSeed(seed, 0x1ab)));
  const columns = Object.entries(subject.model.dataNode.consumers).filter(([, l]) => l.length > 0).map(([port]) => port);
  return new BatchMaker(split, columns).make(idx.subarray(0, Math.min(size, split.length)));
}

/**
 * The estimator lab: R gradient estimates of the ELBO with respect to the inference network's
 * parameters for each estimator the graph's latents allow, all on one fixed minibatch with the
 * same R seeds (common random numbers, so differences are the estimators'), compared with a
 * reference gradient. The objective is the plain ELBO with the graph's samples per example (β,
 * warm-up and free bits are training devices, not the bound). Estimates are separate passes:
 * a trace's particles are averaged by the surrogate, so one pass gives their mean, not R draws.
 */
export function runEstimatorLab(subject: LabSubject, options: LabOptions): LabReport {
  if (!Number.isInteger(options.samples) || options.samples < 2) throw new Error(`the lab needs at least 2 estimates per estimator to measure a variance, got ${options.samples}`);
  const latents = subject.model.latents;
  if (latents.length === 0) throw new LabError('the graph has no latent variable: it is trained by maximum likelihood, with an exact gradient and no estimator to compare');
  const candidates = candidateVariants(latents, options.temperatures ?? DEFAULT_TEMPERATURES).filter((v) => !options.estimators || options.estimators.includes(v.estimator));
  const probed = latents.filter((a) => (a.inputs.posterior?.length ?? 0) > 0).map((a) => a.node.id);
  if (probed.length === 0) throw new LabError('no latent has an approximate posterior (every latent is summed out exactly): there is no inference network whose gradient to estimate');
  const dataNodeId = subject.model.dataNode.node.id;
  const S = subject.doc.training.objective.samples;
  const doc: GraphFile = {
    ...subject.doc,
    training: { ...subject.doc.training, objective: { kind: 'elbo', samples: S, beta: 1, warmupSteps: 0, freeBits: 0, freeBitsPer: 'dimension' } },
  };
  const batchSize = options.batchSize ?? doc.training.batchSize;
  const batch = fixedBatch(subject, batchSize, options.seed);
  try {
    const base = { doc, dataNodeId, data: subject.data, source: subject.model, batch, baselines: subject.baselines, step: subject.step, seed: options.seed };
    options.onEstimator?.('reference gradient', 0, candidates.length);
    const ref = referenceGradient({ ...base, draws: options.referenceDraws ?? 1024 }, probed);
    const { params } = inferenceVariables(subject.model);
    const results: EstimatorResult[] = [];
    const skipped: Array<{ label: string; reason: string }> = [];
    candidates.forEach((v, i) => {
      const label = variantLabel(v);
      options.onEstimator?.(label, i + 1, candidates.length);
      if (v.baseline === 'standardised' && !subject.baselines.get(v.latent)) {
        // Without running statistics the engine standardises by the batch mean alone: the moving-average row again.
        skipped.push({ label, reason: 'no running statistics yet (step 0): it would repeat the moving-average row' });
        return;
      }
      let model: CompiledModel;
      try {
        model = compileVariant(withVariant(doc, v), dataNodeId, subject.data, subject.model);
      } catch (e) {
        if (!(e instanceof GraphInvalidError)) throw e;
        const first = e.problems.find((p) => p.severity === 'error');
        skipped.push({ label, reason: first?.message ?? 'the graph refuses it' });
        return;
      }
      try {
        const setup = { model, variables: inferenceVariables(model).variables, objective: createObjective(model.training.objective), batch, baselines: subject.baselines, step: subject.step, particles: S };
        const m = measure(setup, options.samples, options.seed, params.size);
        results.push({ variant: v, label, mean: m.moments.mean, meanNorm: norm(m.moments.mean), variance: m.moments.variance, cosine: cosine(m.moments.mean, ref.gradient), msPerEstimate: m.ms });
      } finally {
        model.dispose();
      }
    });
    return {
      parameters: params, samples: options.samples, particles: S, batchSize: (Object.values(batch)[0]!).shape[0]!, seed: options.seed, step: subject.step,
      reference: { kind: ref.kind, description: ref.description, draws: ref.draws, norm: norm(ref.gradient) },
      results, skipped,
    };
  } finally {
    tf.dispose(Object.values(batch));
  }
}
