/** What kind of problem a CsvFormatError is (the editor's Problems list and the tests key on it). */
export type CsvProblemKind =
  | 'empty-file'
  | 'no-rows'
  | 'missing-column'
  | 'duplicate-column'
  | 'ragged-row'
  | 'not-a-number'
  | 'too-large'
  | 'empty-label'
  | 'quoting';

/** A malformed CSV file, or one lacking the requested columns. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  /** The line the problem is on (1-based), when it is on one. */
  readonly line: number | undefined;
  /** The header name of the column the problem is in, when it is in one. */
  readonly column: string | undefined;
  /** What kind of problem it is. */
  readonly kind: CsvProblemKind;
  constructor(message: string, where: { line?: number; column?: string; kind?: CsvProblemKind } = {}) {
    super(message);
    this.line = where.line;
    this.column = where.column;
    this.kind = where.kind ?? 'quoting';
  }
}

/** Quotes a cell for an error message, cut short so that a runaway field cannot flood the message. */
export function show(cell: string): string {
  return `'${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}'`;
}
