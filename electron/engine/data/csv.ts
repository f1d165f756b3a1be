/**
 * A user's CSV file as a data set: chosen numeric columns become `x` (domain 'real'), an optional
 * label column becomes a class index.
 *
 * The dialect is the tokenizer's (csv-records.ts); the checks are the walk's (csv-read.ts), which
 * the checker behind the editor's Problems list runs too. Every error is a `CsvFormatError` naming
 * the line (the physical line a record starts on, counting from 1) and the column.
 */
import { readFileSync } from 'node:fs';
import { createDataset, type DataColumn, type Dataset } from './dataset';
import { CsvFormatError } from './csv-error';
import { DECIMAL, walkCsv, type CsvOptions } from './csv-read';

export { CsvFormatError, type CsvProblemKind } from './csv-error';
export type { CsvOptions } from './csv-read';

/** A data set read from CSV, with the names needed to show it to the user. */
export interface CsvDataset extends Dataset {
  /** The header names of `x`'s values, in order. */
  readonly featureNames: readonly string[];
  /** When a label column was read: the class names, `labelNames[i]` being class index i. */
  readonly labelNames?: readonly string[];
}

/** Class names in a stable, natural order: numerically when every name is a number ('2' before '10'), else by code units. */
function sortLabelNames(names: string[]): string[] {
  if (names.every((s) => DECIMAL.test(s))) {
    return names.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Parses CSV text into a data set (see the module comment for the dialect).
 *
 * @param text the file's contents; its first non-blank record is the header
 * @param options the columns to read; `columns` must name at least one column
 * @throws CsvFormatError for the first problem with the text (including missing columns); RangeError for invalid options
 */
export function parseCsv(text: string, options: CsvOptions): CsvDataset {
  const { columns } = options;
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((c) => typeof c !== 'string')) {
    throw new RangeError('parseCsv: options.columns must be a non-empty list of column names');
  }
  const walk = walkCsv(
    text,
    options,
    (problem) => {
      throw problem;
    },
    { values: true, preview: 0 },
  );
  const n = walk.rows;
  const names = columns.map((c) => c.trim());
  const cols: Record<string, DataColumn> = { x: { size: names.length, domain: 'real', values: walk.x } };
  let labelNames: string[] | undefined;
  if (options.labelColumn !== undefined) {
    labelNames = sortLabelNames([...new Set(walk.labels)]);
    const index = new Map(labelNames.map((name, i) => [name, i]));
    cols.label = { size: 1, domain: 'index', categories: labelNames.length, values: Float32Array.from(walk.labels, (l) => index.get(l) as number) };
  }
  const ds = createDataset('csv', n, cols);
  return labelNames === undefined ? { ...ds, featureNames: names } : { ...ds, featureNames: names, labelNames };
}

/** How the file system's refusal reads when said of a file the graph names. */
export function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return (e as Error)?.message ?? String(e);
}

/**
 * Reads and parses a CSV file (UTF-8). Errors name the file as `shown`: the path as the graph
 * names it, never the absolute path the server resolved (which means nothing to a browser tab and
 * tells it about the server's folders).
 *
 * @throws CsvFormatError (message prefixed with the path) for a malformed file; Error when it cannot be read
 */
export function loadCsv(path: string, options: CsvOptions, shown: string = path): CsvDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read CSV file ${shown}: ${readFailure(e)}`);
  }
  try {
    const ds = parseCsv(text, options);
    return { ...ds, name: shown.split(/[\\/]/).pop() || shown };
  } catch (e) {
    if (e instanceof CsvFormatError) {
      const where: { line?: number; column?: string; kind: typeof e.kind } = { kind: e.kind };
      if (e.line !== undefined) where.line = e.line;
      if (e.column !== undefined) where.column = e.column;
      throw new CsvFormatError(`${shown}: ${e.message}`, where);
    }
    throw e;
  }
}
