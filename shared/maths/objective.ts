import type { ObjectiveSettings } from '../graph/document';
import type { KlForm } from '../graph/kl-form';
import type { ConstraintTransform } from '../graph/constraint-transform';
import { jacobianLatex, transformWhere } from './transform';
import { knownLabelObjective } from './known-labels';
import { density, num } from './latex';
import { densityTerm, klTerm, unmarked, type Mark } from './marks';
import type { FactorMaths, KlTerm, MathsTerm, ObjectiveMaths } from './types';

/** A latent as the objective sees it: its factors, how it is drawn and how its KL is computed. */
export interface ObjectiveLatent {
  readonly nodeId: string;
  readonly prior: FactorMaths;
  /** Null for an enumerated latent summed out. */
  readonly posterior: FactorMaths | null;
  readonly enumerated: boolean;
  readonly klForm: KlForm;
  /** Event size (the number of dimensions free bits clamp). */
  readonly size: number | null;
  /** ADVI's constraint transform: the posterior is over ζ (its variable) and the latent is T⁻¹(ζ). */
  readonly transform: ConstraintTransform;
  /** One value for the whole data set: its KL enters each example's objective divided by N. */
  readonly global: boolean;
  /** Semi-supervised: observed where its label (`column`, the data column in LaTeX) is known, with α the weight of log q there; absent otherwise. */
  readonly known?: { readonly alpha: number; readonly column: string } | null;
}

/** The objective's inputs: latents and observed variables in graph order, the joint's conditioning (side information). */
export interface ObjectiveInput {
  readonly latents: readonly ObjectiveLatent[];
  readonly observed: readonly FactorMaths[];
  readonly sideInformation: readonly string[];
  readonly settings: ObjectiveSettings;
}

/** Renames the sampled latents' symbols in a density to the s-th draw: p(x \mid z) → p(x \mid z^{(s)}). */
type Rename = (symbol: string) => string;
const same: Rename = (s) => s;

function dens(f: FactorMaths, rename: Rename): string {
  return density(f.role === 'posterior' ? 'q' : 'p', [rename(f.variable)], f.given.map(rename));
}

/** The s-th draw of each sampled latent, its ζ and its value alike: ζ_z → ζ_z^{(s)}, z → z^{(s)}. */
function drawnOf(latents: readonly ObjectiveLatent[]): Rename {
  return draw(new Set(latents.flatMap((l) => [l.posterior!.variable, l.prior.variable])));
}

/**
 * p(z) as it enters a ratio with q: the prior's density, times |det J_{T⁻¹}(ζ)| for a transformed
 * latent (p's density of ζ, since q is over ζ).
 */
function priorOfDraw(l: ObjectiveLatent, r: Rename): string {
  const p = dens(l.prior, r);
  return l.transform === 'none' ? p : `${p}\\,${jacobianLatex(r(l.posterior!.variable))}`;
}

/** The Monte Carlo KL integrand of a latent: log q(z)/p(z), or log q(ζ)/(p(z) |det J_{T⁻¹}(ζ)|) for a transformed one. */
export function logRatioLatex(l: ObjectiveLatent, r: Rename = same): string {
  return `\\log \\frac{${dens(l.posterior!, r)}}{${priorOfDraw(l, r)}}`;
}

/** β as the settings make it: omitted at 1, β_t with a warm-up. */
export function betaSymbol(s: ObjectiveSettings): string {
  if (s.kind !== 'elbo') return '';
  if (s.warmupSteps > 0) return '\\beta_t';
  return s.beta === 1 ? '' : '\\beta';
}

/**
 * The KL term of one latent as the ELBO computes it (its form from the shared rule). When its prior
 * or posterior is conditioned on other latents (a hierarchy: p(z_2 | z_1)), the KL is a function of
 * their draws, so it sits inside their expectation (their sums, when they are enumerated), as the
 * engine evaluates it at the draws of the same pass.
 */
function klLatex(l: ObjectiveLatent, samples: number, latents: readonly ObjectiveLatent[]): string {
  const q = l.posterior!;
  const uses = new Set([...l.prior.given, ...q.given]);
  const outer = latents.filter((o) => o !== l && o.posterior !== null && uses.has(o.prior.variable));
  const outerSums = outer.filter((o) => o.enumerated);
  const drawn = latents.filter((o) => (outer.includes(o) && !o.enumerated) || (o === l && l.klForm === 'monte-carlo'));
  const r = samples > 1 ? drawnOf(drawn) : same;
  const ratio = logRatioLatex(l, r);
  const inner = l.klForm === 'closed-form'
    ? `\\mathrm{KL}(${dens(q, r)} \\,\\|\\, ${dens(l.prior, r)})`
    : l.klForm === 'exact-sum'
      ? `\\sum_{${q.variable}} ${dens(q, r)} ${ratio}`
      : ratio;
  let term = inner;
  if (drawn.length > 0) {
    term = samples === 1
      ? `\\mathbb{E}_{${drawn.map((o) => o.posterior!.density).join('\\,')}}\\left[${inner}\\right]`
      : `\\frac{1}{${samples}}\\sum_{s=1}^{${samples}} ${inner}`;
  }
  return `${outerSums.map((o) => `\\sum_{${o.posterior!.variable}} ${o.posterior!.density}\\,`).join('')}${term}`;
}

