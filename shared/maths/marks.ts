import { unique } from './expressions';
import type { FactorMaths } from './types';

/**
 * A piece of a formula that comes from a node, as the maths panel marks it: clicking it selects
 * `nodeId`; selecting any of `nodes` highlights it.
 */
export interface MarkedTerm {
  /** The node a click on the term selects. */
  readonly nodeId: string;
  /** The nodes whose selection highlights the term: its variable's and the nodes computing its parameters. */
  readonly nodes: readonly string[];
  /** What the term is of its node: a factor's density (prior, likelihood, posterior) or a latent's KL. */
  readonly role: FactorMaths['role'] | 'kl';
}

/** Wraps the LaTeX of a term as coming from a node, or leaves it as it is (the CLI's text). */
export type Mark = (term: MarkedTerm, latex: string) => string;

/** No marks: the LaTeX as `latent-studio maths` prints it. */
export const unmarked: Mark = (_term, latex) => latex;

/** A formula whose terms are marked: `\htmlData{term=i}{…}` is `terms[i]`. */
export interface MarkedFormula {
  readonly latex: string;
  readonly terms: readonly MarkedTerm[];
}

/**
 * Writes a formula with its terms marked by KaTeX's `\htmlData{term=<i>}{…}` (rendered as a
 * `data-term` attribute). Only the index enters the LaTeX: node ids are user text of any kind, so
 * they stay in `terms` and never need escaping.
 */
export function markedFormula(write: (mark: Mark) => string): MarkedFormula {
  const terms: MarkedTerm[] = [];
  const latex = write((term, inner) => {
    terms.push(term);
    return `\\htmlData{term=${terms.length - 1}}{${inner}}`;
  });
  return { latex, terms };
}

/** The nodes a factor is written from: its variable's node, its distribution's node, and the nodes computing its parameters. */
export function factorNodes(f: FactorMaths): string[] {
  return unique([f.nodeId, f.distributionNodeId, ...f.parameters.flatMap((p) => p.nodeIds)]);
}

/** A factor's density as a term: a posterior's selects its q node, a prior's or likelihood's the variable. */
export function densityTerm(f: FactorMaths): MarkedTerm {
  return { nodeId: f.role === 'posterior' ? f.distributionNodeId : f.nodeId, nodes: factorNodes(f), role: f.role };
}

/** A latent's KL(q ‖ p) as a term: it selects the latent, and is highlighted by what writes either factor. */
export function klTerm(prior: FactorMaths, posterior: FactorMaths): MarkedTerm {
  return { nodeId: prior.nodeId, nodes: unique([...factorNodes(prior), ...factorNodes(posterior)]), role: 'kl' };
}
