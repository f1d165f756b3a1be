/**
 * Shared set-up for the distribution tests: the two tfjs backends every numeric test runs
 * on, the torch.distributions fixture, and tolerant comparisons.
 */
import { readFileSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';

/** Every numeric test runs once per backend: cpu is the reference, wasm is what ships. */
export const BACKENDS = ['cpu', 'wasm'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Select and initialise a backend (the wasm backend loads its .wasm binary here). */
export async function useBackend(name: Backend): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend '${name}' failed to initialise`);
  await tf.ready();
  expect(tf.getBackend()).toBe(name);
}

/** Read a tensor as a flat array of numbers and dispose it. */
export function values(t: tf.Tensor): number[] {
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

/** Read a tensor's shape and values and dispose it. */
export function read(t: tf.Tensor): { shape: number[]; values: number[] } {
  const shape = [...t.shape];
  return { shape, values: values(t) };
}

/**
 * Elementwise |actual − expected| ≤ abs + rel·|expected|. The default suits float32 against a
 * float64 reference: 1e-4 relative, with an absolute floor for values near zero.
 */
export function expectClose(actual: number[], expected: number[], rel = 1e-4, abs = 1e-5): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    const tol = abs + rel * Math.abs(e);
    if (!(Math.abs(a - e) <= tol)) {
      throw new Error(`element ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
    }
  });
}

/** All entries finite (no NaN, no ±Infinity). */
export function expectFinite(actual: number[]): void {
  const bad = actual.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`element ${bad} is ${actual[bad]}`);
}

export function meanOf(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function varianceOf(xs: number[]): number {
  const m = meanOf(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Column `j` of a row-major `[rows, cols]` array. */
export function column(flat: number[], cols: number, j: number): number[] {
  return flat.filter((_, i) => i % cols === j);
}

type Nested = number | Nested[];

/** A float32 tensor from a (nested) JSON array, keeping its shape. */
export function tensorFrom(data: Nested, dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  return tf.tensor(data as number[], undefined, dtype);
}

export interface FamilyCase {
  name: string;
  params: Record<string, Nested>;
  value: Nested;
  log_prob: number[];
  entropy: number[];
  mean: Nested;
}

export interface KlCase {
  name: string;
  source: string;
  q: { family: 'normal' | 'bernoulli' | 'categorical'; params: Record<string, Nested> };
  p: { family: 'normal' | 'bernoulli' | 'categorical'; params: Record<string, Nested> };
  kl: number[];
}

export interface TorchReference {
  torch_version: string;
  normal: FamilyCase[];
  bernoulli: FamilyCase[];
  categorical: FamilyCase[];
  kl: KlCase[];
}

/** tests/fixtures/distributions/torch-reference.json, written by make_fixture.py next to it. */
export const torchReference: TorchReference = JSON.parse(
  readFileSync(new URL('../../../../fixtures/distributions/torch-reference.json', import.meta.url), 'utf8'),
) as TorchReference;

/** Flatten a nested JSON array. */
export function flat(data: Nested): number[] {
  return Array.isArray(data) ? data.flatMap(flat) : [data];
}

/** Build the parameter tensors of a fixture case (caller disposes). */
export function paramTensors(params: Record<string, Nested>): Record<string, tf.Tensor> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tensorFrom(v)]));
}

/** Dispose every tensor of a record. */
export function disposeAll(ts: Record<string, tf.Tensor>): void {
  Object.values(ts).forEach((t) => t.dispose());
}

/**
 * The memory contract of a distribution's methods: each call returns exactly one new tensor
 * (its intermediates are disposed), and inside tf.tidy nothing survives.
 */
export function expectOneTensorEachNoLeaks(calls: ReadonlyArray<() => tf.Tensor>): void {
  for (const call of calls) {
    const before = tf.memory().numTensors;
    const out = call();
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
  }
  const start = tf.memory().numTensors;
  tf.tidy(() => {
    calls.forEach((call) => call());
  });
  expect(tf.memory().numTensors).toBe(start);
}

/**
 * A distribution against one torch.distributions case: log_prob and entropy (shapes and values)
 * and the mean, the mean with its own tolerances (exact for a Normal's loc, float32 for the rest).
 */
export function expectMatchesTorch(
  d: { logProb(v: tf.Tensor): tf.Tensor; entropy(): tf.Tensor; mean(): tf.Tensor },
  value: tf.Tensor,
  c: { log_prob: number[]; entropy: number[]; mean: Nested },
  meanRel: number,
  meanAbs: number,
): void {
  const lp = read(d.logProb(value));
  expect(lp.shape).toEqual([c.log_prob.length]);
  expectClose(lp.values, c.log_prob);
  const h = read(d.entropy());
  expect(h.shape).toEqual([c.entropy.length]);
  expectClose(h.values, c.entropy);
  expectClose(values(d.mean()), flat(c.mean), meanRel, meanAbs);
}
