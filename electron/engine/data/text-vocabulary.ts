import { PAD_ID, RESERVED_TOKENS, UNKNOWN_ID } from '../../../shared/graph/catalog/text';

/** Ids 0 and 1 are padding and the unknown token; then the training words, most frequent first. */
export interface Vocabulary {
  /** `words[id]`: the word of each id (words[0] is the padding, words[1] the unknown token). */
  readonly words: readonly string[];
  /** The id of a word; a word outside the vocabulary has the unknown token's id. */
  idOf(word: string): number;
}

export const PAD_WORD = '<pad>';

/** Options of `buildVocabulary`. */
export interface VocabularyOptions {
  /** Ids in all, the two reserved ones included. */
  readonly size: number;
  readonly minCount: number;
  readonly unknownToken: string;
}

/** Why a vocabulary of the asked size cannot be built from these lines. */
export class VocabularyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VocabularyError';
  }
}

/**
 * The vocabulary of the training lines: the `size − 2` most frequent words occurring at least
 * `minCount` times (ties in code-unit order, so it is a function of the lines alone), after the
 * padding and the unknown token. Every id is used: when fewer words qualify than the size asks
 * for, it throws, saying how many do, since ids that no training word has would be dead outputs of
 * every softmax over the vocabulary.
 *
 * @throws VocabularyError when fewer than `size − 2` words occur `minCount` times
 */
export function buildVocabulary(lines: Iterable<readonly string[]>, options: VocabularyOptions): Vocabulary {
  return vocabularyFromCounts(countWords(lines, options.unknownToken), options);
}

/** How often each word occurs in the lines, the unknown token left out (it is no word of the vocabulary's). */
export function countWords(lines: Iterable<readonly string[]>, unknownToken: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tokens of lines) for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  counts.delete(unknownToken);
  return counts;
}

/**
 * The words occurring at least `minCount` times, most frequent first (ties in code-unit order): the
 * order in which the vocabulary takes them.
 */
export function rankWords(counts: ReadonlyMap<string, number>, minCount: number): [word: string, count: number][] {
  const eligible = [...counts].filter(([, c]) => c >= minCount);
  eligible.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return eligible;
}

/** `buildVocabulary` from the word counts of `countWords`. @throws VocabularyError as buildVocabulary */
export function vocabularyFromCounts(counts: ReadonlyMap<string, number>, options: VocabularyOptions): Vocabulary {
  const eligible = rankWords(counts, options.minCount);
  const want = options.size - RESERVED_TOKENS;
  if (eligible.length < want) {
    throw new VocabularyError(
      `the training lines have ${eligible.length.toLocaleString('en')} distinct words occurring at least ${options.minCount} time${options.minCount === 1 ? '' : 's'}, too few for a vocabulary of ${options.size.toLocaleString('en')} ids: set the vocabulary size to at most ${(eligible.length + RESERVED_TOKENS).toLocaleString('en')} or lower the minimum count`,
    );
  }
  const words = [PAD_WORD, options.unknownToken, ...eligible.slice(0, want).map(([w]) => w)];
  const ids = new Map(words.map((w, i) => [w, i]));
  ids.delete(PAD_WORD); // the padding is no word: "<pad>" asked for by name is unknown
  ids.set(options.unknownToken, UNKNOWN_ID);
  return { words, idOf: (w) => ids.get(w) ?? UNKNOWN_ID };
}

export { PAD_ID, UNKNOWN_ID };
