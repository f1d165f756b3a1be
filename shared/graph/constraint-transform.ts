import type { Domain } from './values';

/**
 * ADVI's constraint transforms (Kucukelbir et al., 2017): a latent whose prior lives on a
 * constrained support is written z = T⁻¹(ζ) for an unconstrained ζ ∈ ℝ, and its approximate
 * posterior q(ζ) is over ζ. The objective is E_q(ζ)[log p(x, T⁻¹(ζ)) + log |det J_{T⁻¹}(ζ)|] + H(q).
 *
 * - `exp`: z = exp(ζ) > 0, log |dz/dζ| = ζ;
 * - `softplus`: z = log(1 + e^ζ) > 0, log |dz/dζ| = log σ(ζ);
 * - `sigmoid`: z = σ(ζ) ∈ (0, 1), log |dz/dζ| = log σ(ζ) + log(1 − σ(ζ)).
 */
export const CONSTRAINT_TRANSFORMS = ['none', 'exp', 'softplus', 'sigmoid'] as const;
export type ConstraintTransform = (typeof CONSTRAINT_TRANSFORMS)[number];

/** The support T⁻¹ maps ℝ onto: the prior of a latent with this transform must live there. */
export function transformImage(t: Exclude<ConstraintTransform, 'none'>): Domain {
  return t === 'sigmoid' ? 'unit' : 'positive';
}

/** The transforms whose image is a support (what the analysis proposes for a prior over it). */
export function transformsOnto(d: Domain): Array<Exclude<ConstraintTransform, 'none'>> {
  return (['exp', 'softplus', 'sigmoid'] as const).filter((t) => transformImage(t) === d);
}

/** The transform of a latent's params ('none' when unset or not a latent). */
export function transformOf(params: { role?: string; transform?: ConstraintTransform | undefined }): ConstraintTransform {
  return params.role === 'latent' ? (params.transform ?? 'none') : 'none';
}

/** z = T⁻¹(ζ), for the node's summary and the inspector: "z = exp(ζ)". */
export function describeTransform(t: Exclude<ConstraintTransform, 'none'>): string {
  return t === 'sigmoid' ? 'σ(ζ)' : `${t}(ζ)`;
}
