import { z } from 'zod';
import { textParams } from '../graph/catalog/text';

/**
 * What the back end says about a text node's file before any run (data.inspectText): its lines, the
 * split, the vocabulary the training lines fill, the most frequent words, the first lines, and why
 * it cannot be loaded, each found by the engine's own text loader.
 */

/** The kinds of problem a text file can have; `missing-file` and `unreadable` come from the file system. */
export const textProblemKindSchema = z.enum(['missing-file', 'unreadable', 'empty-file', 'too-few-lines', 'vocabulary']);
export type TextProblemKind = z.infer<typeof textProblemKindSchema>;

/** One problem with a text file, in the loader's words. */
export const textProblemSchema = z.object({ kind: textProblemKindSchema, message: z.string().max(2000) });
export type TextProblem = z.infer<typeof textProblemSchema>;

/** Lines shown in the preview, and the most characters of each. */
export const TEXT_PREVIEW_LINES = 5;
export const TEXT_PREVIEW_CHARS = 200;
/** Most frequent words listed. */
export const TEXT_TOP_WORDS = 12;

/** The settings of a text node the check depends on (the file's path apart): the loader's own, with its defaults. */
export const textCheckOptionsSchema = textParams.pick({ vocabularySize: true, minCount: true, unknownToken: true, lowercase: true, heldOutFraction: true, seed: true }).extend({
  /** With `longer: 'skip'`, lines of more than `maxLength` tokens are left out, as the loader leaves them out. */
  maxLength: textParams.shape.maxLength.removeDefault().optional(),
  longer: textParams.shape.longer.removeDefault().optional(),
});
export type TextCheckOptions = z.infer<typeof textCheckOptionsSchema>;

const count = z.number().int().min(0);

/** A text file as the loader read it. */
export const textInspectionSchema = z.object({
  /** The path as the graph names it. */
  path: z.string(),
  /** Lines with at least one token (blank lines are skipped by the loader). */
  lines: count,
  /** How the seed splits them. */
  trainLines: count,
  heldOutLines: count,
  /** Tokens of the training lines. */
  trainTokens: count,
  /** Distinct words of the training lines, and those occurring at least the minimum count. */
  distinctWords: count,
  eligibleWords: count,
  /** Ids asked for (the node's vocabulary size) and ids the words fill (the two reserved ids included). */
  vocabularyAsked: count,
  vocabularyReached: count,
  /** The most frequent training words occurring at least the minimum count, most frequent first: the vocabulary's first words. */
  topWords: z.array(z.object({ word: z.string().max(1000), count })).max(TEXT_TOP_WORDS),
  /** The first lines with words, as written (cut short). */
  firstLines: z.array(z.string().max(TEXT_PREVIEW_CHARS + 1)).max(TEXT_PREVIEW_LINES),
  problems: z.array(textProblemSchema).max(4),
  /** The file's modification time (ms), when it could be read. */
  modified: z.number().optional(),
});
export type TextInspection = z.infer<typeof textInspectionSchema>;
