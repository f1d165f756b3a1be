import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFormatError, loadCsv, parseCsv, type CsvOptions } from '../../../../../electron/engine/data/csv';
import { subset } from '../../../../../electron/engine/data/dataset';

/** The CsvFormatError thrown by `f`, failing the test if it throws anything else or nothing. */
function csvError(f: () => unknown): CsvFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CsvFormatError);
    return e as CsvFormatError;
  }
  return expect.unreachable('expected a CsvFormatError');
}

const x = (text: string, options: CsvOptions): number[] => Array.from(parseCsv(text, options).columns.x!.values);

describe('parseCsv: reading columns', () => {
  it('picks numeric columns by name, in the order asked for', () => {
    const ds = parseCsv('a,b,c\n1,2,3\n4,5,6\n', { columns: ['c', 'a'] });
    expect(ds.length).toBe(2);
    expect(ds.columns.x).toMatchObject({ size: 2, domain: 'real' });
    expect(Array.from(ds.columns.x!.values)).toEqual([3, 1, 6, 4]);
    expect(ds.featureNames).toEqual(['c', 'a']);
    expect(ds.columns.label).toBeUndefined();
    expect(ds.labelNames).toBeUndefined();
  });

  it('accepts signs, decimals, exponents and spaces around numbers', () => {
    expect(x('v\n-1.5\n+2\n.25\n3.\n1e3\n-2.5E-1\n 7 \n', { columns: ['v'] })).toEqual([-1.5, 2, 0.25, 3, 1000, -0.25, 7]);
  });

  it('handles RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes', () => {
    const text = '"a,1","say ""hi""","multi\nline"\n"1","2","3"\n';
    const ds = parseCsv(text, { columns: ['multi\nline', 'a,1', 'say "hi"'] });
    expect(Array.from(ds.columns.x!.values)).toEqual([3, 1, 2]);
  });

  it('accepts CRLF, lone CR, a byte-order mark, blank lines, no final newline and spaces around quotes', () => {
    expect(x('\uFEFFa,b\r\n1,2\r\n\r\n3,4\r5,6', { columns: ['a', 'b'] })).toEqual([1, 2, 3, 4, 5, 6]);
    expect(x('\n\na, b\n1, "2" \n', { columns: ['b'] })).toEqual([2]);
  });

  it('keeps an empty quoted field as a field, not a blank line', () => {
    const err = csvError(() => parseCsv('a\n""\n', { columns: ['a'] }));
    expect(err.message).toBe("line 2, column 'a': '' is not a number (the cell is empty)");
  });
});

describe('parseCsv: label column', () => {
  it('maps distinct label values, sorted, to class indices and keeps their names', () => {
    const ds = parseCsv('x,species\n1,setosa\n2,virginica\n3,setosa\n4,versicolor\n', { columns: ['x'], labelColumn: 'species' });
    expect(ds.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.columns.label).toMatchObject({ size: 1, domain: 'index', categories: 3 });
    expect(Array.from(ds.columns.label!.values)).toEqual([0, 2, 0, 1]);
  });

  it('sorts numeric label values numerically, so "10" comes after "9"', () => {
    const ds = parseCsv('x,digit\n1,10\n2,9\n3,2\n4, 9 \n', { columns: ['x'], labelColumn: 'digit' });
    expect(ds.labelNames).toEqual(['2', '9', '10']);
    expect(Array.from(ds.columns.label!.values)).toEqual([2, 1, 0, 1]);
  });

  it('keeps label names through subset', () => {
    const ds = parseCsv('x,c\n1,a\n2,b\n', { columns: ['x'], labelColumn: 'c' });
    const sub = subset(ds, [1]);
    expect(sub.labelNames).toEqual(['a', 'b']);
    expect(Array.from(sub.columns.label!.values)).toEqual([1]);
  });
});

