import { ENUMERATION_LIMIT, observedWhereKnown, type GraphFile } from '../../../shared/graph/index';
import type { Batch, CompiledModel } from '../compile/model';
import type { DataSplits } from '../data/dataset';
import type { BaselineStates } from '../estimators/baseline-state';
import { createObjective } from '../objectives/index';
import { deriveSeed } from '../random/prng';
import { GraphInvalidError } from '../train/errors';
import { GradientMoments } from './gradient-stats';
import { gradientEstimate } from './gradient-estimate';
import { inferenceVariables } from './inference-parameters';
import { compileVariant } from './variant-model';
import { withLatentSettings } from './variants';

/** How the reference gradient was obtained. */
export type ReferenceKind = 'exact-enumeration' | 'reparameterised-mean' | 'score-function-mean';

export interface ReferenceGradient {
  readonly kind: ReferenceKind;
  /** Said in the output: "exact: enumeration over the 256 configurations of z". */
  readonly description: string;
  /** Draws per example behind it (1 for the exact gradient, whose one pass has no noise). */
  readonly draws: number;
  readonly gradient: Float64Array;
}

export interface ReferenceSetup {
  readonly doc: GraphFile;
  readonly dataNodeId: string;
  readonly data: DataSplits;
  readonly source: CompiledModel;
  readonly batch: Batch;
  readonly baselines: BaselineStates;
  readonly step: number;
  readonly seed: number;
  /** Draws per example for a large-sample reference. */
  readonly draws: number;
}

/** Rows a large-sample pass holds at once (particles × batch): the reference's memory stays this size however many draws it takes. */
const ROW_BUDGET = 4096;

/**
 * Every latent with a posterior given the same settings, but for a latent observed where its label
 * is known (semi-supervised), whose only estimator is enumeration: it stays enumerated, exact.
 */
function allLatents(doc: GraphFile, ids: readonly string[], params: Record<string, unknown>): GraphFile {
  return ids.filter((id) => !observedWhereKnown(doc.graph.nodes.find((n) => n.id === id)!.params)).reduce((d, id) => withLatentSettings(d, id, params), doc);
}

/**
 * The gradient the estimators are compared with, the best the graph allows: exact, by enumerating
 * every latent with a posterior (at most ENUMERATION_LIMIT joint configurations), where each can be
 * enumerated; else the mean of many reparameterised estimates where every such latent can be
 * reparameterised; else the mean of many score-function estimates with the leave-one-out baseline
 * (unbiased, and the lowest-variance unbiased one the engine has without a learned network).
 * Large-sample means are computed in passes of many particles each (the trace carries them).
 */
export function referenceGradient(s: ReferenceSetup, latentIds: readonly string[]): ReferenceGradient {
  const batchRows = (Object.values(s.batch)[0]!).shape[0]!;
  const names = latentIds.map((id) => s.doc.graph.nodes.find((n) => n.id === id)!.name).join(', ');
  const exact = tryCompile(s, allLatents(s.doc, latentIds, { estimator: 'enumeration' }));
  if (exact && exact.enumerationConfigurations <= ENUMERATION_LIMIT) {
    try {
      const E = exact.enumerationConfigurations;
      const g = gradientEstimate(setupOf(s, exact, 1), s.seed);
      return { kind: 'exact-enumeration', description: `exact: enumeration over the ${E} configurations of ${names}`, draws: 1, gradient: Float64Array.from(g) };
    } finally {
      exact.dispose();
    }
  }
  exact?.dispose();
  const chunk = Math.max(2, Math.min(s.draws, Math.floor(ROW_BUDGET / batchRows)));
  const passes = Math.ceil(s.draws / chunk);
  const withSamples = (d: GraphFile): GraphFile => ({ ...d, training: { ...d.training, objective: { ...d.training.objective, samples: chunk } } });
  // Reparameterised where every latent allows it, else the score function with leave-one-out.
  const large: Array<{ kind: ReferenceKind; what: string; params: Record<string, unknown> }> = [
    { kind: 'reparameterised-mean', what: 'reparameterised', params: { estimator: 'reparameterisation' } },
    { kind: 'score-function-mean', what: 'score-function (leave-one-out)', params: { estimator: 'score-function', baseline: 'leave-one-out' } },
  ];
  let model: CompiledModel | null = null;
  let chosen = large[0]!;
  for (const option of large) {
    model = tryCompile(s, withSamples(allLatents(s.doc, latentIds, option.params)));
    chosen = option;
    if (model) break;
  }
  if (!model) throw new Error(`no reference gradient: the latents ${names} can be neither enumerated, reparameterised nor given the score function`);
  try {
    const setup = setupOf(s, model, chunk);
    const moments = new GradientMoments(inferenceVariables(model).params.size);
    for (let i = 0; i < passes; i++) moments.add(gradientEstimate(setup, deriveSeed(s.seed, 0x5ef, i)));
    return { kind: chosen.kind, description: `mean of ${passes * chunk} ${chosen.what} estimates per example`, draws: passes * chunk, gradient: moments.mean };
  } finally {
    model.dispose();
  }
}

function setupOf(s: ReferenceSetup, model: CompiledModel, particles: number) {
  const objective = createObjective(model.training.objective);
  return { model, variables: inferenceVariables(model).variables, objective, batch: s.batch, baselines: s.baselines, step: s.step, particles };
}

function tryCompile(s: ReferenceSetup, doc: GraphFile): CompiledModel | null {
  try {
    return compileVariant(doc, s.dataNodeId, s.data, s.source);
  } catch (e) {
    if (e instanceof GraphInvalidError) return null;
    throw e;
  }
}
