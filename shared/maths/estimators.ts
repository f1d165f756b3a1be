import type { AnalyzedNode } from '../graph/analyze';
import type { Baseline, Estimator } from '../graph/catalog/random-variable';
import type { ObjectiveSettings } from '../graph/document';
import type { ExpressionWriter } from './expressions';
import { parameterLatex, type DistributionMaths } from './families';
import { num } from './latex';
import { transformOf } from '../graph/constraint-transform';
import { inverseLatex } from './transform';
import { iafDraw } from './flows';
import type { EstimatorMaths, FactorMaths } from './types';

/** What the estimator of one latent is written from. */
export interface EstimatorInput {
  readonly latent: AnalyzedNode;
  readonly estimator: Estimator;
  readonly prior: FactorMaths;
  readonly posterior: FactorMaths | null;
  /** The posterior's distribution (its parameters by port), for the reparameterisation and relaxation formulas. */
  readonly q: DistributionMaths | null;
  /** The learning signal f(z) of a score-function latent, as LaTeX. */
  readonly signal: string;
  readonly settings: ObjectiveSettings;
  readonly writer: ExpressionWriter;
}

const NAMES: Record<Estimator, string> = {
  reparameterisation: 'reparameterisation',
  'score-function': 'score function',
  relaxed: 'relaxed (Gumbel-softmax / Concrete)',
  'straight-through': 'straight-through Gumbel-softmax',
  enumeration: 'exact enumeration',
};

/** z = g(ε, λ) for the posterior's family, written with its actual parameters. */
function reparameterised(z: string, q: DistributionMaths): string {
  const p = parameterLatex(q);
  const uniform = 'u \\sim \\mathcal{U}(0, 1)';
  switch (q.family) {
    case 'normal': return `${z} = ${p.loc} + ${p.scale} \\odot \\epsilon, \\quad \\epsilon \\sim \\mathcal{N}(0, I)`;
    case 'lognormal': return `${z} = \\exp(${p.loc} + ${p.scale} \\odot \\epsilon), \\quad \\epsilon \\sim \\mathcal{N}(0, I)`;
    case 'laplace': return `${z} = ${p.loc} - ${p.scale}\\,\\operatorname{sign}(u) \\log(1 - 2|u|), \\quad u \\sim \\mathcal{U}(-\\tfrac{1}{2}, \\tfrac{1}{2})`;
    case 'kumaraswamy': return `${z} = (1 - (1 - u)^{1/${p.concentration0}})^{1/${p.concentration1}}, \\quad ${uniform}`;
    case 'weibull': return `${z} = ${p.scale}\\,(-\\log u)^{1/${p.concentration}}, \\quad ${uniform}`;
    case 'relaxed-bernoulli': return `${z} = \\operatorname{sigmoid}((${p.logits} + \\log u - \\log(1 - u)) / \\tau), \\quad ${uniform}`;
    case 'relaxed-onehot-categorical': return `${z} = \\operatorname{softmax}((${p.logits} + g) / \\tau), \\quad g = -\\log(-\\log u), \\; ${uniform}`;
    default: throw new Error(`internal: a ${q.family} posterior has no reparameterised sample`);
  }
}

/** The relaxed draw y of a Bernoulli or Categorical posterior at temperature τ_t. */
function relaxedDraw(q: DistributionMaths, tau: string): string {
  const logits = parameterLatex(q).logits;
  if (q.family === 'bernoulli') return `y = \\operatorname{sigmoid}((${logits} + \\log u - \\log(1 - u)) / ${tau}), \\quad u \\sim \\mathcal{U}(0, 1)`;
  return `y = \\operatorname{softmax}((${logits} + g) / ${tau}), \\quad g = -\\log(-\\log u), \\; u \\sim \\mathcal{U}(0, 1)`;
}

/** The support an enumerated latent is summed over: {0, 1}^n, {e_1, …, e_K}^G. */
function supportLatex(a: AnalyzedNode): string {
  const size: number | null = a.outputs.sample?.size ?? null;
  const n = size === null ? 'n' : num(size);
  if (a.kind.family!.family === 'bernoulli') return `\\{0, 1\\}^{${n}}`;
  const groups: number = a.params.groups ?? 1;
  const K = size === null ? 'K' : num(size / groups);
  return `\\{e_1, \\ldots, e_{${K}}\\}${groups > 1 ? `^{${groups}}` : ''}`;
}

