/**
 * Out-of-memory errors, classified from the errors the engines really throw: made here where this
 * process can make them (V8, WebAssembly), quoted as the engines word them where it cannot
 * (TensorFlow, an Emscripten abort); and a worker thread that exhausts its heap limit.
 */
import { describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../../shared/graph/index';
import { isOutOfMemory } from '../../../../../electron/engine/worker/out-of-memory';
import { startRun } from '../../../../../electron/engine/worker/run-host';
import { toError } from '../../../../../electron/engine/worker/training-worker';
import { tinyVae } from '../../../../helpers/tiny-graphs';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** Node's types declare WebAssembly as types only; the runtime has the classes. */
const Wasm = (globalThis as unknown as {
  WebAssembly: {
    Memory: new (d: { initial: number; maximum?: number }) => { grow(pages: number): number };
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object) => { exports: Record<string, unknown> };
  };
}).WebAssembly;

/**
 * A wasm module whose one function loads from past the end of its single 64 KiB page: the trap
 * tfjs-backend-wasm hits when its unchecked malloc fails (address 0 + a large tensor).
 * (module (memory 1) (func (export "f") (result i32) (i32.load (i32.const 70000))))
 */
const OUT_OF_BOUNDS = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x03, 0x02, 0x01, 0x00,
  0x05, 0x03, 0x01, 0x00, 0x01,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
  0x0a, 0x0b, 0x01, 0x09, 0x00, 0x41, 0xf0, 0xa2, 0x04, 0x28, 0x02, 0x00, 0x0b,
]);

const realOutOfMemory = {
  'a typed array that cannot be allocated': () => thrown(() => new ArrayBuffer(2 ** 40)),
  'a wasm memory that cannot grow': () => thrown(() => new Wasm.Memory({ initial: 1, maximum: 2 }).grow(5)),
  'the wasm heap trap': () => thrown(() => (new Wasm.Instance(new Wasm.Module(OUT_OF_BOUNDS)).exports.f as () => number)()),
  // As tfjs-node words TensorFlow's allocator failure.
  'TensorFlow': () => new Error('OOM when allocating tensor with shape[60000,784] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu'),
  'an Emscripten abort': () => new Error('Aborted(Cannot enlarge memory arrays to size 4294971392 bytes (OOM). Either (1) compile with -sINITIAL_MEMORY=X with X higher than the current value 16777216)'),
};

const notOutOfMemory = {
  'a shape mismatch': () => new Error('Error in matMul: inner shapes (784) and (20) of Tensors with shapes 128,784 and 20,400 must match'),
  'a typed array of a negative length': () => thrown(() => new Float32Array(-1)),
  'a stack overflow': () => thrown(function recurse(): unknown {
    return recurse();
  }),
  'a syntax error': () => thrown(() => JSON.parse('{')),
  'a thrown string': () => 'something odd',
};

describe('isOutOfMemory', () => {
  for (const [what, make] of Object.entries(realOutOfMemory)) {
    it(`recognises ${what}`, () => {
      const e = make();
      expect(isOutOfMemory(e)).toBe(true);
      const m = toError('r', e);
      expect(m.kind).toBe('out-of-memory');
      expect(m.message).toMatch(/ran out of memory .*smaller batch size.*smaller networks/);
      // The engine's own words stay in the message, for a bug report.
      expect(m.message).toContain((e as Error).message);
    });
  }
  for (const [what, make] of Object.entries(notOutOfMemory)) {
    it(`does not mistake ${what} for it`, () => {
      const e = make();
      expect(isOutOfMemory(e)).toBe(false);
      expect(toError('r', e).kind).toBe('failed');
    });
  }
});

describe('a worker that exhausts its heap limit', () => {
  it('ends the run with an out-of-memory error and leaves the host running', async () => {
    const hog = "const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random()));";
    const seen: unknown[] = [];
    const h = startRun(
      { runId: 'oom', graphText: serializeGraphFile(tinyVae()), baseDir: '.', backend: 'cpu' },
      (m) => seen.push(m),
      { workerUrl: new URL(`data:text/javascript,${encodeURIComponent(hog)}`), resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } },
    );
    const err = await h.finished;
    expect(err).toMatchObject({ type: 'error', runId: 'oom', kind: 'out-of-memory' });
    expect((err as { message: string }).message).toMatch(/ran out of memory .*JS heap out of memory.*smaller batch size/);
    expect(seen).toEqual([err]);
  }, 30_000);
});
