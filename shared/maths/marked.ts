import type { Analysis } from '../graph/analyze';
import type { ObjectiveSettings } from '../graph/document';
import type { Problem } from '../graph/problems';
import { firstError, mathsOf } from './describe';
import { jointLatex, posteriorJointLatex } from './joint';
import { markedFormula, type MarkedFormula } from './marks';
import { objectiveOf } from './objective';
import type { ModelMaths } from './types';

/**
 * The formulas that hold terms of several nodes, written again with each term marked (see
 * marks.ts), for the panel to highlight and click: the joint, the posterior's product and the
 * objective. Every other formula is one node's (a factor, an estimator) and is used as it is.
 */
export interface MarkedMaths {
  readonly joint: MarkedFormula;
  /** Null when fewer than two latents have a posterior (as `ModelMaths.posteriorJoint`). */
  readonly posteriorJoint: MarkedFormula | null;
  readonly objective: MarkedFormula;
}

/** The maths of a graph and its marked formulas, or the problem that stops it. */
export type MarkedMathsResult =
  | { readonly ok: true; readonly maths: ModelMaths; readonly marked: MarkedMaths }
  | { readonly ok: false; readonly problem: Problem };

/**
 * {@link mathsOfAnalysis} with the marked formulas beside the maths. Without the marks
 * (`\htmlData{term=i}{…}` unwrapped) each marked formula is the maths's own, character for character.
 */
export function markedMathsOfAnalysis(analysis: Analysis, settings: ObjectiveSettings): MarkedMathsResult {
  const problem = firstError(analysis);
  if (problem) return { ok: false, problem };
  const { maths, objectiveInput } = mathsOf(analysis, settings);
  const posteriorJoint = maths.posteriorJoint === null ? null : markedFormula((mark) => posteriorJointLatex(maths.posterior, mark)!);
  return {
    ok: true,
    maths,
    marked: {
      joint: markedFormula((mark) => jointLatex(maths.model, objectiveInput.sideInformation, mark)),
      posteriorJoint,
      objective: markedFormula((mark) => objectiveOf(objectiveInput, mark).latex),
    },
  };
}
