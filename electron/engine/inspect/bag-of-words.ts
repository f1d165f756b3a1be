import type { AnalyzedNode } from '../../../shared/graph/index';
import type { Inspection } from '../../../shared/protocol/runs';
import { PriorDependsOnDataError, type CompiledModel } from '../compile/model';
import type { Dataset, DataSplits } from '../data/dataset';
import { PAD_ID } from '../data/text-vocabulary';
import { sampleFromPrior } from './generate';
import { reconstruct } from './reconstruct';
import { firstRows } from './rows';
import { disposingScope } from '../scope';

type WordProbability = { readonly word: string; readonly p: number };

/** The observed Categorical that scores a bag of words (bound to a count column), if the model has one. */
export function bagOfWordsObserved(model: CompiledModel): AnalyzedNode | undefined {
  return model.observed.find((a) => a.kind.family?.family === 'categorical' && a.inputs.value?.[0]?.type.domain === 'count');
}

/** The words of a text data set's ids, when the data set is text. */
export function vocabularyOf(ds: Dataset): readonly string[] | undefined {
  const v = (ds as Dataset & { vocabulary?: unknown }).vocabulary;
  return Array.isArray(v) ? (v as string[]) : undefined;
}

/** The `k` most probable words of each row of `probs` (`rows × V`), most probable first (ties: lower id). */
export function topWords(probs: Float32Array, V: number, vocabulary: readonly string[], k: number): WordProbability[][] {
  const rows = probs.length / V;
  const out: WordProbability[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = probs.subarray(r * V, (r + 1) * V);
    const ids = Array.from({ length: V }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b);
    out.push(ids.slice(0, Math.min(k, V)).map((i) => ({ word: vocabulary[i] ?? `#${i}`, p: row[i]! })));
  }
  return out;
}

/** The first tokens of a held-out line, as text (the line cut at the data node's maximum length). */
function lineText(ds: Dataset, vocabulary: readonly string[], r: number): string {
  const tokens = ds.columns.tokens;
  if (!tokens) return '';
  const ids = Array.from(tokens.values.subarray(r * tokens.size, (r + 1) * tokens.size)).filter((id) => id !== PAD_ID);
  return ids.map((id) => vocabulary[id] ?? `#${id}`).join(' ');
}

/**
 * The bag-of-words section of an inspection: the `words` most probable words for `n` draws from the
 * prior, and for the first `n` held-out documents beside their text. Null when the model is not a
 * bag-of-words model or its numbers are not finite. Reconstructions are left out when a latent
 * has no posterior (summed out); samples when the prior cannot be drawn alone.
 */
export function bagOfWordsSection(
  model: CompiledModel,
  data: DataSplits,
  options: { readonly n: number; readonly words: number; readonly priorSeed: number; readonly reconstructionSeed: number },
  withoutPosteriorAsNull: <T>(fn: () => T) => T | null,
): NonNullable<Inspection['bagOfWords']> | null {
  const a = bagOfWordsObserved(model);
  const vocabulary = vocabularyOf(data.heldOut);
  if (!a || !vocabulary || model.latents.length === 0) return null;
  const name = a.node.name;
  const V = vocabulary.length;
  let prior: WordProbability[][] = [];
  try {
    const g = sampleFromPrior(model, { n: options.n, seed: options.priorSeed })[name];
    if (g && g.size === V) prior = topWords(g.mean, V, vocabulary, options.words);
  } catch (e) {
    // A prior that reads the data cannot be drawn from alone: the samples are left out.
    if (!(e instanceof PriorDependsOnDataError)) throw e;
  }
  const rows = Math.min(options.n, data.heldOut.length);
  const r = rows < 1 ? null : withoutPosteriorAsNull(() => disposingScope(() => reconstruct(model, firstRows(model, data.heldOut, rows), { seed: options.reconstructionSeed, useMean: true })[name]));
  const reconstructions = r && r.size === V ? topWords(r.reconstruction, V, vocabulary, options.words).map((words, i) => ({ text: lineText(data.heldOut, vocabulary, i), words })) : [];
  const finite = [...prior, ...reconstructions.map((x) => x.words)].every((ws) => ws.every((w) => Number.isFinite(w.p)));
  if (!finite || (prior.length === 0 && reconstructions.length === 0)) return null;
  return { observed: name, prior, reconstructions };
}