/** How the gradient of one latent's expectation reaches q's parameters λ (or θ, for a latent summed out). */
export function estimatorOfLatent(input: EstimatorInput): EstimatorMaths {
  const { latent: a, estimator, posterior, q, settings } = input;
  const latentSymbol = input.prior.variable;
  // What is drawn from q: the latent itself, or ζ for a transformed latent (then z = T⁻¹(ζ)).
  const z = posterior?.variable ?? latentSymbol;
  const transform = transformOf(a.params);
  const untransform = transform === 'none' ? '' : `, \\quad ${latentSymbol} = ${inverseLatex(transform, z)}`;
  const head = `${latentSymbol}\\colon \\text{${NAMES[estimator]}}`;
  const base = { nodeId: a.node.id, latent: latentSymbol, estimator };
  const qz = posterior?.density ?? '';
  switch (estimator) {
    case 'reparameterisation': {
      const flow = q!.family === 'flow' ? input.writer.analysis.nodes.get(a.inputs.posterior![0]!.sourceNodeId)! : null;
      const draw = flow ? iafDraw(z, latentSymbol, flow, input.writer, parameterLatex(q!)) : reparameterised(z, q!);
      const lines = [head, `${draw}${untransform}`];
      return { ...base, latex: lines[1]!, lines };
    }
    case 'score-function': {
      const baseline: Baseline = a.params.baseline;
      const decay: number = a.params.baselineDecay;
      const grad = (weight: string): string => `\\hat{\\nabla}_{\\lambda} = ${weight}\\,\\nabla_{\\lambda} \\log ${qz}, \\quad ${z} \\sim ${qz}`;
      const f = `f(${z}) = ${input.signal}${untransform}`;
      const lines = [`${latentSymbol}\\colon \\text{score function, baseline: ${baseline}}`];
      if (baseline === 'leave-one-out' && settings.kind === 'iwae') {
        lines.push(`\\hat{\\nabla}_{\\lambda} = \\sum_{s=1}^{S} (\\hat{\\mathcal{L}} - \\hat{\\mathcal{L}}_{-s})\\,\\nabla_{\\lambda} \\log q(${z}^{(s)} \\mid ${posterior!.given.join(', ')})`);
        lines.push('\\hat{\\mathcal{L}}_{-s}\\colon \\log w_s \\text{ replaced by the mean of the other } S - 1 \\text{ log-weights (VIMCO)}');
      } else if (baseline === 'none') lines.push(grad(`f(${z})`), f);
      else if (baseline === 'moving-average') lines.push(grad(`(f(${z}) - b)`), f, `b \\leftarrow ${num(decay)}\\,b + (1 - ${num(decay)})\\,\\bar{f}, \\quad \\bar{f} = \\text{batch mean of } f`);
      else if (baseline === 'standardised') lines.push(grad(`\\frac{f(${z}) - m}{\\max(1, s)}`), f, `m \\leftarrow ${num(decay)}\\,m + (1 - ${num(decay)})\\,\\bar{f}, \\quad s^{2} = \\overline{f^{2}} - m^{2} \\text{ (running, same decay)}`);
      else if (baseline === 'learned') {
        const b = a.inputs.baseline?.[0];
        lines.push(grad(`(f(${z}) - b)`), f, `b = ${b ? input.writer.of(b).latex : 'b(x)'}, \\quad \\text{fitted by minimising } (b - f(${z}))^{2}`);
      } else {
        lines.push(`\\hat{\\nabla}_{\\lambda} = \\frac{1}{S}\\sum_{s=1}^{S} (f(${z}^{(s)}) - b^{(s)})\\,\\nabla_{\\lambda} \\log q(${z}^{(s)} \\mid ${posterior!.given.join(', ')})`, f, `b^{(s)} = \\frac{1}{S - 1}\\sum_{s' \\neq s} f(${z}^{(s')})`);
      }
      return { ...base, baseline, ...(baseline === 'moving-average' || baseline === 'standardised' ? { baselineDecay: decay } : {}), latex: lines[1]!, lines };
    }
    case 'relaxed':
    case 'straight-through': {
      const temperature = { start: a.params.temperature as number, min: a.params.temperatureMin as number, decay: a.params.temperatureDecay as number };
      const tau = temperature.decay > 0 ? '\\tau_t' : '\\tau';
      const schedule = temperature.decay > 0
        ? `\\tau_t = \\max(${num(temperature.min)}, ${num(temperature.start)}\\, e^{-${num(temperature.decay)}\\, t})`
        : `\\tau = ${num(temperature.start)}`;
      const hard = q!.family === 'bernoulli' ? '\\mathbf{1}[y > \\tfrac{1}{2}]' : '\\operatorname{onehot}(\\arg\\max y)';
      const use = estimator === 'relaxed'
        ? `${z} = y \\text{ while training; } ${z} = ${hard} \\text{ when reporting}`
        : `${z} = ${hard} \\text{ forward}, \\quad \\nabla_{\\lambda} ${z} := \\nabla_{\\lambda} y \\text{ backward}`;
      const lines = [head, relaxedDraw(q!, tau), use, schedule];
      return { ...base, temperature, latex: lines[1]!, lines };
    }
    case 'enumeration': {
      const support = supportLatex(a);
      const line = posterior
        ? `\\mathbb{E}_{${qz}}[f(${z})] = \\sum_{${z} \\in ${support}} ${qz}\\, f(${z})`
        : `${z} \\text{ summed out exactly: } \\sum_{${z} \\in ${support}} ${input.prior.density} \\cdots`;
      const lines = [head, line];
      return { ...base, latex: line, lines };
    }
  }
}
