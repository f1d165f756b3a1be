import type { ObjectiveSettings } from '../../../shared/graph/index';
import { ElboObjective } from './elbo';
import { IwaeObjective } from './iwae';
import type { Objective } from './objective';

export type { Objective, Report, StepContext, StepOutput } from './objective';
export { elboTerms, type ElboTerms } from './elbo-terms';
export { logWeights, logMeanExp } from './log-weights';
export { betaAt } from './elbo';

/** The objective of the training settings (one class per kind, as the optimisers are). */
export function createObjective(settings: ObjectiveSettings): Objective {
  switch (settings.kind) {
    case 'elbo':
      return new ElboObjective(settings);
    case 'iwae':
      return new IwaeObjective(settings);
  }
}
