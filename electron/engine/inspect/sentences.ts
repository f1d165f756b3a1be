import type { AnalyzedNode } from '../../../shared/graph/index';
import type { Inspection } from '../../../shared/protocol/runs';
import { PriorDependsOnDataError, type CompiledModel } from '../compile/model';
import type { DataSplits } from '../data/dataset';
import { PAD_ID } from '../data/text-vocabulary';
import { disposingScope } from '../scope';
import { vocabularyOf } from './bag-of-words';
import { firstRows, readFloats } from './rows';

/** The observed Categorical that scores sentences (bound to a sequence of ids), if the model has one. */
export function sentenceObserved(model: CompiledModel): AnalyzedNode | undefined {
  return model.observed.find((a) => {
    const t = a.inputs.value?.[0]?.type;
    return a.kind.family?.family === 'categorical' && t?.domain === 'index' && (t.size ?? 1) > 1;
  });
}

/** Each row of ids `[rows × T]` as text: its words up to its end token (the first id 0). */
export function sentencesOf(ids: Float32Array, T: number, vocabulary: readonly string[]): string[] {
  const out: string[] = [];
  for (let r = 0; r < ids.length / T; r++) {
    const words: string[] = [];
    for (let t = 0; t < T; t++) {
      const id = Math.round(ids[r * T + t]!);
      if (id === PAD_ID) break;
      words.push(vocabulary[id] ?? `#${id}`);
    }
    out.push(words.join(' '));
  }
  return out;
}

/**
 * The sentences section of an inspection: `n` sentences generated from the prior (z ~ p(z), each
 * token drawn given the ones before, to the end token), and the first `n` held-out sentences beside
 * two decodings of their code: greedy from z = E_q[z] (the most probable token at each step), and
 * drawn from z ~ q(z | x). Null when the model does not observe sentences. Reconstructions are left
 * out when a latent has no posterior; prior sentences when the prior cannot be drawn alone.
 */
export function sentencesSection(
  model: CompiledModel,
  data: DataSplits,
  options: { readonly n: number; readonly priorSeed: number; readonly reconstructionSeed: number },
  withoutPosteriorAsNull: <T>(fn: () => T) => T | null,
): NonNullable<Inspection['sentences']> | null {
  const a = sentenceObserved(model);
  const vocabulary = vocabularyOf(data.heldOut);
  const column = a?.inputs.value?.[0]?.sourcePort;
  if (!a || !vocabulary || !column || model.latents.length === 0) return null;
  const name = a.node.name;
  let prior: string[] = [];
  try {
    prior = disposingScope(() => {
      const x = model.forward({ latents: 'prior', outputs: 'observed-samples', seed: options.priorSeed, rows: options.n }).observed[name];
      return x ? sentencesOf(readFloats(x), x.shape[1]!, vocabulary) : [];
    });
  } catch (e) {
    // A prior that reads the data cannot be drawn from alone: the samples are left out.
    if (!(e instanceof PriorDependsOnDataError)) throw e;
  }
  const rows = Math.min(options.n, data.heldOut.length);
  const decoded = rows < 1 ? null : withoutPosteriorAsNull(() => disposingScope(() => {
    const batch = firstRows(model, data.heldOut, rows);
    const greedy = model.forward({ latents: 'posterior-mean', outputs: 'observed', seed: options.reconstructionSeed, batch }).observed[name];
    const sampled = model.forward({ latents: 'posterior', outputs: 'observed-samples', seed: options.reconstructionSeed, batch }).observed[name];
    const input = batch[column];
    if (!greedy || !sampled || !input) return null;
    const T = input.shape[1]!;
    const [texts, g, s] = [input, greedy, sampled].map((t) => sentencesOf(readFloats(t), T, vocabulary)) as [string[], string[], string[]];
    return texts.map((text, i) => ({ text, greedy: g[i]!, sampled: s[i]! }));
  }));
  const reconstructions = decoded ?? [];
  if (prior.length === 0 && reconstructions.length === 0) return null;
  return { observed: name, prior, reconstructions };
}
