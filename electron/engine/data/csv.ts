/**
 * A user's CSV file as a data set: chosen numeric columns become `x` (domain 'real'), an optional
 * label column becomes a class index.
 *
 * Parsing follows RFC 4180 (comma separator, `"` quoting with `""` for a quote, line breaks allowed
 * inside quotes) with the usual leniencies: `\n`, `\r\n` and `\r` all end a record, a leading
 * byte-order mark is ignored, blank lines are skipped, spaces around a quoted field are ignored.
 * It is strict where leniency would hide a broken file: a stray quote in an unquoted field, text
 * after a closing quote, an unclosed quote, and rows whose field count differs from the header are
 * errors. Every error is a `CsvFormatError` naming the line (the physical line a record starts on, counting from 1) and the column.
 */
import { readFileSync } from 'node:fs';
import { createDataset, type DataColumn, type Dataset } from './dataset';

/** Which columns to read. */
export interface CsvOptions {
  /** Numeric columns forming `x`, in this order (header names; surrounding spaces ignored). */
  readonly columns: readonly string[];
  /** A column whose distinct values become classes, forming `label`. */
  readonly labelColumn?: string;
}

/** A data set read from CSV, with the names needed to show it to the user. */
export interface CsvDataset extends Dataset {
  /** The header names of `x`'s values, in order. */
  readonly featureNames: readonly string[];
  /** When a label column was read: the class names, `labelNames[i]` being class index i. */
  readonly labelNames?: readonly string[];
}

/** A malformed CSV file, or one lacking the requested columns. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  /** The line the problem is on (1-based), when it is on one. */
  readonly line: number | undefined;
  /** The header name of the column the problem is in, when it is in one. */
  readonly column: string | undefined;
  constructor(message: string, where: { line?: number; column?: string } = {}) {
    super(message);
    this.line = where.line;
    this.column = where.column;
  }
}

/** One record as split by the tokenizer. */
interface CsvRecord {
  readonly fields: string[];
  /** The line the record starts on. */
  readonly line: number;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Quotes a cell for an error message, cut short so that a runaway field cannot flood the message. */
function show(cell: string): string {
  return `'${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}'`;
}

/**
 * Splits `text` into records. Blank lines (a record of one empty unquoted field) are skipped,
 * because a trailing empty line or a gap in a hand-edited file is never meant as a data row.
 */
function* records(text: string): Generator<CsvRecord> {
  const len = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < len) {
    const start = line;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      // At the start of a field.
      let field: string;
      // Spaces before an opening quote are tolerated (`1, "a"`), as most writers of CSV by hand expect.
      let s = i;
      while (text.charCodeAt(s) === SPACE || text.charCodeAt(s) === TAB) s++;
      if (text.charCodeAt(s) === QUOTE) {
        i = s;
        quotedAny = true;
        const openLine = line;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new CsvFormatError(`line ${openLine}: a quoted field starts here but its closing '"' is missing`, { line: openLine });
          }
          line += countLineBreaks(text, j, q);
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) i++;
        const c = text.charCodeAt(i);
        if (i < len && c !== COMMA && c !== LF && c !== CR) {
          throw new CsvFormatError(
            `line ${line}: unexpected ${show(text[i] as string)} after the closing quote of a quoted field (a quote inside a quoted field must be doubled: "")`,
            { line },
          );
        }
        field = value;
      } else {
        let j = i;
        while (j < len) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new CsvFormatError(
              `line ${line}: '"' inside an unquoted field (field ${fields.length + 1}); quote the whole field and double the quote: "a""b"`,
              { line },
            );
          }
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      // After a field: a comma starts another, anything else ends the record.
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === '' && !quotedAny) continue;
    yield { fields, line: start };
  }
}

/** Line breaks (`\r\n`, `\n` or lone `\r`) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) n++;
  }
  return n;
}

/** Plain decimal numbers only: `Number()` would also accept '', '0x1F', 'Infinity', which in a data file are mistakes. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(cell: string, line: number, column: string): number {
  const s = cell.trim();
  if (!DECIMAL.test(s)) {
    throw new CsvFormatError(`line ${line}, column '${column}': ${show(cell)} is not a number${s === '' ? ' (the cell is empty)' : ''}`, { line, column });
  }
  const v = Number(s);
  if (!Number.isFinite(Math.fround(v))) {
    throw new CsvFormatError(`line ${line}, column '${column}': ${show(cell)} is too large for a 32-bit float`, { line, column });
  }
  return v;
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
 * @throws CsvFormatError for every problem with the text (including missing columns); RangeError for invalid options
 */