describe('parseCsv: errors name the line and column', () => {
  /** 15 good data rows after the header, so that the next row is line 17. */
  const header = 'name,age,height\n';
  const good = Array.from({ length: 15 }, (_, i) => `p${i},${20 + i},1.${i}\n`).join('');

  const cases: { name: string; text: string; options?: CsvOptions; message: string; line?: number; column?: string }[] = [
    // An empty file's problem is on line 1, so that every problem the editor lists has a line.
    { name: 'an empty file', text: '', message: 'empty file: expected a header row naming the columns', line: 1 },
    { name: 'a file of blank lines', text: '\n\r\n\n', message: 'empty file: expected a header row naming the columns', line: 1 },
    { name: 'a header without data rows', text: 'age,height\n', message: 'no data rows after the header (line 1)', line: 1 },
    {
      name: 'a missing column, listing the available ones',
      text: header + good,
      options: { columns: ['age', 'weight'] },
      message: "missing column 'weight'; the header (line 1) has: 'name', 'age', 'height'",
      line: 1,
      column: 'weight',
    },
    {
      name: 'several missing columns including the label column',
      text: header + good,
      options: { columns: ['weight'], labelColumn: 'sex' },
      message: "missing columns 'weight', 'sex'; the header (line 1) has: 'name', 'age', 'height'",
      line: 1,
      column: 'weight',
    },
    {
      name: 'a requested column named twice in the header',
      text: 'a,b,a\n1,2,3\n',
      options: { columns: ['a'] },
      message: "column 'a' appears twice in the header (line 1, fields 1 and 3), so it is ambiguous",
      line: 1,
      column: 'a',
    },
    {
      name: 'a non-numeric cell',
      text: `${header}${good}p15,abc,1.8\n`,
      message: "line 17, column 'age': 'abc' is not a number",
      line: 17,
      column: 'age',
    },
    {
      name: 'an empty numeric cell',
      text: `${header}${good}p15,,1.8\n`,
      message: "line 17, column 'age': '' is not a number (the cell is empty)",
      line: 17,
      column: 'age',
    },
    {
      name: 'hexadecimal and infinite values, which Number() would accept',
      text: `${header}p0,0x1F,1\n`,
      message: "line 2, column 'age': '0x1F' is not a number",
      line: 2,
      column: 'age',
    },
    { name: 'Infinity', text: `${header}p0,Infinity,1\n`, message: "line 2, column 'age': 'Infinity' is not a number", line: 2, column: 'age' },
    {
      name: 'a number too large for float32',
      text: `${header}p0,1e39,1\n`,
      message: "line 2, column 'age': '1e39' is too large for a 32-bit float",
      line: 2,
      column: 'age',
    },
    {
      name: 'a long bad cell, shortened in the message',
      text: `${header}p0,${'z'.repeat(100)},1\n`,
      message: `line 2, column 'age': '${'z'.repeat(40)}…' is not a number`,
      line: 2,
      column: 'age',
    },
    { name: 'a row with too few fields', text: `${header}${good}p15,33\n`, message: 'line 17: 2 fields, but the header (line 1) has 3', line: 17 },
    { name: 'a row with too many fields', text: `${header}p0,1,2,3\n`, message: 'line 2: 4 fields, but the header (line 1) has 3', line: 2 },
    {
      name: 'an unclosed quote',
      text: `${header}p0,1,2\n"p1,3,4\n`,
      message: `line 3: a quoted field starts here but its closing '"' is missing`,
      line: 3,
    },
    {
      name: 'a quote inside an unquoted field',
      text: `${header}p"0,1,2\n`,
      message: `line 2: '"' inside an unquoted field (field 1); quote the whole field and double the quote: "a""b"`,
      line: 2,
    },
    {
      name: 'text after a closing quote',
      text: `${header}"p0"x,1,2\n`,
      message: `line 2: unexpected 'x' after the closing quote of a quoted field (a quote inside a quoted field must be doubled: "")`,
      line: 2,
    },
    {
      name: 'an empty label',
      text: `${header}p0,1,2\n ,3,4\n`,
      options: { columns: ['age'], labelColumn: 'name' },
      message: "line 3, column 'name': the label is empty",
      line: 3,
      column: 'name',
    },
    {
      name: 'a bad cell after a quoted field spanning lines (lines are physical lines)',
      text: `${header}"two\nlines",1,2\np1,x,3\n`,
      message: "line 4, column 'age': 'x' is not a number",
      line: 4,
      column: 'age',
    },
  ];
  for (const { name, text, options, message, line, column } of cases) {
    it(`reports ${name}`, () => {
      const err = csvError(() => parseCsv(text, options ?? { columns: ['age', 'height'] }));
      expect(err.message).toBe(message);
      expect(err.name).toBe('CsvFormatError');
      expect(err.line).toBe(line);
      expect(err.column).toBe(column);
    });
  }

  it('rejects invalid options as a programming error (RangeError), not a file error', () => {
    expect(() => parseCsv('a\n1\n', { columns: [] })).toThrow(RangeError);
  });
});

