import { analyzeGraph, type Analysis, type AnalyzedNode } from '../graph/analyze';
import { randomVariablesAfter } from '../graph/downstream';
import { estimatorOf } from '../graph/catalog/random-variable';
import type { GraphFile, ObjectiveSettings } from '../graph/document';
import type { Problem } from '../graph/problems';
import { klFormOf } from '../graph/kl-form';
import { transformOf } from '../graph/constraint-transform';
import { observedWhereKnown } from '../graph/catalog/known-labels';
import { estimatorOfLatent } from './estimators';
import { ExpressionWriter, unique } from './expressions';
import { distributionOf } from './families';
import { flowWhere, iafWhere } from './flows';
import { modelFactor, nodesWithRole, posteriorFactor } from './factors';
import { jointLatex, posteriorJointLatex } from './joint';
import { betaSymbol, logRatioLatex, objectiveOf, type ObjectiveInput, type ObjectiveLatent } from './objective';
import type { FactorMaths, MathsResult, ModelMaths } from './types';
import { num, symbol } from './latex';

/**
 * The equations of a graph file: its generative model, approximate posterior, objective and
 * gradient estimators, each term tagged with the node it comes from. The graph is analysed with its
 * training settings first; if that finds an error, the result is that problem alone (the first one,
 * as `analyzeGraph` orders them), because equations of an invalid graph would be half right.
 */
export function describeMaths(file: Pick<GraphFile, 'graph' | 'training'>): MathsResult {
  return mathsOfAnalysis(analyzeGraph(file.graph, {}, file.training), file.training.objective);
}

/**
 * The same from an analysis already made with the graph's training settings (the editor's store
 * keeps one: `analyzeGraph(graph, {}, training)`), and the objective of those settings.
 */
export function mathsOfAnalysis(analysis: Analysis, settings: ObjectiveSettings): MathsResult {
  const problem = firstError(analysis);
  if (problem) return { ok: false, problem };
  return { ok: true, maths: mathsOf(analysis, settings).maths };
}

/** The error that stops the equations: the first one, as `analyzeGraph` orders them. */
export function firstError(analysis: Analysis): Problem | undefined {
  return analysis.problems.find((p) => p.severity === 'error');
}

