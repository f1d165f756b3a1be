import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../../../../shared/protocol/runs';
import type { Prepared } from '../../../../../electron/engine/train/trainer';
import { InspectionSchedule, type InspectionScheduleOptions } from '../../../../../electron/engine/worker/inspection-schedule';

/** Only the seed is read from the model when no real build runs. */
const prepared = { model: { training: { seed: 3 } }, data: {} } as unknown as Pick<Prepared, 'model' | 'data'>;

function schedule(options: Omit<InspectionScheduleOptions, 'now'> = {}) {
  let now = 0;
  const posted: number[] = [];
  const logs: string[] = [];
  const s = new InspectionSchedule(prepared, (i) => posted.push(i.step), {
    now: () => now,
    build: (_p, step) => ({ step }),
    log: (m) => logs.push(m),
    ...options,
  });
  return { s, posted, logs, advance: (ms: number) => (now += ms) };
}

describe('InspectionSchedule', () => {
  it('inspects at the first report, then at reports once everyMs have passed, and at each segment end', () => {
    const { s, posted, advance } = schedule({ everyMs: 1000 });
    s.atReport(10); // first: at once
    advance(400);
    s.atReport(20);
    advance(599);
    s.atReport(30); // 999 ms since the last
    advance(1);
    s.atReport(40); // 1000 ms
    advance(100);
    s.atReport(50);
    s.atSegmentEnd(50);
    s.atSegmentEnd(60);
    s.atSegmentEnd(60); // the same step again: nothing new to show
    expect(posted).toEqual([10, 40, 50, 60]);
  });

  it('spaces slow inspections so that they take at most 5% of the time, counting from their end', () => {
    let now = 0;
    const posted: number[] = [];
    const s = new InspectionSchedule(prepared, (i) => posted.push(i.step), {
      everyMs: 1000,
      now: () => now,
      build: (_p, step) => {
        now += 200; // 200 ms each: 19 × 200 = 3800 ms of training before the next
        return { step };
      },
    });
    s.atReport(1);
    now += 3799;
    s.atReport(2);
    now += 1;
    s.atReport(3);
    s.atSegmentEnd(4); // the end of a segment is always shown
    expect(posted).toEqual([1, 3, 4]);
  });

  it('never inspects when everyMs is 0', () => {
    const { s, posted, advance } = schedule({ everyMs: 0 });
    s.atReport(10);
    advance(1e9);
    s.atReport(20);
    s.atSegmentEnd(30);
    expect(posted).toEqual([]);
  });

  it('defaults to every 3 seconds', () => {
    const { s, posted, advance } = schedule();
    s.atReport(1);
    advance(2999);
    s.atReport(2);
    advance(1);
    s.atReport(3);
    expect(posted).toEqual([1, 3]);
  });

  it('skips an inspection that throws or that the protocol would reject, logging only the first failure', () => {
    const bad: Inspection = { step: 2, latentMaps: [{ latent: 'z', method: 'identity', points: [0, Number.NaN] }] };
    const { s, posted, logs, advance } = schedule({
      everyMs: 10,
      build: (_p, step) => {
        if (step === 1) throw new Error('no memory for pictures');
        return step === 2 ? bad : { step };
      },
    });
    expect(() => s.atReport(1)).not.toThrow();
    advance(10);
    expect(() => s.atReport(2)).not.toThrow();
    advance(10);
    s.atReport(3);
    expect(posted).toEqual([3]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/inspection at step 1 failed.*no memory for pictures/s);
  });
});