/** The s-th draw of each sampled latent: z → z^{(s)}. */
function draw(sampled: ReadonlySet<string>): Rename {
  return (s) => (sampled.has(s) ? `${s}^{(s)}` : s);
}

/**
 * The objective, as the engine's objectives compute it (`electron/engine/objectives/`):
 * - no latent: the log-likelihood;
 * - ELBO: E_q[Σ log p(x | …)] − Σ_latents β·KL, each KL in the form the shared rule gives, free bits
 *   clamping it per example or per dimension (batch-averaged), S draws averaged; enumerated latents
 *   with a posterior are exact sums weighted by q;
 * - enumerated latents without a posterior are summed out inside a log (β and free bits then do not
 *   apply, as in the engine);
 * - IWAE: log (1/S) Σ_s p(x, z_s)/q(z_s | x).
 *
 * `mark` wraps the terms that come from one node (each log-likelihood, each KL penalty, each density
 * of a latent's prior or posterior where the bound writes them apart) for the maths panel; the
 * default leaves the text as the CLI prints it.
 */
export function objectiveOf(input: ObjectiveInput, mark: Mark = unmarked): ObjectiveMaths {
  const { latents, observed, settings } = input;
  const S = settings.samples;
  const withQ = latents.filter((l) => l.posterior !== null);
  const sampled = withQ.filter((l) => !l.enumerated);
  const enumQ = withQ.filter((l) => l.enumerated);
  const summedOut = latents.filter((l) => l.posterior === null);
  const reconstruction: MathsTerm[] = observed.map((o) => ({ nodeId: o.nodeId, latex: `\\log ${o.density}` }));
  const where: string[] = [];
  const drawn = drawnOf(sampled);
  const qOfSampled = sampled.map((l) => l.posterior!.density).join('\\,');
  if (S > 1 && sampled.length > 0) where.push(`${sampled.map((l) => `${l.posterior!.variable}^{(s)} \\sim ${l.posterior!.density}`).join(', \\; ')}, \\; s = 1, \\ldots, ${S}`);

  // z = T⁻¹(ζ) and its log-Jacobian, for each transformed latent (ADVI).
  const transformLines = sampled.filter((l) => l.transform !== 'none').map((l) => transformWhere(l.transform as Exclude<ConstraintTransform, 'none'>, l.prior.variable, l.posterior!.variable, l.size));

  // Semi-supervised (M2): a latent observed where its label is known, the other latents' bound given it.
  const known = settings.kind === 'elbo' ? latents.find((l) => l.known && l.posterior) : undefined;
  if (known) return knownLabelObjective(input, known, (m) => objectiveOf({ ...input, latents: latents.filter((l) => l !== known) }, m), mark);

  if (latents.length === 0) {
    const latex = `\\mathcal{L}(\\theta) = ${observed.map((o) => mark(densityTerm(o), `\\log ${o.density}`)).join(' + ')}`;
    return { kind: 'log-likelihood', settings, latex, where, reconstruction, kl: [] };
  }

  /** Averages an expression of the sampled latents over their draws: E_q[…] for one, (1/S) Σ_s […] for several. */
  const expect = (inner: (r: Rename) => string): string => {
    if (sampled.length === 0) return inner(same);
    if (S === 1) return `\\mathbb{E}_{${qOfSampled}}\\left[${inner(same)}\\right]`;
    return `\\frac{1}{${S}}\\sum_{s=1}^{${S}} \\left[${inner(drawn)}\\right]`;
  };
  const observedLog = (r: Rename): string => observed.map((o) => mark(densityTerm(o), `\\log ${dens(o, r)}`)).join(' + ');

  if (settings.kind === 'iwae') {
    const vars = [...observed.map((o) => o.variable), ...latents.map((l) => l.prior.variable)];
    // q is over ζ for a transformed latent: the weight's numerator is p's density of ζ.
    const jacobians = sampled.filter((l) => l.transform !== 'none').map((l) => `\\,${jacobianLatex(drawn(l.posterior!.variable))}`).join('');
    const joint = `${density('p', vars.map(drawn), input.sideInformation)}${jacobians}`;
    const numerator = summedOut.length ? `\\sum_{${summedOut.map((l) => l.prior.variable).join(', ')}} ${joint}` : joint;
    if (sampled.length === 0) {
      // Nothing is drawn: every weight is the marginal likelihood itself, and the bound is exact for any S.
      const latex = `\\mathcal{L}_{S}(\\theta) = \\log ${numerator}`;
      return { kind: 'iwae', settings, latex, where: [`S = ${S}\\text{; no latent is sampled, so the bound is } \\log ${density('p', observed.map((o) => o.variable), input.sideInformation)} \\text{ for any } S`], reconstruction, kl: [] };
    }
    const denominator = sampled.map((l) => mark(densityTerm(l.posterior!), dens(l.posterior!, drawn))).join('\\,');
    const latex = `\\mathcal{L}_{S}(\\theta, \\lambda) = \\mathbb{E}\\left[\\log \\frac{1}{S}\\sum_{s=1}^{S} \\frac{${numerator}}{${denominator}}\\right]`;
    const draws = sampled.map((l) => `${l.posterior!.variable}^{(s)} \\sim ${l.posterior!.density}`).join(', \\; ');
    return { kind: 'iwae', settings, latex, where: [`${draws}, \\; S = ${S}`, ...transformLines], reconstruction, kl: [] };
  }

  if (summedOut.length > 0) {
    // The engine's marginalised bound: a logsumexp over the configurations of the latents summed out.
    const inner = (r: Rename): string => {
      const priors = summedOut.map((l) => mark(densityTerm(l.prior), l.prior.density)).join('\\,');
      const lik = observed.map((o) => mark(densityTerm(o), dens(o, r))).join('\\,');
      const ratios = sampled.map((l) => mark(klTerm(l.prior, l.posterior!), `\\frac{${priorOfDraw(l, r)}}{${dens(l.posterior!, r)}}`)).join('\\,');
      return `\\log \\sum_{${summedOut.map((l) => l.prior.variable).join(', ')}} ${[priors, lik, ratios].filter(Boolean).join('\\,')}`;
    };
    const kl: KlTerm[] = latents.map((l) => ({
      nodeId: l.nodeId,
      latent: l.prior.variable,
      form: l.klForm,
      latex: l.posterior ? `\\frac{${l.prior.density}}{${l.posterior.density}}` : `\\sum_{${l.prior.variable}} ${l.prior.density}`,
    }));
    if (settings.beta !== 1 || settings.warmupSteps > 0 || settings.freeBits > 0) where.push('\\beta\\text{, warm-up and free bits do not apply: the latents summed out make the bound exact in them}');
    where.push(...transformLines);
    // Without any posterior there is no λ: the bound is log p(x), a function of θ alone.
    const args = withQ.length ? '\\theta, \\lambda' : '\\theta';
    return { kind: 'elbo', settings, latex: `\\mathcal{L}(${args}) = ${expect(inner)}`, where, reconstruction, kl };
  }

  // ELBO with every latent either sampled from q or enumerated under q.
  const enumPrefix = enumQ.map((l) => `\\sum_{${l.posterior!.variable}} ${l.posterior!.density}\\,`).join('');
  const rec = `${enumPrefix}${expect(observedLog)}`;
  const beta = betaSymbol(settings);
  const kl: KlTerm[] = withQ.map((l) => ({ nodeId: l.nodeId, latent: l.prior.variable, form: l.klForm, latex: klLatex(l, S, latents) }));
  const penalty = (l: ObjectiveLatent, k: string): string => {
    // A global latent's KL is shared by the N examples (free bits are refused for it).
    if (l.global) return `${beta ? `${beta}\\,` : ''}\\frac{1}{N}\\,${k}`;
    if (settings.freeBits <= 0) return `${beta ? `${beta}\\,` : ''}${k}`;
    if (settings.freeBitsPer === 'example') return `${beta ? `${beta}\\,` : ''}\\max(\\lambda, ${k})`;
    const D = l.size ?? 'D';
    return `${beta ? `${beta}` : ''}\\sum_{d=1}^{${D}} \\max(\\lambda, \\overline{\\mathrm{KL}}_{d}(${l.posterior!.density} \\,\\|\\, ${l.prior.density}))`;
  };
  const penalties = withQ.map((l, i) => mark(klTerm(l.prior, l.posterior!), penalty(l, kl[i]!.latex)));
  if (settings.warmupSteps > 0) where.push(`\\beta_t = ${num(settings.beta)} \\cdot \\min(1, t / ${num(settings.warmupSteps)})`);
  else if (settings.beta !== 1) where.push(`\\beta = ${num(settings.beta)}`);
  if (settings.freeBits > 0) {
    where.push(`\\lambda = ${num(settings.freeBits)} \\text{ nats ${settings.freeBitsPer === 'example' ? 'per example' : 'per dimension'}}`);
    if (settings.freeBitsPer === 'dimension') where.push('\\overline{\\mathrm{KL}}_{d}\\colon \\text{the KL of dimension } d \\text{, averaged over the batch before the clamp}');
  }
  where.push(...transformLines);
  const global = withQ.filter((l) => l.global).map((l) => l.prior.variable);
  if (global.length) where.push(`N\\colon \\text{number of training examples, all sharing } ${global.join(', ')}`);
  const latex = `\\mathcal{L}(\\theta, \\lambda) = ${rec} - ${penalties.join(' - ')}`;
  return { kind: 'elbo', settings, latex, where, reconstruction, kl };
}
