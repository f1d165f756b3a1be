import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../../../../electron/engine/data/dataset';
import { loadMnist, MNIST_PIXELS } from '../../../../../electron/engine/data/mnist';

// Spy on file reads to check the per-process cache (the loader imports readFileSync from node:fs).
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

// The full training set is 188 MB as float32; build it once and share it between the tests.
let trainSet: Dataset | undefined;
const train = (): Dataset => (trainSet ??= loadMnist({ split: 'train', pixels: 'binarized' }));

const reads = (): string[] => vi.mocked(readFileSync).mock.calls.map((c) => String(c[0]));

describe('loadMnist', () => {
  // First in the file, so that it measures a cold load: reading and parsing 47 MB, then converting.
  // Alone it takes ~0.1 s for the read and ~0.6 s for the first touch of the 188 MB float array on
  // the CI VM (page faults dominate); the bound leaves room for other test files running in parallel
  // while still catching a per-pixel slow path, which would take many seconds.
  it('loads the full training set in a few seconds at most', () => {
    const t0 = performance.now();
    const ds = (trainSet = loadMnist({ split: 'train', pixels: 'binarized' }));
    const ms = performance.now() - t0;
    console.info(`MNIST train (60000 × 784, binarized) cold load: ${ms.toFixed(0)} ms`);
    expect(ds.length).toBe(60_000);
    expect(ms).toBeLessThan(6000);
  });

  it('reads the files only once per process', () => {
    const before = reads().length;
    loadMnist({ split: 'train', pixels: 'grey', limit: 10 });
    loadMnist({ split: 'train', pixels: 'binarized', limit: 20 });
    expect(reads().length).toBe(before);
    expect(reads().filter((p) => p.endsWith('train-images-idx3-ubyte'))).toHaveLength(1);
  });

  it('has 60000 training examples whose first label is 5', () => {
    const ds = train();
    const x = ds.columns.x!;
    const label = ds.columns.label!;
    expect(ds.length).toBe(60_000);
    expect(x.size).toBe(MNIST_PIXELS);
    expect(x.values.length).toBe(60_000 * 784);
    expect(label).toMatchObject({ size: 1, domain: 'index', categories: 10 });
    expect(Array.from(label.values.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  });

  it('has the well-known class counts of the training set', () => {
    const counts = new Array<number>(10).fill(0);
    for (const l of train().columns.label!.values) counts[l] = (counts[l] as number) + 1;
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('binarizes at pixel > 127 to values 0 and 1 only, with 13.23% of training pixels on', () => {
    const x = train().columns.x!;
    expect(x.domain).toBe('binary');
    let ones = 0;
    let others = 0;
    for (const v of x.values) {
      if (v === 1) ones++;
      else if (v !== 0) others++;
    }
    expect(others).toBe(0);
    expect(ones).toBe(6_221_431);
    expect(ones / x.values.length).toBeCloseTo(0.1323, 4);
  });

  it('has 10000 test examples, first label 7, grey pixels in [0, 1] reaching both ends', () => {
    const ds = loadMnist({ split: 'test', pixels: 'grey' });
    const x = ds.columns.x!;
    expect(ds.length).toBe(10_000);
    expect(x.domain).toBe('unit');
    expect(ds.columns.label!.values[0]).toBe(7);
    let min = Infinity;
    let max = -Infinity;
    for (const v of x.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
  });

  it('grey and binarized pixels agree: binarized is grey > 127/255', () => {
    const grey = loadMnist({ split: 'test', pixels: 'grey', limit: 50 }).columns.x!.values;
    const bin = loadMnist({ split: 'test', pixels: 'binarized', limit: 50 }).columns.x!.values;
    for (let i = 0; i < grey.length; i++) {
      if (bin[i] !== (grey[i]! * 255 > 127.5 ? 1 : 0)) expect.unreachable(`pixel ${i}: grey ${grey[i]} vs binarized ${bin[i]}`);
    }
  });

  it('limit takes the first examples, and all of them when it exceeds the split', () => {
    const full = train();
    const some = loadMnist({ split: 'train', pixels: 'binarized', limit: 100 });
    expect(some.length).toBe(100);
    expect(some.columns.x!.values).toEqual(full.columns.x!.values.subarray(0, 100 * 784));
    expect(some.columns.label!.values).toEqual(full.columns.label!.values.subarray(0, 100));
    expect(loadMnist({ split: 'test', pixels: 'grey', limit: 1_000_000 }).length).toBe(10_000);
    expect(loadMnist({ split: 'test', pixels: 'grey', limit: 0 }).length).toBe(0);
    expect(() => loadMnist({ split: 'test', pixels: 'grey', limit: -1 })).toThrow(RangeError);
    expect(() => loadMnist({ split: 'test', pixels: 'grey', limit: 2.5 })).toThrow(RangeError);
  });

  it('returns fresh arrays, so one caller cannot corrupt what another loads', () => {
    const a = loadMnist({ split: 'test', pixels: 'binarized', limit: 1 });
    a.columns.x!.values.fill(7);
    const b = loadMnist({ split: 'test', pixels: 'binarized', limit: 1 });
    expect(b.columns.x!.values.every((v) => v === 0 || v === 1)).toBe(true);
  });
});
