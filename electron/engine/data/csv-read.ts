/**
 * The one walk over a CSV file's records that both the loader (parseCsv, which stops at the first
 * problem) and the checker (inspectCsvText, which lists them) run, so the two can never disagree
 * about what is wrong with a file or on which line.
 */
import { CsvFormatError, show } from './csv-error';
import { records } from './csv-records';

/** Which columns to read. */
export interface CsvOptions {
  /** Numeric columns forming `x`, in this order (header names; surrounding spaces ignored). */
  readonly columns: readonly string[];
  /** A column whose distinct values become classes, forming `label`. */
  readonly labelColumn?: string;
}

/** What the walk found. */
export interface CsvWalk {
  /** The header's names, trimmed (empty when the file has no header). */
  readonly header: readonly string[];
  /** The line of the header (1 when there is none). */
  readonly headerLine: number;
  /** Data records after the header, well-formed or not. */
  readonly rows: number;
  /** The requested columns' values, row after row (only when asked for, and only if no problem was found). */
  readonly x: Float32Array;
  /** The label column's raw values, one per row (when a label column was asked for). */
  readonly labels: readonly string[];
  /** The fields of the first data records, as written. */
  readonly preview: readonly (readonly string[])[];
}

/** What the walk keeps besides the problems. */
export interface WalkKeep {
  /** Collect the numeric values (the loader) or only check them (the checker). */
  readonly values: boolean;
  /** How many data records to keep as written, for a preview. */
  readonly preview: number;
}

/**
 * Called with each problem in file order. The loader throws it, ending the walk at the first one;
 * the checker records it and the walk goes on (a tokenizer error still ends it: the records after
 * an unclosed quote cannot be told apart).
 */
export type ProblemSink = (problem: CsvFormatError) => void;

/** Plain decimal numbers only: `Number()` would also accept '', '0x1F', 'Infinity', which in a data file are mistakes. */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Why a cell is not a usable 32-bit number, or null when it is one. */
function numberProblem(cell: string, line: number, column: string): CsvFormatError | null {
  const s = cell.trim();
  if (!DECIMAL.test(s)) {
    return new CsvFormatError(`line ${line}, column '${column}': ${show(cell)} is not a number${s === '' ? ' (the cell is empty)' : ''}`, { line, column, kind: 'not-a-number' });
  }
  if (!Number.isFinite(Math.fround(Number(s)))) {
    return new CsvFormatError(`line ${line}, column '${column}': ${show(cell)} is too large for a 32-bit float`, { line, column, kind: 'too-large' });
  }
  return null;
}

/**
 * Walks `text`: header, requested columns, then every record (field count, numbers, labels).
 * `options.columns` may be empty (the checker reading a file before columns are chosen).
 */
export function walkCsv(text: string, options: CsvOptions, report: ProblemSink, keep: WalkKeep): CsvWalk {
  const { columns, labelColumn } = options;
  const preview: string[][] = [];
  const labels: string[] = [];
  let header: string[] = [];
  let headerLine = 1;
  let rows = 0;
  let x = new Float32Array(keep.values ? 1024 * Math.max(1, columns.length) : 0);
  const done = (): CsvWalk => ({ header, headerLine, rows, x: x.slice(0, keep.values ? rows * columns.length : 0), labels, preview });

  const it = records(text);
  let next: IteratorResult<{ fields: string[]; line: number }>;
  let broken = false;
  const advance = (): boolean => {
    try {
      next = it.next();
      return true;
    } catch (e) {
      if (!(e instanceof CsvFormatError)) throw e;
      broken = true;
      report(e);
      return false;
    }
  };
  if (!advance()) return done();
  if (next!.done) {
    report(new CsvFormatError('empty file: expected a header row naming the columns', { line: 1, kind: 'empty-file' }));
    return done();
  }
  header = next!.value.fields.map((h) => h.trim());
  headerLine = next!.value.line;

  const wanted = labelColumn === undefined ? [...columns] : [...columns, labelColumn];
  const missing = [...new Set(wanted.map((c) => c.trim()).filter((c) => !header.includes(c)))];
  if (missing.length > 0) {
    report(
      new CsvFormatError(
        `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; the header (line ${headerLine}) has: ${header.map((h) => `'${h}'`).join(', ')}`,
        { line: headerLine, column: missing[0] as string, kind: 'missing-column' },
      ),
    );
  }
  const reported = new Set<string>();
  const positionOf = (name: string): number => {
    const at = header.indexOf(name);
    const again = at < 0 ? -1 : header.indexOf(name, at + 1);
    if (again >= 0 && !reported.has(name)) {
      reported.add(name);
      report(new CsvFormatError(`column '${name}' appears twice in the header (line ${headerLine}, fields ${at + 1} and ${again + 1}), so it is ambiguous`, { line: headerLine, column: name, kind: 'duplicate-column' }));
    }
    return at;
  };
  const names = columns.map((c) => c.trim());
  const featurePos = names.map(positionOf);
  const labelName = labelColumn?.trim();
  const labelPos = labelName === undefined ? -1 : positionOf(labelName);
  const width = featurePos.length;

  while (advance() && !next!.done) {
    const { fields, line } = next!.value;
    if (preview.length < keep.preview) preview.push(fields);
    rows++;
    if (fields.length !== header.length) {
      report(new CsvFormatError(`line ${line}: ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header (line ${headerLine}) has ${header.length}`, { line, kind: 'ragged-row' }));
      continue;
    }
    if (keep.values && rows * width > x.length) {
      const grown = new Float32Array(x.length * 2);
      grown.set(x);
      x = grown;
    }
    for (let k = 0; k < width; k++) {
      const pos = featurePos[k] as number;
      if (pos < 0) continue;
      const cell = fields[pos] as string;
      const problem = numberProblem(cell, line, names[k] as string);
      if (problem) report(problem);
      else if (keep.values) x[(rows - 1) * width + k] = Number(cell.trim());
    }
    if (labelName !== undefined && labelPos >= 0) {
      const value = (fields[labelPos] as string).trim();
      if (value === '') report(new CsvFormatError(`line ${line}, column '${labelName}': the label is empty`, { line, column: labelName, kind: 'empty-label' }));
      labels.push(value);
    }
  }
  if (rows === 0 && !broken) report(new CsvFormatError(`no data rows after the header (line ${headerLine})`, { line: headerLine, kind: 'no-rows' }));
  return done();
}
