import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchSchedule } from '../../../../../electron/engine/data/batcher';

describe('BatchSchedule', () => {
  it('has ⌈length / batchSize⌉ steps per epoch, with a smaller last batch', () => {
    const s = new BatchSchedule(10, 4, 0);
    expect(s.stepsPerEpoch).toBe(3);
    expect([0, 1, 2, 3].map((step) => s.indicesAt(step).length)).toEqual([4, 4, 2, 4]);
    expect([0, 1, 2, 3].map((step) => s.sizeAt(step))).toEqual([4, 4, 2, 4]);
    expect(s.positionOf(7)).toEqual({ epoch: 2, batch: 1 });
  });

  it('gives one batch of everything when the batch is larger than the data', () => {
    const s = new BatchSchedule(5, 128, 1);
    expect(s.stepsPerEpoch).toBe(1);
    expect(Array.from(s.indicesAt(0)).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('sees every example exactly once per epoch, in a different order each epoch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 64 }), fc.integer(), (length, batchSize, seed) => {
        const s = new BatchSchedule(length, batchSize, seed);
        const orders: number[][] = [];
        for (let epoch = 0; epoch < 3; epoch++) {
          const seen: number[] = [];
          for (let b = 0; b < s.stepsPerEpoch; b++) seen.push(...s.indicesAt(epoch * s.stepsPerEpoch + b));
          expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, i) => i));
          orders.push(seen);
        }
        if (length >= 8) expect(orders[0]).not.toEqual(orders[1]);
      }),
      { numRuns: 200 },
    );
  });

  it('resumes exactly: indicesAt(step) equals a fresh schedule’s indicesAt(step), in any access order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer(),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }),
        (length, batchSize, seed, steps) => {
          const longRunning = new BatchSchedule(length, batchSize, seed);
          for (let step = 0; step < 10; step++) longRunning.indicesAt(step);
          for (const step of steps) {
            expect(longRunning.indicesAt(step)).toEqual(new BatchSchedule(length, batchSize, seed).indicesAt(step));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('differs between seeds and is stable for a seed', () => {
    expect(new BatchSchedule(100, 10, 1).indicesAt(0)).toEqual(new BatchSchedule(100, 10, 1).indicesAt(0));
    expect(new BatchSchedule(100, 10, 1).indicesAt(0)).not.toEqual(new BatchSchedule(100, 10, 2).indicesAt(0));
  });

  it('returns fresh arrays, so a caller modifying a batch cannot corrupt the schedule', () => {
    const s = new BatchSchedule(20, 5, 3);
    const first = s.indicesAt(0);
    const copy = Array.from(first);
    first.fill(-1);
    expect(Array.from(s.indicesAt(0))).toEqual(copy);
  });

  it('is cheap when stepped sequentially (one permutation per epoch)', () => {
    const s = new BatchSchedule(60_000, 128, 4);
    const t0 = performance.now();
    for (let step = 0; step < 3 * s.stepsPerEpoch; step++) s.indicesAt(step);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('rejects invalid arguments', () => {
    expect(() => new BatchSchedule(0, 1, 0)).toThrow(RangeError);
    expect(() => new BatchSchedule(10, 0, 0)).toThrow(RangeError);
    expect(() => new BatchSchedule(10, 2.5, 0)).toThrow(RangeError);
    expect(() => new BatchSchedule(10, 2, 0.5)).toThrow(RangeError);
    expect(() => new BatchSchedule(10, 2, 0).indicesAt(-1)).toThrow(RangeError);
    expect(() => new BatchSchedule(10, 2, 0).indicesAt(1.5)).toThrow(RangeError);
  });
});
