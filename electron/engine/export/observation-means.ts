import type { CompiledModel } from '../compile/model';

/**
 * An extra output of an exported network: the mean of the observed variable one of its heads
 * parameterises, so the exported decoder gives what people want from it (pixel probabilities,
 * class probabilities) beside the raw head (logits).
 */
export interface MeanOutput {
  /** The head whose output the mean is computed from. */
  readonly head: string;
  /** The output's name: `<observed>_mean` (Bernoulli) or `<observed>_probs` (Categorical). */
  readonly name: string;
  readonly activation: 'sigmoid' | 'softmax';
}

/**
 * The means to add to network `networkId`'s export: one for each observed Bernoulli or Categorical
 * whose logits come straight from one of its heads. A Normal's mean is its loc head already, so it
 * needs none.
 */
export function observationMeans(model: CompiledModel, networkId: string): MeanOutput[] {
  const out: MeanOutput[] = [];
  for (const a of model.observed) {
    const logits = a.inputs.logits?.[0];
    if (!logits || logits.sourceNodeId !== networkId) continue;
    if (a.kind.kind === 'dist.bernoulli') out.push({ head: logits.sourcePort, name: `${a.node.name}_mean`, activation: 'sigmoid' });
    else if (a.kind.kind === 'dist.categorical') out.push({ head: logits.sourcePort, name: `${a.node.name}_probs`, activation: 'softmax' });
  }
  return out;
}
