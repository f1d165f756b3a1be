import type { Problem } from '../../../shared/graph/index';
import type { NonFinite } from './diagnose';

/** The graph cannot be trained: its problems, every one. */
export class GraphInvalidError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`the graph has ${problems.filter((p) => p.severity === 'error').length} problem(s): ${problems.filter((p) => p.severity === 'error').map((p) => p.message).join('; ')}`);
    this.name = 'GraphInvalidError';
  }
}

/** Training produced NaN or ±Infinity; says where it first appeared. */
export class NonFiniteError extends Error {
  constructor(readonly step: number, readonly where: NonFinite | null, readonly lastCheckpointStep: number | null) {
    const at = where ? `${where.value} first appeared in ${where.quantity} (node ${where.nodeName})` : 'the objective is not finite';
    const kept = lastCheckpointStep === null ? 'no checkpoint was written' : `the last good checkpoint (step ${lastCheckpointStep}) is kept`;
    super(`training stopped at step ${step}: ${at}; ${kept}. A lower learning rate often helps.`);
    this.name = 'NonFiniteError';
  }
}
