import type { ModelMaths } from './types';

/** Every LaTeX string of the maths, one display formula each, in reading order (each renders on its own). */
export function mathsFormulas(m: ModelMaths): string[] {
  return [
    m.joint,
    ...m.model.map((f) => f.latex),
    ...(m.posteriorJoint ? [m.posteriorJoint] : []),
    ...m.posterior.map((f) => f.latex),
    m.objective.latex,
    ...m.objective.where,
    ...m.estimators.flatMap((e) => e.lines),
  ];
}

/**
 * The maths as a LaTeX text: a `%` comment heading each part, then one display formula per line
 * (what `latent-studio maths` prints). Parts without content (no latent: no posterior, no
 * estimators) are left out.
 */
export function mathsLatex(m: ModelMaths): string {
  const parts: string[] = ['% generative model', m.joint, ...m.model.map((f) => f.latex)];
  if (m.posterior.length) parts.push('% approximate posterior', ...(m.posteriorJoint ? [m.posteriorJoint] : []), ...m.posterior.map((f) => f.latex));
  parts.push(`% objective (${m.objective.kind})`, m.objective.latex, ...m.objective.where);
  if (m.estimators.length) parts.push('% gradient estimators', ...m.estimators.flatMap((e) => e.lines));
  return `${parts.join('\n')}\n`;
}
