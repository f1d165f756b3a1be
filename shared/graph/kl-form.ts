import type { Estimator } from './catalog/random-variable';
import type { Family } from './values';

/**
 * The ordered pairs (posterior family, prior family) whose KL(q ‖ p) the engine computes in closed
 * form, in the catalog's family names (a latent Categorical is one-hot in the engine; its pair is
 * Categorical ‖ Categorical here). The engine's implementations are registered by pair in
 * `electron/engine/distributions/kl.ts`; a unit test holds the two lists equal, and the engine asks
 * this table, not its registry, whether to use one, so the maths view and training cannot disagree.
 */
export const CLOSED_FORM_KL_PAIRS: ReadonlyArray<readonly [q: Family, p: Family]> = [
  ['normal', 'normal'],
  ['bernoulli', 'bernoulli'],
  ['categorical', 'categorical'],
  ['poisson', 'poisson'],
  ['beta', 'beta'],
  ['gamma', 'gamma'],
  ['laplace', 'laplace'],
  ['lognormal', 'lognormal'],
  // Nalisnick & Smyth's series, truncated (see kl-kumaraswamy-beta.ts for its error).
  ['kumaraswamy', 'beta'],
];

/** Whether KL(q ‖ p) has a closed form for this ordered pair of families. */
export function hasClosedFormKl(q: Family, p: Family): boolean {
  return CLOSED_FORM_KL_PAIRS.some(([a, b]) => a === q && b === p);
}

/**
 * How the ELBO estimates a latent's KL(q ‖ p):
 * - `closed-form`: the pair has one, and it may be used;
 * - `monte-carlo`: log q(z) − log p(z) at the latent's draw;
 * - `exact-sum`: an enumerated latent, whose expectation is a sum over its support.
 */
export type KlForm = 'closed-form' | 'monte-carlo' | 'exact-sum';

/** What decides a latent's KL form. */
export interface KlFormInput {
  readonly estimator: Estimator;
  /** The prior's family (the latent node's). */
  readonly prior: Family;
  /** The approximate posterior's family; null when none is wired (an enumerated latent summed out). */
  readonly posterior: Family | null;
  /**
   * Whether the model sums some enumerated latents out (they have no posterior): the bound is then a
   * logsumexp over their configurations, and a closed-form KL cannot sit inside it.
   */
  readonly marginalised: boolean;
  /**
   * Whether the latent has a constraint transform (ADVI): q is then over ζ and p over z = T⁻¹(ζ), two
   * different variables, so no closed form of the pair applies; the KL is log q(ζ) − log p(T⁻¹(ζ))
   * − log |det J_{T⁻¹}(ζ)| at the draw. Absent: false.
   */
  readonly transformed?: boolean;
}

/**
 * The one rule for a latent's KL term, read by the engine (which then computes it) and by the maths
 * view (which writes it). Relaxed and straight-through latents are scored at their discrete draws
 * under their discrete q and p, so their pair's closed form applies as it does to the score function.
 */
export function klFormOf(l: KlFormInput): KlForm {
  if (l.estimator === 'enumeration') return 'exact-sum';
  if (l.marginalised || l.posterior === null || l.transformed) return 'monte-carlo';
  return hasClosedFormKl(l.posterior, l.prior) ? 'closed-form' : 'monte-carlo';
}
