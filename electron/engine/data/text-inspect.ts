import { readFile, stat } from 'node:fs/promises';
import { RESERVED_TOKENS } from '../../../shared/graph/catalog/text';
import { TEXT_PREVIEW_CHARS, TEXT_PREVIEW_LINES, TEXT_TOP_WORDS, type TextCheckOptions, type TextInspection, type TextProblem } from '../../../shared/protocol/text-data';
import { readFailure } from './csv';
import { keptLines, splitLines, TextLinesError, textLines, vocabularyOfLines } from './text';
import { countWords, rankWords, VocabularyError } from './text-vocabulary';

const cut = (line: string): string => (line.length > TEXT_PREVIEW_CHARS ? `${line.slice(0, TEXT_PREVIEW_CHARS)}…` : line);
const clip = (message: string): string => (message.length > 2000 ? `${message.slice(0, 1999)}…` : message);

/**
 * Checks a text as the loader reads it, through the loader's own steps (textLines, splitLines,
 * vocabularyOfLines: what splitText runs), so a text it passes loads, and a text it faults fails to
 * load with its first problem's message. Reports what the panel previews on the way: the lines, the
 * split, the vocabulary reached against the size asked, the most frequent words, the first lines.
 */
export function inspectTextContent(text: string, options: TextCheckOptions, shown: string): TextInspection {
  const lines = keptLines(textLines(text, options.lowercase), options);
  const firstLines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, TEXT_PREVIEW_LINES)
    .map(cut);
  const problems: TextProblem[] = [];
  let train: readonly string[][] = [];
  let heldOut = 0;
  try {
    const split = splitLines(lines, options, shown);
    train = split.train;
    heldOut = split.heldOut.length;
  } catch (e) {
    if (!(e instanceof TextLinesError)) throw e;
    problems.push({ kind: lines.length === 0 ? 'empty-file' : 'too-few-lines', message: clip(e.message) });
  }
  const counts = countWords(train, options.unknownToken);
  const ranked = rankWords(counts, options.minCount);
  if (problems.length === 0) {
    try {
      vocabularyOfLines(train, options, shown, counts);
    } catch (e) {
      if (!(e instanceof VocabularyError)) throw e;
      problems.push({ kind: 'vocabulary', message: clip(e.message) });
    }
  }
  let tokens = 0;
  for (const l of train) tokens += l.length;
  return {
    path: shown,
    lines: lines.length,
    trainLines: train.length,
    heldOutLines: heldOut,
    trainTokens: tokens,
    distinctWords: counts.size,
    eligibleWords: ranked.length,
    vocabularyAsked: options.vocabularySize,
    vocabularyReached: Math.min(options.vocabularySize, ranked.length + RESERVED_TOKENS),
    topWords: ranked.slice(0, Math.min(TEXT_TOP_WORDS, options.vocabularySize - RESERVED_TOKENS)).map(([word, count]) => ({ word: word.slice(0, 1000), count })),
    firstLines,
    problems,
  };
}

/** The last inspection of each file and settings, reused while the file is unchanged. */
const cache = new Map<string, { stamp: string; result: TextInspection }>();
const CACHED_FILES = 16;

/**
 * Reads the text file at `abs` (already resolved and, in web mode, confined) and checks it. The
 * graph's name for it, `shown`, is the only path any message carries. A missing or unreadable file
 * is a problem of the result, said as the loader says it.
 */
export async function inspectTextFile(abs: string, shown: string, options: TextCheckOptions): Promise<TextInspection> {
  const empty = { path: shown, lines: 0, trainLines: 0, heldOutLines: 0, trainTokens: 0, distinctWords: 0, eligibleWords: 0, vocabularyAsked: options.vocabularySize, vocabularyReached: 0, topWords: [], firstLines: [] };
  const failed = (e: unknown): TextInspection => {
    const code = (e as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    return { ...empty, problems: [{ kind: missing ? 'missing-file' : 'unreadable', message: `cannot read text file ${shown}: ${readFailure(e)}` }] };
  };
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
    if (info.isDirectory()) return failed(Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
  } catch (e) {
    return failed(e);
  }
  const key = `${abs}\u0000${JSON.stringify(options)}`;
  const stamp = `${info.mtimeMs}:${info.size}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return { ...hit.result, path: shown };
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    return failed(e);
  }
  const result = { ...inspectTextContent(text, options, shown), modified: info.mtimeMs };
  cache.delete(key);
  cache.set(key, { stamp, result });
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value as string);
  return result;
}
