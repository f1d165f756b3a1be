/**
 * The fused Adam kernel's WebAssembly SIMD path (simd/elementwise.wat) on the wasm backend,
 * checked against two independent truths computed here in JavaScript:
 * - the formula in float64 from the same float32 inputs, within a stated float32 error bound;
 * - the same operations in the same order rounded to float32 with Math.fround, bit for bit (each
 *   of +, −, ×, ÷, √ on float32 operands is exact in float64 before that one rounding, so this
 *   emulates float32 arithmetic exactly).
 * Lengths cover the scalar tail (1, 3, 5, 1023) and whole vectors; values include g = 0, v = 0,
 * huge g and overflow.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { adamUpdate, lastAdamWasmPath, registerAdamUpdate, type AdamUpdateAttrs } from '../../../../../electron/engine/kernels/adam-update';
import { simdKernels, Wasm, type SimdKernels } from '../../../../../electron/engine/kernels/simd/instance';
import { SHARED_MEMORY_WASM } from '../../../../../electron/engine/kernels/simd/elementwise-wasm';

const F32_EPS = 2 ** -24; // unit roundoff of float32
const F32_TINY = 2 ** -149; // spacing of float32 subnormals: the absolute error of a rounding that underflows

/** The attributes of step `step` (PyTorch's defaults unless given). */
function attrsAt(step: number, lr = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): AdamUpdateAttrs {
  return { beta1, beta2, stepSize: lr / (1 - beta1 ** step), invSqrtBias2: 1 / Math.sqrt(1 - beta2 ** step), epsilon };
}

/** Deterministic values (an LCG), normal-ish in [-scale, scale). */
function values(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 31 - 1) * scale;
  });
}

interface Case { p: Float32Array; g: Float32Array; m: Float32Array; v: Float32Array }

function randomCase(n: number, seed: number): Case {
  return {
    p: values(n, seed, 2),
    g: values(n, seed + 1, 0.5),
    m: values(n, seed + 2, 0.1),
    v: values(n, seed + 3, 0.01).map(Math.abs),
  };
}

/** Runs the registered kernel on the current backend; returns [p', m', v'] copies. */
function run(c: Case, attrs: AdamUpdateAttrs): [Float32Array, Float32Array, Float32Array] {
  return tf.tidy(() => {
    const t = (a: Float32Array) => tf.tensor1d(a);
    const out = adamUpdate(t(c.p), t(c.g), t(c.m), t(c.v), attrs);
    return out.map((x) => Float32Array.from(x.dataSync())) as [Float32Array, Float32Array, Float32Array];
  });
}

/** The kernel's operations, in its order, each rounded to float32. */
function float32Emulation(c: Case, a: AdamUpdateAttrs): [Float32Array, Float32Array, Float32Array] {
  const f = Math.fround;
  const [b1, c1, b2, c2, s, isb, eps] = [a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.stepSize, a.invSqrtBias2, a.epsilon].map(f) as number[];
  const n = c.p.length;
  const [op, om, ov] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) {
    const g = c.g[i]!;
    const m = f(f(b1! * c.m[i]!) + f(c1! * g));
    const v = f(f(b2! * c.v[i]!) + f(f(c2! * g) * g));
    om[i] = m;
    ov[i] = v;
    op[i] = f(c.p[i]! - f(f(s! * m) / f(f(f(Math.sqrt(v)) * isb!) + eps!)));
  }
  return [op, om, ov];
}

/**
 * The formula in float64, and for each output a bound on a float32 evaluation's error:
 * m' = β₁m + (1−β₁)g: each product carries ≤ 2 roundings (its constant's and its own), the sum
 * one more, so |err| ≤ 3u·(β₁|m| + (1−β₁)|g|) (+u slack → 4u); v' likewise with 3 roundings per
 * term (→ 5u); p' = p − S·m'/d with d = √v'·I + ε: the step's relative error is that of m'
 * (errM/|m'|, large only where β₁m and (1−β₁)g cancel, hence the bound in absolute terms
 * S·errM/d) plus ≤ 8u for the rounded S, I, ε, the ×, ÷, √ and v' (√ halves v''s error), and the
 * final subtraction one rounding of |p'|. Each bound also allows a few underflowing roundings
 * (F32_TINY each: g = 1e-30 squares to 0 in float32, and wasm keeps subnormals).
 */
