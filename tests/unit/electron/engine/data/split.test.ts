import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDataset, type Dataset } from '../../../../../electron/engine/data/dataset';
import { parseCsv } from '../../../../../electron/engine/data/csv';
import { splitHeldOut } from '../../../../../electron/engine/data/split';

/** A data set whose `id` column holds each row's original index, so splits can be traced back. */
function ids(n: number): Dataset {
  return createDataset('ids', n, {
    id: { size: 1, domain: 'real', values: Float32Array.from({ length: n }, (_, i) => i) },
    pair: { size: 2, domain: 'real', values: Float32Array.from({ length: 2 * n }, (_, i) => Math.floor(i / 2) * 10 + (i % 2)) },
  });
}
const idsOf = (ds: Dataset): number[] => Array.from(ds.columns.id!.values);

describe('splitHeldOut', () => {
  it('splits into disjoint parts that together cover every row once', () => {
    const { train, heldOut } = splitHeldOut(ids(1000), { fraction: 0.2, seed: 1 });
    expect(heldOut.length).toBe(200);
    expect(train.length).toBe(800);
    const all = [...idsOf(train), ...idsOf(heldOut)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('moves whole rows: every column stays aligned', () => {
    const { heldOut } = splitHeldOut(ids(50), { fraction: 0.3, seed: 2 });
    const pair = heldOut.columns.pair!.values;
    idsOf(heldOut).forEach((id, k) => {
      expect(pair[2 * k]).toBe(id * 10);
      expect(pair[2 * k + 1]).toBe(id * 10 + 1);
    });
  });

  it('is deterministic for a seed, differs between seeds, and keeps original order within each part', () => {
    const a = splitHeldOut(ids(100), { fraction: 0.25, seed: 3 });
    const b = splitHeldOut(ids(100), { fraction: 0.25, seed: 3 });
    const c = splitHeldOut(ids(100), { fraction: 0.25, seed: 4 });
    expect(idsOf(a.heldOut)).toEqual(idsOf(b.heldOut));
    expect(idsOf(a.heldOut)).not.toEqual(idsOf(c.heldOut));
    const held = idsOf(a.heldOut);
    expect(held).toEqual([...held].sort((x, y) => x - y));
  });

  it('picks a random part, not the first or last rows', () => {
    const held = idsOf(splitHeldOut(ids(1000), { fraction: 0.5, seed: 5 }).heldOut);
    const mean = held.reduce((s, v) => s + v, 0) / held.length;
    expect(Math.abs(mean - 499.5)).toBeLessThan(30); // sd of the mean ≈ 9
  });

  it('never leaves a part empty, whatever the fraction and length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), fc.integer(), (n, fraction, seed) => {
        const { train, heldOut } = splitHeldOut(ids(n), { fraction, seed });
        expect(train.length).toBeGreaterThanOrEqual(1);
        expect(heldOut.length).toBeGreaterThanOrEqual(1);
        expect(train.length + heldOut.length).toBe(n);
        expect(new Set([...idsOf(train), ...idsOf(heldOut)]).size).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the extra fields of an extended data set, such as CSV label names', () => {
    const csv = parseCsv('v,k\n1,a\n2,b\n3,a\n4,b\n', { columns: ['v'], labelColumn: 'k' });
    const { train, heldOut } = splitHeldOut(csv, { fraction: 0.5, seed: 0 });
    expect(train.labelNames).toEqual(['a', 'b']);
    expect(heldOut.labelNames).toEqual(['a', 'b']);
    expect(heldOut.name).toBe('csv (held out)');
  });

  it('rejects fractions outside (0, 1) and data sets too small to split', () => {
    for (const fraction of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => splitHeldOut(ids(10), { fraction, seed: 0 })).toThrow(RangeError);
    }
    expect(() => splitHeldOut(ids(1), { fraction: 0.5, seed: 0 })).toThrow(/need at least 2/);
  });
});
