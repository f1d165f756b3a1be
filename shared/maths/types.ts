import type { Baseline, Estimator } from '../graph/catalog/random-variable';
import type { ObjectiveSettings } from '../graph/document';
import type { KlForm } from '../graph/kl-form';
import type { Problem } from '../graph/problems';
import type { Family } from '../graph/values';
import type { ParameterMaths } from './families';

/** A piece of the equations and the node it comes from (the panel highlights it, or selects the node). */
export interface MathsTerm {
  readonly nodeId: string;
  readonly latex: string;
}

/** One factor of p or q: a random variable, its family and its parameters (who computes each). */
export interface FactorMaths extends MathsTerm {
  /** The variable's symbol as written (z, x, \mathrm{label}). */
  readonly variable: string;
  readonly role: 'prior' | 'likelihood' | 'posterior';
  /** The posterior's node: for a posterior factor, `nodeId` is the latent's and this the q node's. */
  readonly distributionNodeId: string;
  readonly family: Family;
  /** The variables and data inputs it is conditioned on, as written. */
  readonly given: readonly string[];
  readonly parameters: readonly ParameterMaths[];
  /** The density as written in products and KLs: p(x \mid z), q(z \mid x). */
  readonly density: string;
  /** The distribution alone: \mathcal{N}(0, I). */
  readonly distribution: string;
}

/** A latent's KL term, and how the objective computes it (the rule shared with the engine, `klFormOf`). */
export interface KlTerm extends MathsTerm {
  readonly latent: string;
  readonly form: KlForm;
}

/** The gradient estimator of a latent, with its settings. */
export interface EstimatorMaths extends MathsTerm {
  readonly latent: string;
  readonly estimator: Estimator;
  readonly baseline?: Baseline;
  readonly baselineDecay?: number;
  /** Relaxed and straight-through: the temperature schedule τ_t = max(min, start · e^{−decay·t}). */
  readonly temperature?: { readonly start: number; readonly min: number; readonly decay: number };
  /** Lines of LaTeX: the estimator, then what its symbols stand for. */
  readonly lines: readonly string[];
}

/** What training maximises, as the settings make it. */
export interface ObjectiveMaths {
  /** 'log-likelihood': no latent (maximum likelihood). */
  readonly kind: 'log-likelihood' | ObjectiveSettings['kind'];
  readonly settings: ObjectiveSettings;
  /** The objective, one line. */
  readonly latex: string;
  /** What its symbols stand for (β_t, λ, z^{(s)} ~ q), one line each. */
  readonly where: readonly string[];
  /** Each observed variable's log-likelihood term. */
  readonly reconstruction: readonly MathsTerm[];
  /** Each latent's KL term (none in the IWAE bound, which has no KL). */
  readonly kl: readonly KlTerm[];
}

/** The equations of a valid graph. */
export interface ModelMaths {
  /** p(x, z \mid \theta) = p(z)\,p(x \mid z). */
  readonly joint: string;
  /** Priors of latents (in graph order), then likelihoods of observed variables. */
  readonly model: readonly FactorMaths[];
  /** q(z_1, z_2 \mid x) = q(z_1 \mid x)\,q(z_2 \mid x) when several latents have posteriors; null otherwise. */
  readonly posteriorJoint: string | null;
  readonly posterior: readonly FactorMaths[];
  readonly objective: ObjectiveMaths;
  readonly estimators: readonly EstimatorMaths[];
}

/** The maths of a graph, or the problem that stops it (never half-right equations). */
export type MathsResult =
  | { readonly ok: true; readonly maths: ModelMaths }
  | { readonly ok: false; readonly problem: Problem };
