/**
 * Recognising a run that ran out of memory, so the user is told to shrink the model or the batch
 * rather than shown an engine's internal error.
 */

/**
 * Messages that mean an allocation failed, as the engines word them:
 * - V8: `RangeError: Array buffer allocation failed` (a typed array or wasm heap that cannot be had);
 * - WebAssembly: `WebAssembly.Memory.grow(): Maximum memory size exceeded`;
 * - Emscripten builds: `Cannot enlarge memory arrays …`, `Aborted(OOM)`, "out of memory";
 * - TensorFlow (tfjs-node): `OOM when allocating tensor …`; tfjs: "failed to allocate".
 */
const ALLOCATION_FAILED = /array buffer allocation failed|memory\.grow\(\)|maximum memory size exceeded|cannot enlarge memory|out of memory|\bOOM\b|failed to allocate|allocation fail/i;

/**
 * tfjs-backend-wasm does not check its malloc: when the wasm heap (4 GiB at most in Node) is full,
 * the failed allocation returns address 0 and the kernel that writes to it traps with this
 * (measured: keeping 16 MiB tensors alive fails at about 3.3 GB). The kernels only touch tensors
 * they allocated, so in a training run this trap is in practice an exhausted heap.
 */
const WASM_HEAP_TRAP = /memory access out of bounds/i;

/** The worker's JS heap hit its resource limit (node:worker_threads `ERR_WORKER_OUT_OF_MEMORY`). */
export const WORKER_OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** Whether `e`, thrown by a training run, means that memory ran out. */
export function isOutOfMemory(e: unknown): boolean {
  if (!(e instanceof Error)) return typeof e === 'string' && ALLOCATION_FAILED.test(e);
  if ((e as NodeJS.ErrnoException).code === WORKER_OUT_OF_MEMORY) return true;
  if (ALLOCATION_FAILED.test(e.message)) return true;
  // By name: Node's types do not declare WebAssembly.RuntimeError as a value.
  return e.name === 'RuntimeError' && WASM_HEAP_TRAP.test(e.message);
}

/** What the user reads: that memory ran out, what to change, and the engine's own words for the log. */
export function outOfMemoryMessage(detail: string): string {
  return `training ran out of memory (${detail}). Use a smaller batch size, or smaller networks (fewer or narrower hidden layers), and start again.`;
}
