import type { ConstraintTransform } from '../graph/constraint-transform';

/** A constraint transform other than none (ADVI: the latent is T⁻¹(ζ) for an unconstrained ζ). */
export type Transform = Exclude<ConstraintTransform, 'none'>;

/** The unconstrained variable of a latent: ζ_z. */
export function zetaOf(latent: string): string {
  return `\\zeta_{${latent}}`;
}

/** T⁻¹(ζ) as written: \exp(ζ), \operatorname{softplus}(ζ), \operatorname{sigmoid}(ζ). */
export function inverseLatex(t: Transform, zeta: string): string {
  return t === 'exp' ? `\\exp(${zeta})` : `\\operatorname{${t}}(${zeta})`;
}

/** |det J_{T⁻¹}(ζ)| as written in a density. */
export function jacobianLatex(zeta: string): string {
  return `\\left|\\det J_{T^{-1}}(${zeta})\\right|`;
}

/**
 * log |det J_{T⁻¹}(ζ)| in closed form (the Jacobian is diagonal): ζ for exp, log sigmoid(ζ) for
 * softplus, log sigmoid(ζ) + log(1 − sigmoid(ζ)) for sigmoid; summed over the components d of a
 * latent of more than one dimension.
 */
export function logDetLatex(t: Transform, zeta: string, size: number | null): string {
  const one = size === 1;
  const z = one ? zeta : zeta.replace(/\}$/, ', d}');
  const term = t === 'exp' ? z : t === 'softplus' ? `\\log \\operatorname{sigmoid}(${z})` : `\\log \\operatorname{sigmoid}(${z}) + \\log(1 - \\operatorname{sigmoid}(${z}))`;
  return one ? term : `\\sum_{d} ${t === 'sigmoid' ? `(${term})` : term}`;
}

/** The objective's line about a transformed latent: z = T⁻¹(ζ) = exp(ζ), log |det J| = ζ. */
export function transformWhere(t: Transform, latent: string, zeta: string, size: number | null): string {
  return `${latent} = T^{-1}(${zeta}) = ${inverseLatex(t, zeta)}, \\quad \\log${jacobianLatex(zeta)} = ${logDetLatex(t, zeta, size)}`;
}
