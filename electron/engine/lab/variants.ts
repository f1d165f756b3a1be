import type { AnalyzedNode, Baseline, Estimator, GraphFile } from '../../../shared/graph/index';

/** One way of estimating the gradient: a latent's estimator with its baseline or temperature. */
export interface Variant {
  /** The latent whose estimator this variant sets (the others keep theirs). */
  readonly latent: string;
  readonly latentId: string;
  readonly estimator: Estimator;
  /** Score function: the baseline subtracted from the learning signal. */
  readonly baseline?: Baseline;
  /** Relaxed and straight-through: the temperature, held fixed (no decay). */
  readonly temperature?: number;
}

/** A short label: "score-function (moving-average)", "relaxed τ = 0.5". */
export function variantLabel(v: Variant): string {
  if (v.baseline) return `${v.estimator} (${v.baseline})`;
  if (v.temperature !== undefined) return `${v.estimator} τ = ${v.temperature}`;
  return v.estimator;
}

/** The baselines the lab tries, in the order it prints them; the analysis refuses those the graph cannot use. */
const BASELINES_TRIED: readonly Baseline[] = ['none', 'moving-average', 'standardised', 'leave-one-out', 'learned'];

/** The temperatures tried for relaxed and straight-through estimators unless the caller says. */
export const DEFAULT_TEMPERATURES: readonly number[] = [0.1, 0.5, 1, 2];

/**
 * The candidate variants of every latent that has an approximate posterior: each estimator its
 * family's spec lists as trainable (`FamilySpec.trainableEstimators`, the inspector's rule), the
 * score function once per baseline, relaxations once per temperature. Candidates are not yet
 * checked: `withVariant` + the analysis decide which the graph allows (enumeration's size limit, a
 * learned baseline's wiring, leave-one-out's samples), so the lab never keeps its own copy of those rules.
 */
export function candidateVariants(latents: readonly AnalyzedNode[], temperatures: readonly number[] = DEFAULT_TEMPERATURES): Variant[] {
  const out: Variant[] = [];
  for (const a of latents) {
    if ((a.inputs.posterior?.length ?? 0) === 0) continue;
    const base = { latent: a.node.name, latentId: a.node.id };
    for (const estimator of a.kind.family!.trainableEstimators) {
      if (estimator === 'score-function') for (const baseline of BASELINES_TRIED) out.push({ ...base, estimator, baseline });
      else if (estimator === 'relaxed' || estimator === 'straight-through') for (const temperature of temperatures) out.push({ ...base, estimator, temperature });
      else out.push({ ...base, estimator });
    }
  }
  return out;
}

/** A copy of the graph file with the variant's settings on its latent (temperatures held fixed). */
export function withVariant(doc: GraphFile, v: Variant): GraphFile {
  return withLatentSettings(doc, v.latentId, {
    estimator: v.estimator,
    ...(v.baseline ? { baseline: v.baseline } : {}),
    ...(v.temperature !== undefined ? { temperature: v.temperature, temperatureMin: Math.min(v.temperature, 0.5), temperatureDecay: 0 } : {}),
  });
}

/**
 * A copy of the graph file with some estimator settings of one latent replaced. A latent has a
 * 'baseline' port only while it uses the score function with a learned baseline, so otherwise the
 * edge into it is left out (the baseline's network stays, unused), as switching the estimator in
 * the inspector would leave it dangling; without this a graph with a learned baseline could be
 * studied with no other estimator.
 */
export function withLatentSettings(doc: GraphFile, nodeId: string, params: Record<string, unknown>): GraphFile {
  const nodes = doc.graph.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, ...params } } : n));
  const p = nodes.find((n) => n.id === nodeId)!.params;
  const learned = p.estimator === 'score-function' && p.baseline === 'learned';
  const edges = learned ? doc.graph.edges : doc.graph.edges.filter((e) => !(e.target.node === nodeId && e.target.port === 'baseline'));
  return { ...doc, graph: { ...doc.graph, nodes, edges } };
}