/** The maths of a valid graph, and what its objective was written from (the panel writes it again with marks). */
export function mathsOf(analysis: Analysis, settings: ObjectiveSettings): { maths: ModelMaths; objectiveInput: ObjectiveInput } {
  const writer = new ExpressionWriter(analysis);
  const latents = nodesWithRole(analysis, 'latent');
  const observed = nodesWithRole(analysis, 'observed');
  const priors = latents.map((a) => modelFactor(a, writer));
  const likelihoods = observed.map((a) => modelFactor(a, writer));
  const model = [...priors, ...likelihoods];
  const posteriors = latents.map((a) => posteriorFactor(a, analysis, writer));
  const posterior = posteriors.filter((f): f is FactorMaths => f !== null);

  const variables = model.map((f) => f.variable);
  const sideInformation = unique(model.flatMap((f) => f.given)).filter((s) => !variables.includes(s));
  const joint = jointLatex(model, sideInformation);
  const posteriorJoint = posteriorJointLatex(posterior);

  const estimators = latents.map((a) => estimatorOf(a.kind.family!, a.params));
  const enumerated = latents.filter((_, i) => estimators[i] === 'enumeration');
  const marginalised = enumerated.length > 0 && enumerated.every((a) => (a.inputs.posterior?.length ?? 0) === 0);
  const objectiveLatents: ObjectiveLatent[] = latents.map((a, i) => ({
    nodeId: a.node.id,
    prior: priors[i]!,
    posterior: posteriors[i] ?? null,
    enumerated: estimators[i] === 'enumeration',
    klForm: klFormOf({ estimator: estimators[i]!, prior: a.kind.family!.family, posterior: a.inputs.posterior?.[0]?.type.family ?? null, marginalised, transformed: transformOf(a.params) !== 'none' }),
    size: a.outputs.sample?.size ?? null,
    transform: transformOf(a.params),
    global: a.params.plate === 'global',
    known: observedWhereKnown(a.params) && a.inputs.known?.[0] ? { alpha: a.params.classificationWeight as number, column: `${symbol(analysis.nodes.get(a.inputs.known[0].sourceNodeId)!.node.name)}.${symbol(a.inputs.known[0].sourcePort)}` } : null,
  }));
  const objectiveInput: ObjectiveInput = { latents: objectiveLatents, observed: likelihoods, sideInformation, settings };
  const computed = objectiveOf(objectiveInput);
  // A flow's log-likelihood is a change of variables: its lines say how it is computed.
  // So is an IAF posterior's log q: the change of variables along its steps.
  const iafLines = latents.flatMap((a, i) => {
    const q = a.inputs.posterior?.[0];
    const flow = q ? analysis.nodes.get(q.sourceNodeId)! : null;
    return flow?.node.kind === 'dist.flow' ? iafWhere(a, flow, writer, posteriors[i] ?? { given: [], parameters: [] }) : [];
  });
  const flowLines = [...observed.filter((a) => a.node.kind === 'dist.flow').flatMap((a) => flowWhere(a, writer)), ...iafLines, ...wordDropoutLines(analysis, writer)];
  const objective = flowLines.length ? { ...computed, where: [...computed.where, ...flowLines] } : computed;

  const estimatorMaths = latents.map((a, i) => {
    const qNode = a.inputs.posterior?.[0];
    const signal = signalOf(a, objectiveLatents, likelihoods, randomVariablesAfter(analysis, a.node.id), betaSymbol(settings));
    return estimatorOfLatent({
      latent: a,
      estimator: estimators[i]!,
      prior: priors[i]!,
      posterior: posteriors[i] ?? null,
      q: qNode ? distributionOf(analysis.nodes.get(qNode.sourceNodeId)!, writer) : null,
      signal,
      settings,
      writer,
    });
  });
  return { maths: { joint, model, posteriorJoint, posterior, objective, estimators: estimatorMaths }, objectiveInput };
}

/**
 * What a GRU decoder with word dropout changes in the training objective: the words before t it
 * reads are each the unknown token with that probability (the bound reported and evaluated reads
 * them all).
 */
function wordDropoutLines(analysis: Analysis, writer: ExpressionWriter): string[] {
  return [...analysis.nodes.values()]
    .filter((a) => a.node.kind === 'network.gruDecoder' && a.params.wordDropout > 0)
    .map((a) => {
      const tokens = a.inputs.tokens?.[0];
      const x = tokens ? writer.dataSymbol(tokens.sourceNodeId, tokens.sourcePort) : 'x';
      return `\\text{word dropout: training, } ${symbol(a.node.name)} \\text{ reads each word of } ${x}_{<t} \\text{ as the unknown token with probability } ${num(a.params.wordDropout)}`;
    });
}

/**
 * The learning signal f of a score-function latent, as the engine's ELBO forms it: the
 * log-likelihoods of the observed variables downstream, minus β times the KL estimates of the
 * latents downstream and its own when that is a Monte Carlo estimate (a closed-form KL does not
 * depend on the draw, and its gradient is exact).
 */
function signalOf(a: AnalyzedNode, latents: readonly ObjectiveLatent[], likelihoods: readonly FactorMaths[], down: ReadonlySet<string>, beta: string): string {
  const obs = likelihoods.filter((o) => down.has(o.nodeId)).map((o) => `\\log ${o.density}`);
  const kls = latents
    .filter((l) => l.posterior && (down.has(l.nodeId) || (l.nodeId === a.node.id && l.klForm !== 'closed-form')))
    .map((l) => (l.klForm === 'closed-form' ? `\\mathrm{KL}(${l.posterior!.density} \\,\\|\\, ${l.prior.density})` : logRatioLatex(l)));
  const penalty = kls.length === 0 ? '' : ` - ${beta ? `${beta}\\,` : ''}${kls.length > 1 ? `(${kls.join(' + ')})` : kls[0]}`;
  return `${obs.join(' + ') || '0'}${penalty}`;
}