export function parseCsv(text: string, options: CsvOptions): CsvDataset {
  const { columns, labelColumn } = options;
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((c) => typeof c !== 'string')) {
    throw new RangeError('parseCsv: options.columns must be a non-empty list of column names');
  }
  const it = records(text);
  const first = it.next();
  if (first.done) throw new CsvFormatError('empty file: expected a header row naming the columns');
  const header = first.value.fields.map((h) => h.trim());
  const headerLine = first.value.line;

  const wanted = labelColumn === undefined ? [...columns] : [...columns, labelColumn];
  const missing = [...new Set(wanted.map((c) => c.trim()).filter((c) => !header.includes(c)))];
  if (missing.length > 0) {
    throw new CsvFormatError(
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; the header (line ${headerLine}) has: ${header.map((h) => `'${h}'`).join(', ')}`,
      { line: headerLine, column: missing[0] as string },
    );
  }
  const positionOf = (name: string): number => {
    const at = header.indexOf(name);
    const again = header.indexOf(name, at + 1);
    if (again >= 0) {
      throw new CsvFormatError(
        `column '${name}' appears twice in the header (line ${headerLine}, fields ${at + 1} and ${again + 1}), so it is ambiguous`,
        { line: headerLine, column: name },
      );
    }
    return at;
  };
  const names = columns.map((c) => c.trim());
  const featurePos = names.map(positionOf);
  const labelName = labelColumn?.trim();
  const labelPos = labelName === undefined ? -1 : positionOf(labelName);

  const width = featurePos.length;
  let x = new Float32Array(1024 * width);
  const labels: string[] = [];
  let n = 0;
  for (const { fields, line } of it) {
    if (fields.length !== header.length) {
      throw new CsvFormatError(`line ${line}: ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header (line ${headerLine}) has ${header.length}`, { line });
    }
    if ((n + 1) * width > x.length) {
      const grown = new Float32Array(x.length * 2);
      grown.set(x);
      x = grown;
    }
    for (let k = 0; k < width; k++) {
      x[n * width + k] = parseNumber(fields[featurePos[k] as number] as string, line, names[k] as string);
    }
    if (labelName !== undefined) {
      const value = (fields[labelPos] as string).trim();
      if (value === '') throw new CsvFormatError(`line ${line}, column '${labelName}': the label is empty`, { line, column: labelName });
      labels.push(value);
    }
    n++;
  }
  if (n === 0) throw new CsvFormatError(`no data rows after the header (line ${headerLine})`, { line: headerLine });

  const cols: Record<string, DataColumn> = { x: { size: width, domain: 'real', values: x.slice(0, n * width) } };
  let labelNames: string[] | undefined;
  if (labelName !== undefined) {
    labelNames = sortLabelNames([...new Set(labels)]);
    const index = new Map(labelNames.map((name, i) => [name, i]));
    cols.label = { size: 1, domain: 'index', categories: labelNames.length, values: Float32Array.from(labels, (l) => index.get(l) as number) };
  }
  const ds = createDataset('csv', n, cols);
  return labelNames === undefined ? { ...ds, featureNames: names } : { ...ds, featureNames: names, labelNames };
}

/**
 * Reads and parses a CSV file (UTF-8). Errors name the file.
 *
 * @throws CsvFormatError (message prefixed with the path) for a malformed file; Error when it cannot be read
 */
export function loadCsv(path: string, options: CsvOptions): CsvDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read CSV file ${path}: ${(e as Error).message}`);
  }
  try {
    const ds = parseCsv(text, options);
    return { ...ds, name: path.split(/[\\/]/).pop() || path };
  } catch (e) {
    if (e instanceof CsvFormatError) {
      const where: { line?: number; column?: string } = {};
      if (e.line !== undefined) where.line = e.line;
      if (e.column !== undefined) where.column = e.column;
      throw new CsvFormatError(`${path}: ${e.message}`, where);
    }
    throw e;
  }
}
