import type { Dataset } from '../data/dataset';
import type { CompiledModel } from '../compile/model';

/**
 * The number of tokens the log-likelihood scores in the first `examples` rows of `split`: for each
 * observed Categorical over a bag of words, the sum of its counts (a document's tokens, each scored
 * once). Null when some observed variable scores something else (a label beside the words), since
 * the log-likelihood is then not of tokens alone, or when none scores tokens: no perplexity applies.
 */
export function tokensScored(model: Pick<CompiledModel, 'observed'>, split: Dataset, examples: number): number | null {
  let tokens: number | null = null;
  for (const a of model.observed) {
    const value = a.inputs.value?.[0];
    if (a.kind.family?.family !== 'categorical' || value?.type.domain !== 'count') return null;
    const column = split.columns[value.sourcePort];
    if (!column) throw new Error(`internal: the data set has no column '${value.sourcePort}' for ${a.node.name}`);
    const n = Math.min(examples, split.length) * column.size;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += column.values[i]!;
    tokens = (tokens ?? 0) + sum;
  }
  return tokens;
}

/** Perplexity exp(−Σ log p / Σ tokens) from a mean log-likelihood per example over `examples` examples. */
export function perplexity(meanLogLikelihood: number, examples: number, tokens: number): number {
  if (!(tokens > 0)) throw new Error(`perplexity needs at least one token, got ${tokens}`);
  return Math.exp((-meanLogLikelihood * examples) / tokens);
}
