/**
 * The torch-continuous.json fixture (written by make_fixture_continuous.py) and the checks the
 * continuous-family tests share: sample moments against the fixture's mean and variance, and the
 * structural checks every family gets.
 */
import { readFileSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

import { FAMILY_PARAMS, makeDistribution } from '../../../../../electron/engine/distributions';
import type { Distribution, Family } from '../../../../../electron/engine/distributions';
import { column, flat, meanOf, paramTensors, values } from './support';
import type { FamilyCase } from './support';

type Nested = number | Nested[];

export interface ContinuousCase extends FamilyCase {
  variance: Nested;
}

export interface Moments {
  params: Record<string, Nested>;
  mean: Nested;
  variance: Nested;
}

export interface ContinuousKlCase {
  name: string;
  source: string;
  q: { family: Family; params: Record<string, Nested> };
  p: { family: Family; params: Record<string, Nested> };
  kl: number[];
}

export interface KumaraswamyBetaCase {
  name: string;
  q: { family: 'kumaraswamy'; params: Record<string, Nested> };
  p: { family: 'beta'; params: Record<string, Nested> };
  series_m10: Nested;
  series_m2000: Nested;
  exact: Nested;
  truncation_error_m10: Nested;
  truncation_error_m2000: Nested;
  mc_mean: Nested;
  mc_se: Nested;
  mc_samples: number;
}

export type ContinuousFamily = 'beta' | 'kumaraswamy' | 'gamma' | 'weibull' | 'lognormal' | 'laplace';

export interface ContinuousReference {
  torch_version: string;
  special: {
    x: number[];
    lgamma: number[];
    digamma: number[];
    trigamma: number[];
    log_beta: { a: number[]; b: number[]; value: number[] };
  };
  beta: ContinuousCase[];
  kumaraswamy: ContinuousCase[];
  gamma: ContinuousCase[];
  weibull: ContinuousCase[];
  lognormal: ContinuousCase[];
  laplace: ContinuousCase[];
  moments: Record<ContinuousFamily, Moments>;
  kl: ContinuousKlCase[];
  kl_kumaraswamy_beta: KumaraswamyBetaCase[];
}

/** tests/fixtures/distributions/torch-continuous.json. */
export const continuousReference: ContinuousReference = JSON.parse(
  readFileSync(new URL('../../../../fixtures/distributions/torch-continuous.json', import.meta.url), 'utf8'),
) as ContinuousReference;

/** Draws per sampling test: enough for 5-standard-error bounds of a few percent, fast on both backends. */
export const DRAWS = 20000;

/**
 * Sample moments of `draws` (`[DRAWS, n]`) against the fixture's mean and variance, column by
 * column, within `k` standard errors: σ/√N for the mean, and √((m₄ − s⁴)/N) for the variance with
 * the fourth central moment m₄ estimated from the same draws (so heavy-tailed families get the
 * wider bound they need).
 */
export function expectMoments(draws: tf.Tensor, m: Moments, k = 5): void {
  const n = draws.shape[1] as number;
  const rows = draws.shape[0] as number;
  const all = values(draws);
  const means = flat(m.mean);
  const variances = flat(m.variance);
  for (let j = 0; j < n; j++) {
    const x = column(all, n, j);
    const mu = meanOf(x);
    const s2 = x.reduce((s, v) => s + (v - mu) ** 2, 0) / (rows - 1);
    const m4 = x.reduce((s, v) => s + (v - mu) ** 4, 0) / rows;
    const trueMean = means[j] as number;
    const trueVar = variances[j] as number;
    const meanTol = k * Math.sqrt(trueVar / rows);
    const varTol = k * Math.sqrt(Math.max(m4 - s2 * s2, 0) / rows);
    if (!(Math.abs(mu - trueMean) <= meanTol)) {
      throw new Error(`column ${j}: sample mean ${mu}, expected ${trueMean} ± ${meanTol}`);
    }
    if (!(Math.abs(s2 - trueVar) <= varTol)) {
      throw new Error(`column ${j}: sample variance ${s2}, expected ${trueVar} ± ${varTol}`);
    }
  }
}

/** Parameters of a fixture entry as tensors, in the order of the family's constructor. */
export function orderedParams(family: Family, params: Record<string, Nested>): tf.Tensor[] {
  const names = FAMILY_PARAMS[family] as readonly string[];
  const ts = paramTensors(params);
  return names.map((name) => ts[name] as tf.Tensor);
}

/** makeDistribution builds `family` from its torch parameter names, as an instance of `cls`, and rejects a misspelling. */
export function expectBuiltByName(
  family: Family,
  cls: new (...args: never[]) => Distribution,
  names: readonly string[],
  traits: { hasRsample: boolean; support: string },
): void {
  expect(FAMILY_PARAMS[family]).toEqual(names);
  tf.tidy(() => {
    const params = Object.fromEntries(names.map((name) => [name, tf.ones([2, 3])]));
    const d = makeDistribution(family, params);
    expect(d).toBeInstanceOf(cls);
    expect([d.family, d.batchSize, d.eventSize, d.components]).toEqual([family, 2, 3, 3]);
    expect([d.hasRsample, d.support]).toEqual([traits.hasRsample, traits.support]);
    expect(Object.keys(d.paramConstraints).sort()).toEqual([...names].sort());
    const misspelt = { ...params, [`${names[0] as string}s`]: tf.ones([3]) };
    delete misspelt[names[0] as string];
    expect(() => makeDistribution(family, misspelt)).toThrow(/missing/);
  });
}

/** The structural contract every family shares: shapes for shared parameters, and logProb = Σ logProbPerDim. */
export function expectShapes(d: Distribution, value: tf.Tensor, rows: number): void {
  tf.tidy(() => {
    const n = d.eventSize;
    expect(d.logProb(value).shape).toEqual([rows]);
    const perDim = d.logProbPerDim(value);
    expect(perDim.shape).toEqual([rows, n]);
    const sums = values(perDim.sum(-1));
    values(d.logProb(value)).forEach((v, i) => expect(v).toBeCloseTo(sums[i] as number, 4));
    expect(d.entropy().shape).toEqual([d.batchSize]);
    expect(d.mean().shape).toEqual([d.batchSize, n]);
    // Shared parameters draw any number of rows; batched ones draw their batch.
    const draws = d.batchSize === 1 ? 5 : d.batchSize;
    expect(d.sample(1, draws).shape).toEqual([draws, n]);
    if (d.hasRsample) expect(d.rsample(1, draws).shape).toEqual([draws, n]);
  });
}

/** Same seed, same draw; another seed, another draw; sample equals rsample where rsample exists. */
export function expectSeeded(d: Distribution): void {
  tf.tidy(() => {
    const a = values(d.sample(42, 50));
    expect(values(d.sample(42, 50))).toEqual(a);
    expect(values(d.sample(43, 50))).not.toEqual(a);
    // Seed 0 is a seed like any other (tf.randomNormal alone would treat it as "unseeded").
    expect(values(d.sample(0, 50))).toEqual(values(d.sample(0, 50)));
    if (d.hasRsample) expect(values(d.rsample(42, 50))).toEqual(a);
    else expect(() => d.rsample(42, 50)).toThrow(/hasRsample is false/);
  });
}
