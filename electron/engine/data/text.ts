/**
 * A text file as a data set: one sentence or document per line (blank lines skipped), split into
 * training and held-out lines by the seed, with a vocabulary built from the training lines only,
 * so a held-out word the training lines never had is the unknown token, as it would be for new text.
 *
 * Columns: `tokens` (the first `maxLength` ids of the line, padded with id 0), `length` (how many
 * of them are tokens), `counts` (the bag of words: every token of the whole line, by id) and
 * `sequence` (`maxLength + 1` ids: the tokens, then the end token EOS, id 0, then padding, id 0), the
 * sentence a sequence model scores, its `length + 1` positions counting the end. Lines longer than
 * `maxLength` are cut (their sequence ends after the cut) or, with `longer: 'skip'`, left out before
 * the split and the vocabulary.
 */
import { readFileSync } from 'node:fs';
import type { TextParams } from '../../../shared/graph/catalog/text';
import { createDataset, type Dataset, type DataSplits } from './dataset';
import { readFailure } from './csv';
import { heldOutRows } from './split';
import { tokenize } from './text-tokens';
import { countWords, PAD_ID, vocabularyFromCounts, type Vocabulary } from './text-vocabulary';
import { EOS_ID } from '../../../shared/graph/catalog/text';

/** A text data set, with the words of its ids (to show samples and reconstructions as text). */
export interface TextDataset extends Dataset {
  readonly vocabulary: readonly string[];
}

/** What a text data set is made with: the node's settings less the file and the split. */
export type TextOptions = Pick<TextParams, 'vocabularySize' | 'minCount' | 'unknownToken' | 'lowercase' | 'maxLength' | 'heldOutFraction' | 'seed'> & {
  /** Lines longer than `maxLength`: cut (the default) or skipped. */
  readonly longer?: TextParams['longer'];
};

/** The columns of some tokenised lines over a vocabulary. */
function textDataset(name: string, lines: readonly (readonly string[])[], vocabulary: Vocabulary, maxLength: number): TextDataset {
  const V = vocabulary.words.length;
  const n = lines.length;
  const tokens = new Float32Array(n * maxLength).fill(PAD_ID);
  const length = new Float32Array(n);
  const counts = new Float32Array(n * V);
  const T = maxLength + 1;
  // Filled with 0: padding, and the end token right after the last kept word.
  const sequence = new Float32Array(n * T).fill(EOS_ID);
  lines.forEach((line, r) => {
    line.forEach((word, i) => {
      const id = vocabulary.idOf(word);
      counts[r * V + id]! += 1;
      if (i < maxLength) {
        tokens[r * maxLength + i] = id;
        sequence[r * T + i] = id;
      }
    });
    length[r] = Math.min(line.length, maxLength);
  });
  const ds = createDataset(name, n, {
    tokens: { size: maxLength, domain: 'index', categories: V, values: tokens },
    length: { size: 1, domain: 'real', values: length },
    counts: { size: V, domain: 'real', values: counts },
    sequence: { size: T, domain: 'index', categories: V, values: sequence },
  });
  return { ...ds, vocabulary: vocabulary.words };
}

/**
 * Splits and encodes the lines of a text (see the module comment).
 *
 * @throws TextLinesError naming `shown` when the text has fewer than two non-blank lines; VocabularyError
 *   (prefixed likewise) when the training lines have too few words for the vocabulary's size
 */
export function parseText(text: string, options: TextOptions, shown: string): DataSplits & { readonly train: TextDataset; readonly heldOut: TextDataset } {
  const { train, heldOut, vocabulary } = splitText(text, options, shown);
  const name = shown.split(/[\\/]/).pop() || shown;
  return {
    train: textDataset(`${name} (train)`, train, vocabulary, options.maxLength),
    heldOut: textDataset(`${name} (held out)`, heldOut, vocabulary, options.maxLength),
  };
}

/**
 * The tokenised training and held-out lines of a text and the vocabulary of the training lines,
 * before any column is built (what checking a file needs: its columns hold lines × vocabulary
 * counts).
 *
 * @throws as parseText
 */
export function splitText(text: string, options: Omit<TextOptions, 'maxLength'> & { readonly maxLength?: number }, shown: string): { readonly train: string[][]; readonly heldOut: string[][]; readonly vocabulary: Vocabulary } {
  const { train, heldOut } = splitLines(keptLines(textLines(text, options.lowercase), options), options, shown);
  return { train, heldOut, vocabulary: vocabularyOfLines(train, options, shown) };
}

/** The tokens of each line of a text that has any (blank lines and lines of white space skipped). */
export function textLines(text: string, lowercase: boolean): string[][] {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => tokenize(l, lowercase))
    .filter((t) => t.length > 0);
}

/** The lines a data set keeps: all of them, or with `longer: 'skip'` those of at most `maxLength` tokens. */
export function keptLines(lines: string[][], options: { readonly longer?: TextParams['longer']; readonly maxLength?: number }): string[][] {
  if (options.longer !== 'skip' || options.maxLength === undefined) return lines;
  const max = options.maxLength;
  return lines.filter((l) => l.length <= max);
}

/** Why a text has too few lines to be a data set. */
export class TextLinesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextLinesError';
  }
}

/**
 * The tokenised lines split into training and held-out lines by the seed.
 *
 * @throws TextLinesError naming `shown` when there are fewer than two lines
 */
export function splitLines(lines: readonly string[][], options: Pick<TextOptions, 'heldOutFraction' | 'seed'>, shown: string): { readonly train: string[][]; readonly heldOut: string[][] } {
  if (lines.length < 2) throw new TextLinesError(`${shown} has ${lines.length} line${lines.length === 1 ? '' : 's'} with words; a text data set needs at least 2 (one sentence or document per line)`);
  const rows = heldOutRows(lines.length, { fraction: options.heldOutFraction, seed: options.seed });
  return { train: Array.from(rows.train, (i) => lines[i]!), heldOut: Array.from(rows.heldOut, (i) => lines[i]!) };
}

/**
 * The vocabulary of the training lines (from their word counts).
 *
 * @throws VocabularyError, its message prefixed with `shown`, when the words do not fill it
 */
export function vocabularyOfLines(train: readonly string[][], options: Pick<TextOptions, 'vocabularySize' | 'minCount' | 'unknownToken'>, shown: string, counts: ReadonlyMap<string, number> = countWords(train, options.unknownToken)): Vocabulary {
  try {
    return vocabularyFromCounts(counts, { size: options.vocabularySize, minCount: options.minCount, unknownToken: options.unknownToken });
  } catch (e) {
    (e as Error).message = `${shown}: ${(e as Error).message}`;
    throw e;
  }
}

/**
 * Reads a text file (UTF-8) and encodes it. Errors name the file as `shown`, the path as the graph
 * names it (never the absolute path the server resolved).
 */
export function loadText(path: string, options: TextOptions, shown: string = path): ReturnType<typeof parseText> {
  return parseText(readText(path, shown), options, shown);
}

/** The text of a text file, as the loader reads it. @throws Error naming `shown` when it cannot be read */
export function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read text file ${shown}: ${readFailure(e)}`);
  }
}
