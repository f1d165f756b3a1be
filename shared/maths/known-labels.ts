import { density, num } from './latex';
import { densityTerm, klTerm, type Mark } from './marks';
import type { ObjectiveInput, ObjectiveLatent } from './objective';
import type { KlTerm, ObjectiveMaths } from './types';

/**
 * The semi-supervised objective (M2, Kingma et al., 2014) of a graph with a latent observed where
 * its label is known, in two cases as the engine computes it (`objectives/known-labels.ts`): on a
 * labelled row, the bound ℒ(x, y) of the joint with y observed plus α log q(y | x); on an
 * unlabelled one, Σ_y q(y | x) ℒ(x, y) + H(q(y | x)). `rest` writes the bound of the other latents
 * given y (the ordinary ELBO of the graph with y observed): ℒ(x, y) adds log p(y) to it.
 */
export function knownLabelObjective(input: ObjectiveInput, known: ObjectiveLatent, rest: (mark: Mark) => ObjectiveMaths, mark: Mark): ObjectiveMaths {
  const y = known.prior.variable;
  const q = known.posterior!;
  const vars = [...input.observed.map((o) => o.variable)];
  const bound = `\\mathcal{L}(${[...vars, y].join(', ')})`;
  // Each occurrence is a term of its own (the panel numbers marks in order of appearance).
  const qOf = (): string => mark(densityTerm(q), q.density);
  const alpha = num(known.known!.alpha);
  const cases = [
    `${bound} + ${alpha === '1' ? '' : `${alpha}\\,`}\\log ${qOf()} & \\text{where } ${y} \\text{ is known}`,
    // The entropy is what is left of y's KL where it is summed over (its log p(y) sits in the bound).
    `\\sum_{${y}} ${qOf()}\\, ${bound} + ${mark(klTerm(known.prior, q), `\\mathcal{H}(${q.density})`)} & \\text{where it is not}`,
  ];
  const inner = rest(mark);
  const others = inner.latex.replace(/^\\mathcal\{L\}\([^)]*\) = /, '');
  const logPrior = mark(densityTerm(known.prior), `\\log ${known.prior.density}`);
  const latex = `\\mathcal{L}(\\theta, \\lambda) = \\begin{cases} ${cases.join(' \\\\ ')} \\end{cases} \\quad ${bound} = ${others} + ${logPrior}`;
  const where = [
    `\\mathcal{H}(${q.density}) = -\\sum_{${y}} ${q.density} \\log ${q.density}`,
    `${y}\\colon \\text{observed as } ${known.known!.column} \\text{ where it is known (not } -1\\text{), summed over with } ${density('q', [y], q.given)} \\text{ elsewhere}`,
    ...inner.where,
  ];
  const kl: KlTerm[] = [{ nodeId: known.nodeId, latent: y, form: known.klForm, latex: `\\sum_{${y}} ${q.density} \\log \\frac{${q.density}}{${known.prior.density}}` }, ...inner.kl];
  return { kind: 'elbo', settings: input.settings, latex, where, reconstruction: inner.reconstruction, kl };
}
