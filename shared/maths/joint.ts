import { unique } from './expressions';
import { density } from './latex';
import { densityTerm, unmarked, type Mark } from './marks';
import type { FactorMaths } from './types';

/**
 * The joint as the product of its factors: p(x, z \mid \theta) = p(z)\,p(x \mid z). The variables
 * are the observed ones then the latents; the conditioning set is the side information (inputs no
 * variable observes) and θ. `mark` wraps each factor's density (see marks.ts).
 */
export function jointLatex(model: readonly FactorMaths[], sideInformation: readonly string[], mark: Mark = unmarked): string {
  const variables = [...model.filter((f) => f.role === 'likelihood'), ...model.filter((f) => f.role === 'prior')].map((f) => f.variable);
  return `${density('p', variables, [...sideInformation, '\\theta'])} = ${model.map((f) => mark(densityTerm(f), f.density)).join('\\,')}`;
}

/** The posterior as the product of its factors, when there are several: q(z_1, z_2 \mid x) = q(z_1 \mid x)\,q(z_2 \mid x); null otherwise. */
export function posteriorJointLatex(posterior: readonly FactorMaths[], mark: Mark = unmarked): string | null {
  if (posterior.length < 2) return null;
  // A factor given another's variable (q(z | x, y) beside q(y | x)) is conditioned within the joint, not outside it.
  const variables = posterior.map((f) => f.variable);
  return `${density('q', variables, unique(posterior.flatMap((f) => f.given)).filter((g) => !variables.includes(g)))} = ${posterior.map((f) => mark(densityTerm(f), f.density)).join('\\,')}`;
}