function float64Reference(c: Case, a: AdamUpdateAttrs) {
  const n = c.p.length;
  const out = { p: new Float64Array(n), m: new Float64Array(n), v: new Float64Array(n), tolP: new Float64Array(n), tolM: new Float64Array(n), tolV: new Float64Array(n) };
  const u = F32_EPS;
  for (let i = 0; i < n; i++) {
    const g = c.g[i]!;
    const m = a.beta1 * c.m[i]! + (1 - a.beta1) * g;
    const v = a.beta2 * c.v[i]! + (1 - a.beta2) * g * g;
    const d = Math.sqrt(v) * a.invSqrtBias2 + a.epsilon;
    const step = (a.stepSize * m) / d;
    out.m[i] = m;
    out.v[i] = v;
    out.p[i] = c.p[i]! - step;
    out.tolM[i] = 4 * u * (a.beta1 * Math.abs(c.m[i]!) + (1 - a.beta1) * Math.abs(g)) + 3 * F32_TINY;
    out.tolV[i] = 5 * u * (a.beta2 * c.v[i]! + (1 - a.beta2) * g * g) + 4 * F32_TINY;
    out.tolP[i] = (a.stepSize * out.tolM[i]!) / d + 8 * u * Math.abs(step) + u * Math.abs(out.p[i]!) + 3 * F32_TINY;
  }
  return out;
}

function expectWithin(actual: Float32Array, expected: Float64Array, tol: Float64Array, what: string): void {
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const r = Math.abs(actual[i]! - expected[i]!) / tol[i]!;
    if (!(r <= worst)) [worst, at] = [r, i];
  }
  expect(worst, `${what}[${at}] = ${actual[at]} vs float64 ${expected[at]} (tolerance ${tol[at]})`).toBeLessThanOrEqual(1);
}

function expectBitwise(actual: Float32Array, expected: Float32Array): void {
  expect(Array.from(new Uint32Array(actual.buffer))).toEqual(Array.from(new Uint32Array(expected.buffer)));
}

beforeAll(async () => {
  registerAdamUpdate();
  await tf.setBackend('wasm');
  await tf.ready();
});

afterEach(() => vi.restoreAllMocks());

