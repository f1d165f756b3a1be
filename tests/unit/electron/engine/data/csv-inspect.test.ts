import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsv } from '../../../../../electron/engine/data/csv';
import { inspectCsvText } from '../../../../../electron/engine/data/csv-inspect';
import { CSV_PREVIEW_ROWS, CSV_PROBLEMS_LISTED, csvInspectionSchema } from '../../../../../shared/protocol/data';

const inspect = (text: string, columns: string[] = ['a', 'b'], labelColumn?: string) =>
  inspectCsvText(text, 'data.csv', { columns, ...(labelColumn !== undefined && { labelColumn }) });

describe('inspectCsvText: each kind of problem, with its line and column', () => {
  const cases: { kind: string; text: string; columns?: string[]; label?: string; line: number; column?: string }[] = [
    { kind: 'empty-file', text: '', line: 1 },
    { kind: 'no-rows', text: '\n\na,b\n', line: 3 },
    { kind: 'missing-column', text: 'a,c\n1,2\n', line: 1, column: 'b' },
    { kind: 'duplicate-column', text: 'a,b,a\n1,2,3\n', line: 1, column: 'a' },
    { kind: 'ragged-row', text: 'a,b\n1,2\n3\n', line: 3 },
    { kind: 'not-a-number', text: 'a,b\n1,2\n3,x\n', line: 3, column: 'b' },
    { kind: 'too-large', text: 'a,b\n1,1e39\n', line: 2, column: 'b' },
    { kind: 'empty-label', text: 'a,b,k\n1,2,\n', label: 'k', line: 2, column: 'k' },
    { kind: 'quoting', text: 'a,b\n1,2\n"3,4\n', line: 3 },
  ];
  for (const c of cases) {
    it(`finds ${c.kind} on line ${c.line}`, () => {
      const r = inspect(c.text, c.columns, c.label);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ kind: c.kind, line: c.line });
      expect(r.problems[0]!.column).toBe(c.column);
    });
  }
});

describe('inspectCsvText', () => {
  it('lists every problem of a file, where the loader stops at the first (the same one)', () => {
    const text = 'a,b\n1,2\n3\nx,4\n5,6,7\n';
    const r = inspect(text);
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([
      ['ragged-row', 3],
      ['not-a-number', 4],
      ['ragged-row', 5],
    ]);
    expect(() => parseCsv(text, { columns: ['a', 'b'] })).toThrow(r.problems[0]!.message);
  });

  it('gives the header and the first rows as written, and counts every row', () => {
    const text = ['x,y,"la, bel"', ...Array.from({ length: 9 }, (_, i) => `${i},${i * 2},"q""${i}"`)].join('\r\n');
    const r = inspect(text, ['x']);
    expect(r.header).toEqual(['x', 'y', 'la, bel']);
    expect(r.preview).toHaveLength(CSV_PREVIEW_ROWS);
    expect(r.preview[1]).toEqual(['1', '2', 'q"1']);
    expect(r.rows).toBe(9);
    expect(r.problems).toEqual([]);
  });

  it('reads the header and rows before any column is chosen', () => {
    const r = inspect('p,q\n1,2\n', []);
    expect(r).toMatchObject({ header: ['p', 'q'], rows: 1, problems: [] });
  });

  it('lists at most CSV_PROBLEMS_LISTED problems and counts the rest', () => {
    const text = ['a,b', ...Array.from({ length: 50 }, () => 'x,1')].join('\n');
    const r = inspect(text);
    expect(r.problems).toHaveLength(CSV_PROBLEMS_LISTED);
    expect(r.moreProblems).toBe(50 - CSV_PROBLEMS_LISTED);
  });

  it('does not add "no data rows" after a quote that swallows the rest of the file', () => {
    expect(inspect('a,b\n"1,2\n').problems.map((p) => p.kind)).toEqual(['quoting']);
  });
});

describe('inspectCsvText: fuzzing', () => {
  const csvish = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ',', '"', '\n', '\r', ' ', '1', '.', 'e', '-', '\uFEFF'), maxLength: 60 });
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.tuple(fc.constantFrom('', 'a\n', 'a,b,c\n', 'a,"b",c\r\n'), csvish).map(([h, t]) => h + t));
  const options = fc.constantFrom<[string[], string | undefined]>([[], undefined], [['a'], undefined], [['a', 'b'], 'c']);

  it('never throws, gives a result the protocol accepts, and puts every problem on a line', () => {
    fc.assert(
      fc.property(text, options, (t, [columns, label]) => {
        const r = inspect(t, columns, label);
        expect(csvInspectionSchema.safeParse(r).success).toBe(true);
        for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the loader: no problem exactly when it loads, else its first problem is the error the loader throws', () => {
    fc.assert(
      fc.property(text, options.filter(([c]) => c.length > 0), (t, [columns, label]) => {
        const r = inspect(t, columns, label);
        let thrown: CsvFormatError | undefined;
        try {
          parseCsv(t, { columns, ...(label !== undefined && { labelColumn: label }) });
        } catch (e) {
          if (!(e instanceof CsvFormatError)) throw e;
          thrown = e;
        }
        if (thrown === undefined) expect(r.problems).toEqual([]);
        else expect(r.problems[0]).toMatchObject({ kind: thrown.kind, message: thrown.message, line: thrown.line });
      }),
      { numRuns: 3000 },
    );
  });
});