describe('loadCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latent-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file and names the data set after it', () => {
    const path = join(dir, 'points.csv');
    writeFileSync(path, 'u,v,k\n1,2,a\n3,4,b\n');
    const ds = loadCsv(path, { columns: ['u', 'v'], labelColumn: 'k' });
    expect(ds.name).toBe('points.csv');
    expect(Array.from(ds.columns.x!.values)).toEqual([1, 2, 3, 4]);
    expect(ds.labelNames).toEqual(['a', 'b']);
  });

  it('puts the file path in format errors, keeping line and column', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'u\n1\nzz\n');
    const err = csvError(() => loadCsv(path, { columns: ['u'] }));
    expect(err.message).toBe(`${path}: line 3, column 'u': 'zz' is not a number`);
    expect(err.line).toBe(3);
    expect(err.column).toBe('u');
  });

  it('names the path when the file cannot be read', () => {
    const path = join(dir, 'absent.csv');
    expect(() => loadCsv(path, { columns: ['u'] })).toThrow(`cannot read CSV file ${path}: no such file`);
  });

  it('names the file as the graph does, never by the absolute path it was read from', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'u\n1\nzz\n');
    const err = csvError(() => loadCsv(path, { columns: ['u'] }, 'data/bad.csv'));
    expect(err.message).toBe("data/bad.csv: line 3, column 'u': 'zz' is not a number");
    expect(() => loadCsv(join(dir, 'absent.csv'), { columns: ['u'] }, 'absent.csv')).toThrow(/^cannot read CSV file absent\.csv: no such file$/);
  });
});

describe('parseCsv: fuzzing', () => {
  const onlyCsvErrors = (text: string): void => {
    for (const options of [{ columns: ['a'] }, { columns: ['a', 'b'], labelColumn: 'c' }]) {
      try {
        parseCsv(text, options);
      } catch (e) {
        if (!(e instanceof CsvFormatError)) throw e;
      }
    }
  };

  it('never throws anything but CsvFormatError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), onlyCsvErrors), { numRuns: 1000 });
  });

  it('never throws anything but CsvFormatError on CSV-like strings', () => {
    const csvish = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ',', '"', '\n', '\r', ' ', '1', '.', 'e', '-', '\uFEFF'), maxLength: 60 });
    const withHeader = fc.tuple(fc.constantFrom('', 'a\n', 'a,b,c\n', 'a,"b",c\r\n'), csvish).map(([h, t]) => h + t);
    fc.assert(fc.property(withHeader, onlyCsvErrors), { numRuns: 3000 });
  });

  it('round-trips generated tables through CSV text', () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== '');
    const value = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
    const table = fc
      .record({
        names: fc.uniqueArray(name, { minLength: 2, maxLength: 5 }),
        rows: fc.integer({ min: 1, max: 8 }),
        eol: fc.constantFrom('\n', '\r\n'),
        finalEol: fc.boolean(),
      })
      .chain(({ names, rows, eol, finalEol }) => {
        const [labelName, ...others] = names as [string, ...string[]];
        return fc.record({
          labelName: fc.constant(labelName),
          header: fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
          features: fc.shuffledSubarray(others, { minLength: 1 }),
          cells: fc.array(fc.tuple(fc.array(value, { minLength: others.length, maxLength: others.length }), name), { minLength: rows, maxLength: rows }),
          quoteAll: fc.boolean(),
          eol: fc.constant(eol),
          finalEol: fc.constant(finalEol),
          others: fc.constant(others),
        });
      });
    const quote = (s: string, always: boolean): string => (always || /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

    fc.assert(
      fc.property(table, ({ labelName, header, features, cells, quoteAll, eol, finalEol, others }) => {
        const lines = [header.map((h) => quote(h, quoteAll)).join(',')];
        for (const [values, label] of cells) {
          const byName = new Map<string, string>(others.map((o, k) => [o, String(values[k])]));
          byName.set(labelName, label);
          lines.push(header.map((h) => quote(byName.get(h) as string, quoteAll)).join(','));
        }
        const text = lines.join(eol) + (finalEol ? eol : '');
        const ds = parseCsv(text, { columns: features, labelColumn: labelName });

        expect(ds.length).toBe(cells.length);
        const expectedX = cells.flatMap(([values]) => features.map((f) => values[others.indexOf(f)] as number));
        expect(Array.from(ds.columns.x!.values)).toEqual(expectedX);
        const names = ds.labelNames!;
        expect(new Set(names).size).toBe(names.length);
        expect(Array.from(ds.columns.label!.values, (i) => names[i])).toEqual(cells.map(([, label]) => label));
      }),
      { numRuns: 300 },
    );
  });
});
