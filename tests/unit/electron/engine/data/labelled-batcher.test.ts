import { describe, expect, it } from 'vitest';
import { LabelledBatchSchedule } from '../../../../../electron/engine/data/labelled-batcher';

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

describe('batches with a fixed number of labelled rows', () => {
  // Rows 0..9 labelled, 10..109 unlabelled; 4 labelled + 16 unlabelled per batch.
  const labelled = range(0, 10);
  const unlabelled = range(10, 110);
  const schedule = new LabelledBatchSchedule(labelled, unlabelled, 20, 4, 7);

  it('puts labelledPerBatch labelled rows first in every batch, unlabelled rows in the rest', () => {
    for (let step = 0; step < 30; step++) {
      const idx = Array.from(schedule.indicesAt(step));
      expect(idx).toHaveLength(20);
      expect(idx.slice(0, 4).every((i) => i < 10)).toBe(true);
      expect(idx.slice(4).every((i) => i >= 10)).toBe(true);
    }
  });

  it('sees every unlabelled row once per epoch and every labelled row once per pass over them', () => {
    expect(schedule.stepsPerEpoch).toBe(Math.ceil(100 / 16));
    // 100 unlabelled rows at 16 a step: the first 6 steps hold 96 distinct ones.
    const seen = new Set<number>();
    for (let s = 0; s < 6; s++) schedule.indicesAt(s).slice(4).forEach((i) => seen.add(i));
    expect(seen.size).toBe(96);
    // 10 labelled rows at 4 a step: steps 0 and 1 hold 8 distinct ones, and the 10 come round every 2.5 steps.
    const first = [...schedule.indicesAt(0).slice(0, 4), ...schedule.indicesAt(1).slice(0, 4)];
    expect(new Set(first).size).toBe(8);
    const five = new Set<number>();
    for (let s = 0; s < 5; s++) schedule.indicesAt(s).slice(0, 4).forEach((i) => five.add(i));
    expect(five.size).toBe(10);
  });

  it('is a pure function of the step (a resumed run sees the same batches) and of the seed', () => {
    const again = new LabelledBatchSchedule(labelled, unlabelled, 20, 4, 7);
    expect(Array.from(again.indicesAt(17))).toEqual(Array.from(schedule.indicesAt(17)));
    expect(Array.from(again.indicesAt(3))).toEqual(Array.from(schedule.indicesAt(3)));
    const other = new LabelledBatchSchedule(labelled, unlabelled, 20, 4, 8);
    expect(Array.from(other.indicesAt(0))).not.toEqual(Array.from(schedule.indicesAt(0)));
  });

  it('refuses sizes that do not fit, saying which', () => {
    expect(() => new LabelledBatchSchedule(labelled, unlabelled, 20, 20, 0)).toThrow(/from 1 to 19/);
    expect(() => new LabelledBatchSchedule(range(0, 3), unlabelled, 20, 4, 0)).toThrow(/4 labelled rows per batch, but only 3 examples are labelled/);
    expect(() => new LabelledBatchSchedule(labelled, new Int32Array(0), 20, 4, 0)).toThrow(/need unlabelled rows/);
  });
});
