import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { counts } from '../../../../../electron/engine/data/counts';
import { createDataset } from '../../../../../electron/engine/data/dataset';
import { BatchMaker } from '../../../../../electron/engine/train/batch';
import { prepareTraining } from '../../../../../electron/engine/train/trainer';
import { loadExample } from '../../../../helpers/examples';

beforeAll(async () => {
  await initBackend('wasm');
});

const base = { process: 'poisson', rate: 3, weibullScale: 3, weibullConcentration: 2, seed: 0 } as const;

describe('count data', () => {
  it('draws Poisson counts whose mean and variance are the rate (within 4 standard errors)', () => {
    for (const rate of [0.4, 7, 1200]) {
      const x = Array.from(counts({ ...base, n: 8000, rate }).dataset.columns.x!.values);
      expect(x.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1);
      // The mean's standard error is √(rate / n); the variance's about rate·√(2 / n) (near-Gaussian for large rates).
      expect(Math.abs(mean - rate), `rate ${rate}`).toBeLessThan(4 * Math.sqrt(rate / x.length));
      expect(Math.abs(variance - rate), `rate ${rate}`).toBeLessThan(4 * Math.sqrt((rate + 2 * rate * rate) / x.length));
    }
  });

  it('draws the Weibull–Poisson process\'s rate once, from the Weibull (its mean over seeds is λΓ(1 + 1/k))', () => {
    const rates = Array.from({ length: 2000 }, (_, seed) => counts({ ...base, process: 'weibull-poisson', n: 10, seed }).rate);
    const mean = rates.reduce((s, v) => s + v, 0) / rates.length;
    // Weibull(scale 3, concentration 2): mean 3 Γ(1.5) = 2.6587, sd 3 √(1 − Γ(1.5)²) = 1.3898.
    expect(Math.abs(mean - 2.6587)).toBeLessThan(4 * 1.3898 / Math.sqrt(rates.length));
    const { dataset, rate } = counts({ ...base, process: 'weibull-poisson', n: 5000, seed: 4 });
    const x = Array.from(dataset.columns.x!.values);
    expect(Math.abs(x.reduce((s, v) => s + v, 0) / x.length - rate)).toBeLessThan(4 * Math.sqrt(rate / x.length));
  });

  it('is the same for the same options and differs for another seed', () => {
    const a = counts({ ...base, n: 200 }).dataset.columns.x!.values;
    expect(counts({ ...base, n: 200 }).dataset.columns.x!.values).toEqual(a);
    expect(counts({ ...base, n: 200, seed: 1 }).dataset.columns.x!.values).not.toEqual(a);
  });

  it('refuses a count column that holds something other than whole numbers ≥ 0', () => {
    expect(() => createDataset('c', 2, { x: { size: 1, domain: 'count', values: Float32Array.from([1, 2.5]) } })).toThrow("data set 'c', column 'x': counts must be whole numbers ≥ 0, got 2.5 in row 1");
    expect(() => counts({ ...base, n: 10, rate: 0 })).toThrow('counts rate must be a finite number > 0, got 0');
  });

  it('trains the ADVI model on counts from a CSV file as on the counts node', () => {
    const dir = mkdtempSync(join(tmpdir(), 'advi-csv-'));
    const values = Array.from(counts({ ...base, n: 50, rate: 5 }).dataset.columns.x!.values);
    writeFileSync(join(dir, 'counts.csv'), `events\n${values.join('\n')}\n`);
    const doc = loadExample('advi-weibull-poisson');
    const data = doc.graph.nodes.find((n) => n.id === 'counts')!;
    data.kind = 'data.csv';
    data.params = { path: 'counts.csv', columns: ['events'], heldOutFraction: 0.2, seed: 0 };
    const p = prepareTraining(doc, dir);
    expect(p.model.trainingExamples).toBe(40);
    const batch = new BatchMaker(p.data.train, p.columns).make(Int32Array.from({ length: 8 }, (_, i) => i));
    const elbo = tf.tidy(() => Array.from(p.model.run(batch, 1).elbo.dataSync()));
    p.model.dispose();
    expect(elbo.every(Number.isFinite)).toBe(true);
  });
});
