import { z } from 'zod';
import { defineKind, describePortOf, type PortSpec } from './kind';
import { dataType } from './data-outputs';
import { heldOutFraction } from './held-out';

/**
 * The ids the vocabulary reserves before its words: padding, then the unknown token. The padding
 * id 0 is also the end of a sentence (EOS) in the `sequence` output and the beginning (BOS) a GRU
 * decoder reads before the first word: no word has id 0, so a sequence ends at its first 0.
 */
export const PAD_ID = 0;
/** The end (and beginning) of a sentence for sequence models: the padding id. */
export const EOS_ID = PAD_ID;
export const UNKNOWN_ID = 1;
export const RESERVED_TOKENS = 2;

export const textParams = z.object({
  /** Path of the text file (absolute, or relative to the graph file): one sentence or document per line. */
  path: z.string().min(1).describe('File'),
  /** Token ids in all: the padding id 0, the unknown token's id 1 and the most frequent training words. */
  vocabularySize: z.number().int().min(RESERVED_TOKENS + 1).max(50_000).default(2000).describe('Vocabulary size'),
  /** A training word enters the vocabulary only if it occurs at least this often. */
  minCount: z.number().int().min(1).max(1_000_000).default(1).describe('Minimum count'),
  /** How a word outside the vocabulary is written (it is counted as one token). */
  unknownToken: z.string().min(1).max(40).default('<unk>').describe('Unknown token'),
  /** Fold words to lower case before counting them. */
  lowercase: z.boolean().default(true).describe('Lower case'),
  /** Token ids per line: longer lines are cut (or skipped), shorter ones padded with id 0. */
  maxLength: z.number().int().min(1).max(1000).default(30).describe('Maximum length'),
  /** Lines with more tokens than the maximum length: cut to it, or left out of the data set (before the split and the vocabulary). */
  longer: z.enum(['cut', 'skip']).default('cut').describe('Longer lines'),
  heldOutFraction,
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Split seed'),
});
export type TextParams = z.infer<typeof textParams>;

/** The outputs of a text data node (a text file's, the shipped novel's): ids, lengths, bags of words; `unit` names a document. */
export function textPorts(p: Pick<TextParams, 'maxLength' | 'vocabularySize'>, unit: string): PortSpec[] {
  return [
    { name: 'tokens', direction: 'out', flow: 'data', description: `the token ids of each ${unit}, cut or padded (id 0) to the maximum length`, shape: `[${p.maxLength}] ids of ${p.vocabularySize}` },
    { name: 'length', direction: 'out', flow: 'data', description: `the number of tokens of each ${unit} within the maximum length`, shape: '[1]' },
    { name: 'counts', direction: 'out', flow: 'data', description: `the bag of words: how often each vocabulary id occurs in the whole ${unit}`, shape: `[${p.vocabularySize}]` },
    { name: 'sequence', direction: 'out', flow: 'data', description: `the token ids of each ${unit} followed by the end token (id 0), padded with id 0: what a GRU decoder emits and a Categorical observes as a sequence`, shape: `[${p.maxLength + 1}] ids of ${p.vocabularySize}` },
  ];
}

/** The value types of those outputs. */
export function textTypes(p: Pick<TextParams, 'maxLength' | 'vocabularySize'>) {
  return {
    tokens: dataType(p.maxLength, 'index', p.vocabularySize),
    length: dataType(1, 'count'),
    counts: dataType(p.vocabularySize, 'count'),
    sequence: dataType(p.maxLength + 1, 'index', p.vocabularySize),
  };
}

/** Lines of a text file as token ids (padded), their lengths and bags of words, over a vocabulary built from the training lines. */
export const textKind = defineKind<TextParams>({
  kind: 'data.text',
  displayName: 'Text file',
  category: 'data',
  description: 'One sentence or document per line: token ids per position (padded), lengths, bag-of-words counts and the sequence with its end token over a vocabulary of the training lines.',
  params: textParams,
  ports: (p) => textPorts(p, 'line'),
  infer: ({ params }) => textTypes(params),
  summary: (p) => `Text ${p.path.split(/[\\/]/).pop() ?? p.path}, ${p.vocabularySize.toLocaleString('en')} ids, ≤ ${p.maxLength} tokens`,
  describeOutput: describePortOf,
});
