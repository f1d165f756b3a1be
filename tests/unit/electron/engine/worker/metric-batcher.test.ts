import { describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../../../../electron/engine/worker/messages';
import { MetricBatcher } from '../../../../../electron/engine/worker/metric-batcher';

const record = (step: number): MetricRecord => ({ step, totalSteps: 1000, elbo: -step, reconstruction: -step, kl: {}, learningRate: 1e-3, stepsPerSec: 100 });

describe('MetricBatcher', () => {
  it('flushes at most ten times a second however fast records arrive, losing none', () => {
    let now = 0;
    const batches: MetricRecord[][] = [];
    const b = new MetricBatcher((batch) => batches.push(batch), { now: () => now, schedule: null });
    // 1000 records over 2 s: one every 2 ms.
    for (let i = 1; i <= 1000; i++) {
      b.push(record(i));
      now += 2;
    }
    b.flush();
    expect(batches.length).toBeLessThanOrEqual(21);
    expect(batches.length).toBeGreaterThanOrEqual(19);
    expect(batches.flat().map((r) => r.step)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('sends a record at once when the last flush is old, and flush() empties the rest', () => {
    let now = 0;
    const batches: MetricRecord[][] = [];
    const b = new MetricBatcher((batch) => batches.push(batch), { now: () => now, schedule: null });
    b.push(record(1));
    expect(batches).toHaveLength(1);
    now = 50;
    b.push(record(2));
    expect(batches).toHaveLength(1);
    expect(b.size).toBe(1);
    b.flush();
    b.flush(); // nothing pending: no empty batch
    expect(batches.map((x) => x.map((r) => r.step))).toEqual([[1], [2]]);
  });

  it('flushes held-back records when the interval ends even if nothing else arrives', () => {
    let now = 0;
    const timers: { fn: () => void; ms: number }[] = [];
    const batches: MetricRecord[][] = [];
    const b = new MetricBatcher((batch) => batches.push(batch), {
      now: () => now,
      schedule: (fn, ms) => {
        timers.push({ fn, ms });
        return () => {};
      },
    });
    b.push(record(1));
    now = 30;
    b.push(record(2));
    b.push(record(3)); // one timer is enough
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(70);
    now = 100;
    timers[0]!.fn();
    expect(batches.map((x) => x.map((r) => r.step))).toEqual([[1], [2, 3]]);
  });
});
