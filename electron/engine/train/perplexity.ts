import type { Dataset } from '../data/dataset';
import type { CompiledModel } from '../compile/model';

/**
 * The number of tokens the log-likelihood scores in the first `examples` rows of `split`: for each
 * observed Categorical over a bag of words, the sum of its counts (a document's tokens, each scored
 * once); for one observing a sentence (a sequence of ids), its positions up to and including the
 * end token (id 0), as `CategoricalSequence` scores them: the end counts as a token. Null when some
 * observed variable scores something else (a label beside the words), since the log-likelihood is
 * then not of tokens alone, or when none scores tokens: no perplexity applies.
 */
export function tokensScored(model: Pick<CompiledModel, 'observed'>, split: Dataset, examples: number): number | null {
  let tokens: number | null = null;
  for (const a of model.observed) {
    const value = a.inputs.value?.[0];
    const sequence = value?.type.domain === 'index' && (value.type.size ?? 1) > 1;
    if (a.kind.family?.family !== 'categorical' || (value?.type.domain !== 'count' && !sequence)) return null;
    const column = split.columns[value!.sourcePort];
    if (!column) throw new Error(`internal: the data set has no column '${value!.sourcePort}' for ${a.node.name}`);
    const rows = Math.min(examples, split.length);
    tokens = (tokens ?? 0) + (sequence ? sentenceTokens(column.values, column.size, rows) : countTokens(column.values, rows * column.size));
  }
  return tokens;
}

/** The sum of the first `n` counts. */
function countTokens(values: Float32Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return sum;
}

/** The positions scored in the first `rows` sentences of `size` ids: each sentence's words and its end token (the first id 0). */
export function sentenceTokens(values: Float32Array, size: number, rows: number): number {
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    let t = 0;
    while (t < size && values[r * size + t] !== 0) t++;
    sum += Math.min(t + 1, size);
  }
  return sum;
}

/** Perplexity exp(−Σ log p / Σ tokens) from a mean log-likelihood per example over `examples` examples. */
export function perplexity(meanLogLikelihood: number, examples: number, tokens: number): number {
  if (!(tokens > 0)) throw new Error(`perplexity needs at least one token, got ${tokens}`);
  return Math.exp((-meanLogLikelihood * examples) / tokens);
}
