import type { AnalyzedNode } from '../graph/analyze';
import { linkOf, type Link } from '../graph/catalog/random-variable';
import type { Family } from '../graph/values';
import { type Expression, type ExpressionWriter, unique } from './expressions';
import { density, num, symbol } from './latex';
import { flowDistribution, iafDistribution } from './flows';

/** One parameter of a distribution as written: the port, its LaTeX (link applied) and where it comes from. */
export interface ParameterMaths {
  readonly port: string;
  readonly latex: string;
  /** The node's link on a positive port (softplus, exp), 'none' otherwise. */
  readonly link: Link;
  /** 'setting': the node's own constant for an unconnected port. */
  readonly source: 'setting' | 'connected';
  /** The networks, parameters and constants that compute it. */
  readonly nodeIds: readonly string[];
}

/** A distribution written from its node: the family's LaTeX, its parameters, and its conditioning set. */
export interface DistributionMaths {
  readonly family: Family;
  readonly latex: string;
  readonly parameters: readonly ParameterMaths[];
  readonly given: readonly string[];
}

const LINK_LATEX: Record<Exclude<Link, 'none'>, (x: string) => string> = {
  softplus: (x) => `\\operatorname{softplus}(${x})`,
  exp: (x) => `\\exp(${x})`,
};

/** The parameters of a random-variable node, each from its edge or, unconnected, its setting. */
function parametersOf(a: AnalyzedNode, writer: ExpressionWriter): Map<string, Expression & { link: Link }> {
  const spec = a.kind.family!;
  const out = new Map<string, Expression & { link: Link }>();
  for (const { name } of spec.paramPorts) {
    const inc = a.inputs[name]?.[0];
    const link = inc ? linkOf(spec, a.params, name) : 'none';
    if (!inc) {
      const value = a.params[name] as number;
      out.set(name, { latex: num(value), given: [], nodeIds: [], constant: value, link });
      continue;
    }
    const e = writer.of(inc);
    out.set(name, link === 'none' ? { ...e, link } : { latex: LINK_LATEX[link](e.latex), given: e.given, nodeIds: e.nodeIds, link });
  }
  return out;
}

/**
 * The family's notation (the tutorial's where it has one: N, Bern, Cat), parameters in the order of
 * the family's ports. Logits are written through their link (sigmoid, softmax) so that the
 * expression is the distribution's actual parameter, as Bern(sigmoid(decoder(z))).
 */
function familyLatex(family: Family, p: ReadonlyMap<string, Expression>, a: AnalyzedNode): string {
  const g = (port: string): Expression => p.get(port)!;
  const tau = (): string => `\\tau = ${num(a.params.temperature)}`;
  // A latent Categorical is one-hot in each of its groups: say how many, and of how many classes.
  const size: number | null | undefined = a.params.size ?? a.outputs.sample?.size ?? a.outputs.q?.size;
  const groups = a.params.groups > 1 ? ` \\text{ in ${a.params.groups} groups${size ? ` of ${size / a.params.groups}` : ''}}` : '';
  switch (family) {
    case 'normal':
    case 'lognormal': {
      const name = family === 'normal' ? '\\mathcal{N}' : '\\mathrm{LogNormal}';
      const scale = g('scale');
      const variance = scale.constant === 1 ? 'I' : scale.constant !== undefined ? `${num(scale.constant)}^{2} I` : `${scale.latex}^{2}`;
      return `${name}(${g('loc').latex}, ${variance})`;
    }
    case 'bernoulli': return `\\mathrm{Bern}(\\operatorname{sigmoid}(${g('logits').latex}))`;
    case 'categorical': {
      const cat = `\\mathrm{Cat}(\\operatorname{softmax}(${g('logits').latex}))`;
      if (observesSentence(a)) {
        // Token by token to the end token, each given the code and the words before it: the engine's categorical-sequence.
        const x = symbol(a.node.name);
        const given = unique([...p.values()].flatMap((e) => e.given));
        return `${cat} \\text{ per token } ${x}_{t} \\text{, up to its end token } ${x}_{|${x}|+1} = \\text{EOS: } \\allowbreak \\log ${density('p', [x], given)} = \\sum_{t=1}^{|${x}|+1} \\log \\operatorname{softmax}(${g('logits').latex})_{${x}_{t}}`;
      }
      if (!observesBagOfWords(a)) return `${cat}${groups}`;
      // Each token a draw from it, the order ignored: the engine's log-likelihood of the counts.
      const x = symbol(a.node.name);
      const given = unique([...p.values()].flatMap((e) => e.given));
      return `${cat} \\text{ per token, order ignored: } \\allowbreak \\log ${density('p', [x], given)} = \\sum_{v} ${x}_{v} \\log \\operatorname{softmax}(${g('logits').latex})_{v}`;
    }
    case 'relaxed-bernoulli': return `\\mathrm{RelaxedBern}(\\operatorname{sigmoid}(${g('logits').latex}), ${tau()})`;
    case 'relaxed-onehot-categorical': return `\\mathrm{Concrete}(\\operatorname{softmax}(${g('logits').latex}), ${tau()})${groups}`;
    case 'beta': return `\\mathrm{Beta}(${g('concentration1').latex}, ${g('concentration0').latex})`;
    case 'kumaraswamy': return `\\mathrm{Kuma}(${g('concentration1').latex}, ${g('concentration0').latex})`;
    case 'gamma': return `\\mathrm{Gamma}(${g('concentration').latex}, ${g('rate').latex})`;
    case 'weibull': return `\\mathrm{Weibull}(${g('scale').latex}, ${g('concentration').latex})`;
    case 'laplace': return `\\mathrm{Laplace}(${g('loc').latex}, ${g('scale').latex})`;
    case 'poisson': return `\\mathrm{Poisson}(${g('rate').latex})`;
    case 'flow': throw new Error('internal: a flow is written by flows.ts');
  }
}

/** An observed Categorical bound to a sequence of ids: a sentence, token by token (the engine's categorical-sequence). */
function observesSentence(a: AnalyzedNode): boolean {
  const v = a.inputs.value?.[0]?.type;
  return a.params.role === 'observed' && v?.domain === 'index' && (v.size ?? 1) > 1;
}

/** An observed Categorical bound to counts: a bag of words, each token a draw (the engine's categorical-counts). */
function observesBagOfWords(a: AnalyzedNode): boolean {
  return a.params.role === 'observed' && a.inputs.value?.[0]?.type.domain === 'count';
}

/** The distribution a random-variable node stands for, written from what is wired into it. */
export function distributionOf(a: AnalyzedNode, writer: ExpressionWriter): DistributionMaths {
  if (a.node.kind === 'dist.flow' && a.params.role === 'posterior') {
    const base = a.inputs.base?.[0];
    return iafDistribution(a, writer, base ? distributionOf(writer.analysis.nodes.get(base.sourceNodeId)!, writer) : null);
  }
  if (a.node.kind === 'dist.flow') return flowDistribution(a, writer);
  const family = a.kind.family!.family;
  const params = parametersOf(a, writer);
  return {
    family,
    latex: familyLatex(family, params, a),
    parameters: [...params].map(([port, e]) => ({ port, latex: e.latex, link: e.link, source: e.constant !== undefined && e.nodeIds.length === 0 ? 'setting' : 'connected', nodeIds: e.nodeIds })),
    given: unique([...params.values()].flatMap((e) => e.given)),
  };
}

/** The parameter expressions of a node by port (the reparameterisation formulas use them). */
export function parameterLatex(d: DistributionMaths): Record<string, string> {
  return Object.fromEntries(d.parameters.map((p) => [p.port, p.latex]));
}
