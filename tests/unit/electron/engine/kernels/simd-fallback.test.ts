/**
 * Where the SIMD module cannot be bound (a wasm backend exposing no WebAssembly.Memory), the
 * fused kernels fall back to their JavaScript loops over heap views, warning once. Driven here
 * through the registered kernel functions with a stand-in backend whose "heap" is plain arrays,
 * and checked against the same float64 closed forms as the SIMD tests.
 */
import { describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { ADAM_UPDATE, lastAdamWasmPath, registerAdamUpdate } from '../../../../../electron/engine/kernels/adam-update';
import { BERNOULLI_LOG_PROB, BERNOULLI_LOG_PROB_GRAD, registerBernoulliLogProb } from '../../../../../electron/engine/kernels/bernoulli-log-prob';

/** A backend with makeOutput / typedArrayFromHeap over JS arrays and an Emscripten module without memory. */
function standIn() {
  const heap = new Map<object, Float32Array>();
  const backend = {
    wasm: {},
    makeOutput: (shape: number[]) => {
      const t = { dataId: {}, shape, dtype: 'float32' as const };
      heap.set(t.dataId, new Float32Array(tf.util.sizeFromShape(shape)));
      return t;
    },
    typedArrayFromHeap: (t: tf.TensorInfo) => heap.get(t.dataId)!,
    getMemoryOffset: () => {
      throw new Error('the fallback must not ask for heap offsets');
    },
  };
  const input = (values: number[]) => {
    const t = { dataId: {}, shape: [values.length], dtype: 'float32' as const };
    heap.set(t.dataId, Float32Array.from(values));
    return t;
  };
  return { backend, input, read: (t: tf.TensorInfo) => Array.from(heap.get(t.dataId)!) };
}

const kernel = (name: string) => tf.getKernel(name, 'wasm')!.kernelFunc as unknown as (a: object) => tf.TensorInfo | tf.TensorInfo[];

describe('fused kernels without the SIMD module', () => {
  it('run the JavaScript loops, warning once per backend', () => {
    registerAdamUpdate();
    registerBernoulliLogProb();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { backend, input, read } = standIn();

    const attrs = { beta1: 0.9, beta2: 0.999, stepSize: 0.01, invSqrtBias2: 10, epsilon: 1e-8 };
    const [p, m, v] = kernel(ADAM_UPDATE)({ inputs: { p: input([1, -2, 0.5]), g: input([0.5, 0, -3]), m: input([0.1, 0.2, 0]), v: input([0.01, 0, 0]) }, backend, attrs }) as tf.TensorInfo[];
    expect(lastAdamWasmPath()).toBe('js');
    const g = [0.5, 0, -3];
    const m1 = [0.1, 0.2, 0].map((mi, i) => 0.9 * mi + 0.1 * g[i]!);
    const v1 = [0.01, 0, 0].map((vi, i) => 0.999 * vi + 0.001 * g[i]! * g[i]!);
    const p1 = [1, -2, 0.5].map((pi, i) => pi - (0.01 * m1[i]!) / (Math.sqrt(v1[i]!) * 10 + 1e-8));
    read(m!).forEach((x, i) => expect(x).toBeCloseTo(m1[i]!, 6));
    read(v!).forEach((x, i) => expect(x).toBeCloseTo(v1[i]!, 6));
    read(p!).forEach((x, i) => expect(x).toBeCloseTo(p1[i]!, 6));

    const xs = [0, 0.3, 1, 1];
    const ls = [-50, 0.7, 20, -3];
    const value = kernel(BERNOULLI_LOG_PROB)({ inputs: { x: input(xs), logits: input(ls) }, backend }) as tf.TensorInfo;
    const [dx, dl] = kernel(BERNOULLI_LOG_PROB_GRAD)({ inputs: { x: input(xs), logits: input(ls), dy: input([1, 2, 1, 0.5]) }, backend }) as tf.TensorInfo[];
    const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));
    const expected = xs.map((x, i) => x * ls[i]! - Math.log1p(Math.exp(ls[i]!)));
    read(value).forEach((y, i) => expect(y / expected[i]!).toBeCloseTo(1, 5));
    read(dl!).forEach((d, i) => expect(d).toBeCloseTo((xs[i]! - sigmoid(ls[i]!)) * [1, 2, 1, 0.5][i]!, 6));
    expect(read(dl!)[2]! / (1 / (1 + Math.exp(20)))).toBeCloseTo(1, 5); // 1 − σ(20) = σ(−20), not 0
    expect(read(dx!)).toEqual([-50, 1.4, 20, -1.5].map(Math.fround));

    expect(warn).toHaveBeenCalledTimes(1);
  });
});
