/**
 * The engine's hand-written WebAssembly SIMD kernels (elementwise.wat, sparse-product.wat),
 * instantiated against the tfjs wasm backend's own memory so they read and write tensors in
 * place: a tensor's bytes start at `backend.getMemoryOffset(t.dataId)` (its `dataIdMap` entry's
 * memoryOffset) in that memory, which is what the kernels' pointer arguments are.
 *
 * Which memory: tfjs's single-threaded build exports its memory (Emscripten's
 * `Module.asm.memory`); the threaded build creates a shared WebAssembly.Memory itself and keeps it
 * as `Module.wasmMemory`. A module importing a shared memory must be compiled for one (see
 * scripts/build-wasm-kernels.mjs), so the binary is picked by the memory's buffer type. One
 * instance of each module per backend instance (the backend can be re-created, e.g. in tests),
 * cached by the Emscripten Module object. Where neither memory is found or the instances cannot be
 * made (an engine without SIMD), `simdKernels` returns null once with a warning and the callers
 * keep their JavaScript loops (the sparse products: the dense ones).
 *
 * @module
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tf from '@tensorflow/tfjs';
import * as elementwise from './elementwise-wasm';
import * as sparseProduct from './sparse-product-wasm';

/** The assembled .wat modules, each in its two variants; their exports together make SimdKernels. */
const MODULES = [elementwise, sparseProduct];

/** The exports of elementwise.wat. Pointers are byte offsets into the backend's memory; n counts floats. */
export interface SimdKernels {
  adam(
    p: number, g: number, m: number, v: number, op: number, om: number, ov: number, n: number,
    beta1: number, c1: number, beta2: number, c2: number, stepSize: number, invSqrtBias2: number, epsilon: number,
  ): void;
  bernoulliLogProb(x: number, logits: number, out: number, n: number): void;
  bernoulliLogProbGrad(x: number, logits: number, dy: number, dx: number, dl: number, n: number): void;
  /** sparse-product.wat: how many of the n floats at p are nonzero. */
  countNonzero(p: number, n: number): number;
  /** sparse-product.wat: out = op(a)·b skipping a's zeros; op(a) = aᵀ when transposed ≠ 0. */
  sparseProduct(a: number, rows: number, cols: number, b: number, n: number, out: number, transposed: number): void;
}

/** The WebAssembly.Memory methods and fields used here. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/**
 * The runtime's WebAssembly namespace, typed: Node's types declare WebAssembly as types only
 * (the project's lib has no DOM), though every runtime we run on has the classes.
 */
export const Wasm = (globalThis as unknown as {
  WebAssembly: {
    Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
    Module: { new (bytes: Uint8Array): object; imports(module: object): { module: string; name: string; kind: string }[] };
    Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  };
}).WebAssembly;

/** The parts of the Emscripten Module we look at (not in tfjs's types). */
interface EmscriptenModule {
  wasmMemory?: WasmMemory;
  asm?: { memory?: WasmMemory };
}

const instances = new WeakMap<object, SimdKernels | null>();

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The backend's WebAssembly.Memory: the threaded build's shared one, else the exported one. */
export function backendMemory(backend: BackendWasm): WasmMemory | undefined {
  const module = backend.wasm as unknown as EmscriptenModule;
  const memory = module.wasmMemory ?? module.asm?.memory;
  return memory instanceof Wasm.Memory ? memory : undefined;
}

function instantiate(backend: BackendWasm): SimdKernels | null {
  const memory = backendMemory(backend);
  if (!memory) {
    console.warn('latent-studio: the tfjs wasm backend exposes no WebAssembly.Memory; element-wise kernels use their JavaScript loops');
    return null;
  }
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    // Synchronous compiles: the modules are about 1.5 kB each (browsers refuse sync compiles only above 4 kB on the main thread).
    const exports = MODULES.map((m) => new Wasm.Instance(new Wasm.Module(decode(shared ? m.SHARED_MEMORY_WASM : m.PLAIN_MEMORY_WASM)), { env: { memory } }).exports);
    return Object.assign({}, ...exports) as SimdKernels;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.warn(`latent-studio: the WebAssembly SIMD kernels could not be instantiated (${why}); element-wise kernels use their JavaScript loops`);
    return null;
  }
}

/** The SIMD kernels bound to this backend's memory, or null where they cannot run (warned once per backend). */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  const key = backend.wasm as unknown as object;
  let kernels = instances.get(key);
  if (kernels === undefined) {
    kernels = instantiate(backend);
    instances.set(key, kernels);
  }
  return kernels;
}

/** Byte offset of a tensor's data in the backend's memory (its `dataIdMap` entry's memoryOffset). */
export function heapOffset(backend: BackendWasm, t: tf.TensorInfo): number {
  return backend.getMemoryOffset(t.dataId);
}
