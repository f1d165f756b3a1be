/** One problem found in a graph, pointing at what to fix. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  /** A stable code naming the kind of problem (tests and the UI key on it). */
  readonly code: ProblemCode;
  /** A sentence in the model's language, e.g. "latent z has no approximate posterior". */
  readonly message: string;
  readonly nodeId?: string;
  readonly port?: string;
  readonly edgeId?: string;
  /** For an invalid parameter: its path inside the node's params, e.g. "heads.1.size". */
  readonly param?: string;
  /** For an invalid parameter: what its field in the inspector says ("layer 1: must be at least 1"). */
  readonly fieldMessage?: string;
  /** A problem of the training settings rather than of a node or edge (`param` names the setting). */
  readonly area?: 'training';
}

export type ProblemCode =
  | 'duplicate-node-id'
  | 'duplicate-edge-id'
  | 'duplicate-name'
  | 'unknown-kind'
  | 'invalid-param'
  | 'edge-unknown-node'
  | 'edge-unknown-port'
  | 'edge-wrong-direction'
  | 'edge-flow-mismatch'
  | 'port-takes-one'
  | 'cycle'
  | 'missing-input'
  | 'latent-no-posterior'
  | 'posterior-unused'
  | 'posterior-shared'
  | 'posterior-support'
  | 'size-mismatch'
  | 'domain-mismatch'
  | 'not-positive'
  | 'estimator-unavailable'
  | 'enumeration-too-large'
  | 'estimator-objective'
  | 'no-observed'
  | 'several-datasets'
  | 'not-per-example'
  /** A latent's constraint transform does not map onto its prior's support. */
  | 'transform-support'
  /** A global latent (one value for the data set) defined by something that differs per example. */
  | 'not-global'
  | 'unused-output'
  | 'unused-node'
  | 'latent-unused'
  | 'ignores-latents'
  | 'flow-wiring'
  /** A latent observed where its label is known (semi-supervised), or a partly known label column, wired wrongly. */
  | 'known-labels'
  // Found by reading what the graph names, outside the graph analysis (the editor merges them in):
  /** A data file that is missing, unreadable, or outside what may be read. */
  | 'data-file'
  /** A data file that cannot be loaded as the node asks (a ragged row, a non-number, a missing column…). */
  | 'data-format'
  /** A training setting typed out of its range, not applied (the document keeps the last valid one). */
  | 'invalid-training-setting';

/** Collects problems while a pass walks the graph. */
export class ProblemList {
  readonly items: Problem[] = [];
  error(code: ProblemCode, message: string, at: Omit<Problem, 'severity' | 'code' | 'message'> = {}): void {
    this.items.push({ severity: 'error', code, message, ...at });
  }
  warning(code: ProblemCode, message: string, at: Omit<Problem, 'severity' | 'code' | 'message'> = {}): void {
    this.items.push({ severity: 'warning', code, message, ...at });
  }
}

/** True when none of the problems is an error (warnings do not stop training). */
export function isTrainable(problems: readonly Problem[]): boolean {
  return problems.every((p) => p.severity !== 'error');
}
