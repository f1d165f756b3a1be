import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining } from '../../../../../electron/engine/train/trainer';
import { scheduleOf } from '../../../../../electron/engine/train/schedule';
import { loadExample } from '../../../../helpers/examples';

beforeAll(async () => {
  await initBackend('cpu');
});

/** The M2 template on its first 2,000 digits, 200 of them labelled. */
function m2(labelledPerBatch?: number) {
  const doc = loadExample('m2-mnist');
  const mnist = doc.graph.nodes.find((n) => n.id === 'mnist')!;
  mnist.params = { ...mnist.params, limit: 2000, labelled: 200 };
  if (labelledPerBatch === undefined) delete mnist.params.labelledPerBatch;
  else mnist.params.labelledPerBatch = labelledPerBatch;
  return prepareTraining(doc, '.', 0);
}

describe('the batches of a semi-supervised run', () => {
  it('carry the labelled rows per batch that the MNIST node asks for, its labels known, the rest −1', () => {
    const p = m2(32);
    const schedule = scheduleOf(p, 128, 0);
    const label = p.data.train.columns.label!.values;
    for (const step of [0, 1, 57]) {
      const idx = schedule.indicesAt(step);
      expect(idx).toHaveLength(128);
      expect(Array.from(idx.slice(0, 32), (i) => label[i]! >= 0)).toEqual(Array(32).fill(true));
      expect(Array.from(idx.slice(32), (i) => label[i])).toEqual(Array(96).fill(-1));
    }
    // An epoch is a pass over the 1,800 unlabelled digits, 96 a batch.
    expect(schedule.stepsPerEpoch).toBe(Math.ceil(1800 / 96));
    p.model.dispose();
  });

  it('are plain shuffled epochs without labelled rows per batch', () => {
    const p = m2();
    const schedule = scheduleOf(p, 128, 0);
    expect(schedule.stepsPerEpoch).toBe(Math.ceil(2000 / 128));
    const seen = new Set<number>();
    for (let s = 0; s < schedule.stepsPerEpoch; s++) schedule.indicesAt(s).forEach((i) => seen.add(i));
    expect(seen.size).toBe(2000);
    p.model.dispose();
  });

  it('name the MNIST node when its labelled rows per batch do not fit the batch', () => {
    // Validation refuses it with the graph's batch size; the schedule refuses it for any other.
    expect(() => m2(128)).toThrow(/MNIST mnist puts 128 labelled rows in each batch of 128, which leaves none for unlabelled rows/);
    const p = m2(64);
    expect(() => scheduleOf(p, 64, 0)).toThrow(/^MNIST node mnist: labelled rows per batch must be a whole number from 1 to 63/);
    p.model.dispose();
  });
});
