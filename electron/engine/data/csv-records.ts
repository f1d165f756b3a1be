/**
 * The CSV tokenizer: RFC 4180 (comma separator, `"` quoting with `""` for a quote, line breaks
 * allowed inside quotes) with the usual leniencies: `\n`, `\r\n` and `\r` all end a record, a
 * leading byte-order mark is ignored, blank lines are skipped, spaces around a quoted field are
 * ignored. Strict where leniency would hide a broken file: a stray quote in an unquoted field, text
 * after a closing quote and an unclosed quote are CsvFormatErrors naming the line.
 */
import { CsvFormatError, show } from './csv-error';

/** One record as split by the tokenizer. */
export interface CsvRecord {
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

/**
 * Splits `text` into records. Blank lines (a record of one empty unquoted field) are skipped,
 * because a trailing empty line or a gap in a hand-edited file is never meant as a data row.
 */
export function* records(text: string): Generator<CsvRecord> {
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
