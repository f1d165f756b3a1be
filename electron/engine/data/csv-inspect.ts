import { readFile, stat } from 'node:fs/promises';
import { CSV_PREVIEW_ROWS, CSV_PROBLEMS_LISTED, type CsvInspection, type CsvProblem } from '../../../shared/protocol/data';
import { walkCsv, type CsvOptions } from './csv-read';
import { readFailure } from './csv';

/** Longest cell the preview shows (a runaway field must not flood the panel or the message). */
const CELL_CHARS = 80;
/** Widest row the preview shows. */
const PREVIEW_COLUMNS = 50;

const cut = (cell: string): string => (cell.length > CELL_CHARS ? `${cell.slice(0, CELL_CHARS)}…` : cell);
/** A message listing a wide header is cut, within the protocol's limit. */
const clip = (message: string): string => (message.length > 1000 ? `${message.slice(0, 999)}…` : message);

/**
 * Checks CSV text as the loader would read it, listing every problem instead of stopping at the
 * first: it runs the loader's own walk (walkCsv), so a file it passes loads and a file it faults
 * fails to load with the same first message. Columns may be empty (nothing chosen yet): the header
 * and the rows are still checked.
 */
export function inspectCsvText(text: string, path: string, options: CsvOptions): CsvInspection {
  const problems: CsvProblem[] = [];
  let more = 0;
  const walk = walkCsv(
    text,
    options,
    (e) => {
      if (problems.length >= CSV_PROBLEMS_LISTED) {
        more++;
        return;
      }
      problems.push({ kind: e.kind, message: clip(e.message), ...(e.line !== undefined && { line: e.line }), ...(e.column !== undefined && { column: e.column }) });
    },
    { values: false, preview: CSV_PREVIEW_ROWS },
  );
  return {
    path,
    header: walk.header.slice(0, 10_000),
    preview: walk.preview.map((row) => row.slice(0, PREVIEW_COLUMNS).map(cut)),
    rows: walk.rows,
    problems,
    moreProblems: more,
  };
}

/** The last inspection of each file, reused while the file and the columns asked for are unchanged. */
const cache = new Map<string, { stamp: string; result: CsvInspection }>();
const CACHED_FILES = 32;

/**
 * Reads the file at `abs` (already resolved and, in web mode, confined) and checks it. The graph's
 * name for it, `shown`, is the only path any message carries. A missing or unreadable file is a
 * problem of the result, not an exception: it belongs in the Problems list like the others.
 */
export async function inspectCsvFile(abs: string, shown: string, options: CsvOptions): Promise<CsvInspection> {
  const empty = { path: shown, header: [], preview: [], rows: 0, moreProblems: 0 };
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
    if (info.isDirectory()) return { ...empty, problems: [{ kind: 'unreadable', message: `cannot read ${shown}: it is a folder` }] };
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR';
    return { ...empty, problems: [{ kind: missing ? 'missing-file' : 'unreadable', message: missing ? `there is no file ${shown}` : `cannot read ${shown}: ${readFailure(e)}` }] };
  }
  const key = `${abs}\u0000${JSON.stringify([options.columns, options.labelColumn ?? null])}`;
  const stamp = `${info.mtimeMs}:${info.size}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return { ...hit.result, path: shown };
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    return { ...empty, problems: [{ kind: 'unreadable', message: `cannot read ${shown}: ${readFailure(e)}` }] };
  }
  const result = { ...inspectCsvText(text, shown, options), modified: info.mtimeMs };
  cache.delete(key);
  cache.set(key, { stamp, result });
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value as string);
  return result;
}
