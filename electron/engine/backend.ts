/**
 * The one place that picks the tfjs backend for the training engine.
 *
 * Preference for `auto`: tfjs-node ('tensorflow', native libtensorflow, multi-threaded) when
 * the optional dependency loads, else wasm (XNNPACK, SIMD, on every core through
 * kernels/wasm-threads.ts, else single-threaded) with the fast matmul kernels, else the pure-JS
 * cpu backend. tfjs-node is loaded with a dynamic import
 * because it is an optionalDependency that cannot install everywhere (it downloads
 * libtensorflow); nothing else in the engine may import it.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
// Registers the 'wasm' backend factory (it is only initialised when selected).
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastMatMul } from './kernels/wasm-transposed-matmul';
import { errorFirstLine } from './error-first-line';
import { startThreadedWasm } from './kernels/wasm-threads';
import { wantedWasmThreads } from './kernels/wasm-thread-count';

/** What the caller asks for; `auto` picks the fastest backend that loads. */
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** The backend actually in use, with a human-readable note on fallbacks or caveats. */
export interface BackendInfo {
  name: 'tensorflow' | 'wasm' | 'cpu';
  note?: string;
  /** wasm only: the threads of its pool (1 = the single-threaded build). */
  threads?: number;
}

/** npm package providing the 'tensorflow' backend; a variable so bundlers and tsc leave it alone. */
const TFJS_NODE = '@tensorflow/tfjs-node';

type Loaded = { ok: true; note?: string; threads?: number } | { ok: false; reason: string };

/** tf.setBackend logs and returns false when a backend fails to initialise; turn that into a reason. */
async function activate(name: string): Promise<Loaded> {
  try {
    if (tf.findBackendFactory(name) == null) return { ok: false, reason: `no '${name}' backend is registered` };
    if (!(await tf.setBackend(name))) return { ok: false, reason: `the '${name}' backend failed to initialise` };
    await tf.ready();
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: errorFirstLine(err) };
  }
}

let tfjsNodeImport: Promise<Loaded> | undefined;

async function loadTensorflow(): Promise<Loaded> {
  // Import once: a failed native load is not worth retrying within a process.
  tfjsNodeImport ??= import(/* @vite-ignore */ TFJS_NODE).then(
    (): Loaded => ({ ok: true }),
    (err: unknown): Loaded => ({ ok: false, reason: `${TFJS_NODE} could not be loaded (${errorFirstLine(err)})` }),
  );
  const imported = await tfjsNodeImport;
  return imported.ok ? activate('tensorflow') : imported;
}

/** How the wasm backend was started in this process (it is started once; later calls re-select it). */
let wasmStart: string | undefined;

async function loadWasm(): Promise<Loaded> {
  // Before activation, so the kernels' setupFunc runs when the backend initialises (also safe
  // after: the wrappers reuse the original setup). Idempotent.
  registerWasmFastMatMul();
  if (wasmStart === undefined && tf.engine().registry['wasm'] === undefined) {
    const threads = wantedWasmThreads();
    if (threads > 1) {
      const started = await startThreadedWasm(threads);
      wasmStart = started.ok
        ? `${started.threads} threads`
        : `single-threaded: the ${threads}-thread build did not start (${started.reason})`;
    } else wasmStart = 'single-threaded';
  }
  const loaded = await activate('wasm');
  if (!loaded.ok) return loaded;
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  return { ok: true, note: `wasm (${simd}, ${wasmStart ?? 'single-threaded'}) with fast transposed-matmul kernels`, threads: getThreadsCount() };
}

const LOADERS: Record<BackendInfo['name'], () => Promise<Loaded>> = {
  tensorflow: loadTensorflow,
  wasm: loadWasm,
  cpu: () => activate('cpu'),
};

/**
 * Selects and initialises the tfjs backend. Idempotent: calling it again with the same choice
 * re-selects the same backend cheaply. An explicit choice that cannot load throws an Error
 * naming the reason and the backends that are available; `auto` falls back silently and says
 * so in `note`.
 */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  if (choice !== 'auto') {
    const loaded = await LOADERS[choice]();
    if (loaded.ok) return info(choice, loaded);
    throw new Error(
      `Cannot use the '${choice}' backend: ${loaded.reason}. ` +
        `Available here: ${(await availableBackends(choice)).join(', ') || 'none'}.` +
        (choice === 'tensorflow'
          ? ` ${TFJS_NODE} is an optional dependency that downloads libtensorflow when installed; ` +
            `use 'auto', 'wasm' or 'cpu' where it cannot be installed.`
          : ''),
    );
  }
  const skipped: string[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    const loaded = await LOADERS[name]();
    if (loaded.ok) {
      return info(name, { ...loaded, note: [...skipped, loaded.note].filter(Boolean).join('; ') });
    }
    skipped.push(`${name} unavailable: ${loaded.reason}`);
  }
  throw new Error(`No tfjs backend could be initialised (${skipped.join('; ')}).`);
}

function info(name: BackendInfo['name'], { note, threads }: { note?: string; threads?: number }): BackendInfo {
  return { name, ...(note ? { note } : {}), ...(threads !== undefined ? { threads } : {}) };
}

/** Backends (other than `except`) that load in this process; leaves the current one selected. */
async function availableBackends(except: string): Promise<string[]> {
  const current = tf.getBackend();
  const names: string[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    if (name === except) continue;
    const loaded = name === 'tensorflow' ? await loadTensorflow() : await activate(name);
    if (loaded.ok) names.push(name);
  }
  if (current && tf.getBackend() !== current) await tf.setBackend(current);
  return names;
}
