import { appendFileSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

/** Records read from a JSON-lines file, and how many lines had to be skipped. */
export interface JsonLines<T> {
  readonly records: T[];
  /** Lines that were not valid JSON or not a valid record (a crash mid-append leaves a partial last line). */
  readonly skipped: number;
}

/**
 * Reads a JSON-lines file, one record per line, validating each. A missing file is empty; a bad
 * line is skipped and counted rather than failing the whole file: these are append-only logs and
 * the lines before a damaged one are still good.
 */
export async function readJsonLines<T>(path: string, schema: z.ZodType<T>): Promise<JsonLines<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { records: [], skipped: 0 };
  }
  const records: T[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = schema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

/** The text of records as JSON lines. */
export function toJsonLines(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Appends records as lines (one write, so a batch lands whole or, after a crash, as a partial last line). */
export async function appendJsonLines(path: string, records: readonly unknown[]): Promise<void> {
  if (records.length > 0) await appendFile(path, toJsonLines(records), 'utf8');
}

/**
 * Appends records as lines, synchronously: for the training worker, which must have a report on
 * disk before the checkpoint that follows it is written (see worker/run-log.ts).
 *
 * @throws Error naming the file when it cannot be written
 */
export function appendJsonLinesSync(path: string, records: readonly unknown[]): void {
  if (records.length === 0) return;
  try {
    appendFileSync(path, toJsonLines(records), 'utf8');
  } catch (e) {
    throw new Error(`cannot append to ${path}: ${(e as Error).message}`);
  }
}

/** Replaces the whole file atomically (used to cut the logs back to a checkpoint). */
export async function writeJsonLines(path: string, records: readonly unknown[]): Promise<void> {
  await writeFileAtomic(path, toJsonLines(records));
}
