import { describe, expect, it } from 'vitest';
import { createDataset, gatherRows, subset, type DataColumn } from '../../../../../electron/engine/data/dataset';

const wide: DataColumn = { size: 3, domain: 'real', values: Float32Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]) };
const narrow: DataColumn = { size: 1, domain: 'index', categories: 3, values: Float32Array.from([0, 1, 2]) };

describe('gatherRows', () => {
  it('copies whole rows in the order given, repeats allowed', () => {
    expect(Array.from(gatherRows(wide, [2, 0, 2]))).toEqual([20, 21, 22, 0, 1, 2, 20, 21, 22]);
    expect(Array.from(gatherRows(narrow, Int32Array.from([1, 1, 0])))).toEqual([1, 1, 0]);
  });

  it('writes into a given output buffer, which may be larger than needed', () => {
    const out = new Float32Array(7).fill(-1);
    expect(gatherRows(wide, [1, 0], out)).toBe(out);
    expect(Array.from(out)).toEqual([10, 11, 12, 0, 1, 2, -1]);
  });

  it('rejects out-of-range or fractional indices and too small outputs', () => {
    expect(() => gatherRows(wide, [3])).toThrow(/index 3 at position 0 is not a row of a column with 3 rows/);
    expect(() => gatherRows(wide, [-1])).toThrow(RangeError);
    expect(() => gatherRows(wide, [0.5])).toThrow(RangeError);
    expect(() => gatherRows(wide, [0, 1], new Float32Array(5))).toThrow(/needs 6/);
  });

  it('gathers a 128 × 784 batch quickly', () => {
    const big: DataColumn = { size: 784, domain: 'unit', values: new Float32Array(60_000 * 784) };
    const idx = Int32Array.from({ length: 128 }, (_, i) => (i * 467) % 60_000);
    const out = new Float32Array(128 * 784);
    const t0 = performance.now();
    for (let r = 0; r < 200; r++) gatherRows(big, idx, out);
    expect((performance.now() - t0) / 200).toBeLessThan(2); // ms per batch; typically ~0.05
  });
});

describe('createDataset and subset', () => {
  it('checks that every column has the declared number of rows', () => {
    expect(() => createDataset('d', 4, { x: wide })).toThrow("data set 'd', column 'x': expected 4 rows of 3 (12 values), got 9 values");
    // A row of several ids (a text's tokens) is an index column too, and needs its number of ids as well.
    expect(createDataset('d', 3, { y: { size: 2, domain: 'index', categories: 2, values: new Float32Array(6) } }).columns.y!.size).toBe(2);
    expect(() => createDataset('d', 3, { y: { size: 2, domain: 'index', values: new Float32Array(6) } })).toThrow(/categories/);
    expect(() => createDataset('d', 3, { y: { size: 1, domain: 'index', values: new Float32Array(3) } })).toThrow(/categories/);
  });

  it('subset takes rows of every column together and copies them', () => {
    const ds = createDataset('d', 3, { x: wide, label: narrow });
    const sub = subset(ds, [2, 1]);
    expect(sub.length).toBe(2);
    expect(sub.name).toBe('d');
    expect(Array.from(sub.columns.x!.values)).toEqual([20, 21, 22, 10, 11, 12]);
    expect(sub.columns.label).toMatchObject({ domain: 'index', categories: 3 });
    expect(Array.from(sub.columns.label!.values)).toEqual([2, 1]);
    sub.columns.x!.values[0] = 99;
    expect(wide.values[6]).toBe(20);
    expect(() => subset(createDataset('empty', 3, {}), [3])).toThrow(/not a row of 'empty'/);
  });
});