describe('the Adam kernel on wasm (SIMD)', () => {
  it('runs the SIMD function, not the JavaScript fallback', () => {
    expect(simdKernels(tf.backend() as BackendWasm)).not.toBeNull();
    run(randomCase(10, 1), attrsAt(1));
    expect(lastAdamWasmPath()).toBe('simd');
  });

  it.each([1, 3, 4, 5, 8, 1023, 4099])('matches the float64 formula within float32 error and float32 emulation exactly (n = %i)', (n) => {
    for (const [seed, attrs] of [[11, attrsAt(1)], [23, attrsAt(3)], [37, attrsAt(500, 0.05, 0.5, 0.9, 1e-6)]] as const) {
      const c = randomCase(n, seed * n);
      const [p, m, v] = run(c, attrs);
      const ref = float64Reference(c, attrs);
      expectWithin(m, ref.m, ref.tolM, 'm');
      expectWithin(v, ref.v, ref.tolV, 'v');
      expectWithin(p, ref.p, ref.tolP, 'p');
      const [ep, em, ev] = float32Emulation(c, attrs);
      expectBitwise(m, em);
      expectBitwise(v, ev);
      expectBitwise(p, ep);
    }
  });

  it('handles g = 0, v = 0, huge g and tiny values in every lane and in the tail', () => {
    const special = [0, 0, 1e18, -1e18, 1e-30, -3e-39, 0.5, 0, 1e18]; // 9: two vectors and a tail of 1
    const n = special.length;
    const c: Case = {
      p: values(n, 5, 1),
      g: Float32Array.from(special),
      m: Float32Array.from(special.map((_, i) => (i % 3 === 0 ? 0 : 0.01 * (i - 4)))),
      v: Float32Array.from(special.map((_, i) => (i % 2 === 0 ? 0 : 1e-4 * i))),
    };
    const attrs = attrsAt(2);
    const [p, m, v] = run(c, attrs);
    const ref = float64Reference(c, attrs);
    expectWithin(m, ref.m, ref.tolM, 'm');
    expectWithin(v, ref.v, ref.tolV, 'v');
    expectWithin(p, ref.p, ref.tolP, 'p');
    // g = 0 and v = 0 (element 0, m = 0 too): nothing moves, v' stays exactly 0, p exactly p.
    expect([m[0], v[0], p[0]]).toEqual([0, 0, c.p[0]]);
    // Huge g: v' = (1−β₂)g² ≈ 1e33 is finite, and the step ≈ stepSize·(1−β₁)/(√(1−β₂)·invSqrtBias2) is too.
    for (const i of [2, 3, 8]) expect(Number.isFinite(v[i]!) && Number.isFinite(p[i]!)).toBe(true);
    const [ep, em, ev] = float32Emulation(c, attrs);
    expectBitwise(m, em);
    expectBitwise(v, ev);
    expectBitwise(p, ep);
  });

  it('overflows v\' to +∞ only where (1−β₂)g² exceeds float32, and then leaves p unchanged (documented difference)', () => {
    const c: Case = { p: Float32Array.from([1, 2, 3, 4, 5]), g: Float32Array.from([1e30, -1e30, 1, 1e20, 1e30]), m: new Float32Array(5), v: new Float32Array(5) };
    const [p, m, v] = run(c, attrsAt(1));
    expect(Array.from(v).map(Number.isFinite)).toEqual([false, false, true, true, false]);
    expect(Array.from(m).every(Number.isFinite)).toBe(true);
    // m'/∞ = 0: the kernel does not move p where v' overflowed (the float64 loop moves it once, by
    // its unrounded v'; both then hold v = ∞ and stop moving that parameter).
    expect([p[0], p[1], p[4]]).toEqual([1, 2, 5]);
  });

  it('agrees with the cpu backend\'s (float64 loop) kernel to float32 precision on a layer-sized tensor', async () => {
    const c = randomCase(784 * 40 + 3, 99);
    const attrs = attrsAt(7);
    const wasm = run(c, attrs);
    await tf.setBackend('cpu');
    const cpu = run(c, attrs);
    await tf.setBackend('wasm');
    wasm.forEach((a, k) => {
      const b = cpu[k]!;
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (Math.abs(b[i]!) + 1e-3));
      expect(worst).toBeLessThan(1e-5);
    });
  });

  it('falls back to the JavaScript loop, warning once, where the backend exposes no memory', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fake = { wasm: {} } as unknown as BackendWasm;
    expect(simdKernels(fake)).toBeNull();
    expect(simdKernels(fake)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('binds a new instance to a re-created backend\'s memory', async () => {
    const before = tf.backend() as BackendWasm;
    const kernelsBefore = simdKernels(before);
    const factory = tf.findBackendFactory('wasm')!;
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', factory);
    await tf.setBackend('wasm');
    const after = tf.backend() as BackendWasm;
    expect(after).not.toBe(before);
    const c = randomCase(1023, 7);
    const attrs = attrsAt(4);
    const [p, m, v] = run(c, attrs);
    expect(lastAdamWasmPath()).toBe('simd');
    expect(after.wasm).not.toBe(before.wasm);
    expect(simdKernels(after)).not.toBe(kernelsBefore);
    const [ep, em, ev] = float32Emulation(c, attrs);
    expectBitwise(m, em);
    expectBitwise(v, ev);
    expectBitwise(p, ep);
  });

  it('computes the same in the shared-memory variant (the threaded build\'s), on a shared memory of its own', () => {
    const memory = new Wasm.Memory({ initial: 1, maximum: 65536, shared: true });
    const kernels = new Wasm.Instance(new Wasm.Module(Buffer.from(SHARED_MEMORY_WASM, 'base64')), { env: { memory } }).exports as unknown as SimdKernels;
    const n = 1023;
    const c = randomCase(n, 3);
    const heap = new Float32Array(memory.buffer);
    // p, g, m, v, then p', m', v' at float index 1 + k·n (byte offset 4 + 4k·n: deliberately not 16-byte aligned).
    [c.p, c.g, c.m, c.v].forEach((a, k) => heap.set(a, 1 + k * n));
    const at = (k: number) => (1 + k * n) * 4;
    const a = attrsAt(9);
    kernels.adam(at(0), at(1), at(2), at(3), at(4), at(5), at(6), n, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.stepSize, a.invSqrtBias2, a.epsilon);
    const [ep, em, ev] = float32Emulation(c, a);
    expectBitwise(heap.slice(1 + 4 * n, 1 + 5 * n), ep);
    expectBitwise(heap.slice(1 + 5 * n, 1 + 6 * n), em);
    expectBitwise(heap.slice(1 + 6 * n, 1 + 7 * n), ev);
  });
});
