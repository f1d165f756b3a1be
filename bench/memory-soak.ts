/**
 * Is memory flat over a long run? Trains vae-mnist (the benchmark VAE) for many steps and samples,
 * at intervals: tfjs's live tensor count and bytes, the wasm heap's size, and Node's JS heap and
 * resident set. Run: `npm run bench:memory [-- --steps 100000] [-- --every 5000]`.
 *
 * A leak of one tensor per step would show as a count rising by `every` per row; the verdict
 * compares the second half's first and last rows (the first half includes warm-up: XNNPACK's
 * caches, the JIT, the held-out evaluation's buffers). The README's figure comes from this script.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { parseGraphFile } from '../shared/graph/index';
import { initBackend } from '../electron/engine/backend';
import { prepareTraining, train } from '../electron/engine/train/trainer';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number ≥ 1`);
  return value;
}

const steps = option('steps', 100_000);
const every = option('every', Math.max(1, Math.round(steps / 20)));

interface Sample {
  step: number;
  tensors: number;
  tensorMiB: number;
  wasmHeapMiB: number;
  jsHeapMiB: number;
  rssMiB: number;
  stepsPerSec: number;
}

const MiB = 1024 * 1024;
const info = await initBackend('auto');
const doc = parseGraphFile(readFileSync(fileURLToPath(new URL('../assets/examples/vae-mnist.json', import.meta.url)), 'utf8'));
const p = prepareTraining(doc, '.', 0);

function sample(step: number, stepsPerSec: number): Sample {
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.buffer.byteLength ?? 0;
  const m = tf.memory();
  const node = process.memoryUsage();
  return { step, tensors: m.numTensors, tensorMiB: m.numBytes / MiB, wasmHeapMiB: heap / MiB, jsHeapMiB: node.heapUsed / MiB, rssMiB: node.rss / MiB, stepsPerSec };
}

const row = (s: Sample): string =>
  `| ${String(s.step).padStart(7)} | ${String(s.tensors).padStart(7)} | ${s.tensorMiB.toFixed(1).padStart(10)} | ${s.wasmHeapMiB.toFixed(0).padStart(9)} | ${s.jsHeapMiB.toFixed(1).padStart(7)} | ${s.rssMiB.toFixed(0).padStart(7)} | ${s.stepsPerSec.toFixed(1).padStart(7)} |`;

console.log(`vae-mnist, ${steps} steps on ${info.note ?? info.name}; a row every ${every} steps`);
console.log('|    step | tensors | tensor MiB | wasm heap | JS heap |     RSS | steps/s |');
console.log('|--------:|--------:|-----------:|----------:|--------:|--------:|--------:|');
const samples: Sample[] = [sample(0, 0)];
console.log(row(samples[0]!));
const t0 = performance.now();
await train(p, {
  steps,
  reportEvery: every,
  onEvent: (e) => {
    if (e.type !== 'metrics') return;
    // A GC first, when exposed (node --expose-gc), so the JS heap shows what is live.
    (globalThis as { gc?: () => void }).gc?.();
    const s = sample(e.step, e.stepsPerSec);
    samples.push(s);
    console.log(row(s));
  },
});
const minutes = (performance.now() - t0) / 60_000;

const half = samples.filter((s) => s.step >= steps / 2);
const first = half[0]!;
const last = half[half.length - 1]!;
console.log('');
console.log(`${steps} steps in ${minutes.toFixed(1)} min. Over the second half (steps ${first.step}–${last.step}):`);
console.log(`  live tensors ${first.tensors} → ${last.tensors}; tensor memory ${first.tensorMiB.toFixed(1)} → ${last.tensorMiB.toFixed(1)} MiB`);
console.log(`  wasm heap ${first.wasmHeapMiB.toFixed(0)} → ${last.wasmHeapMiB.toFixed(0)} MiB; JS heap ${first.jsHeapMiB.toFixed(1)} → ${last.jsHeapMiB.toFixed(1)} MiB; RSS ${first.rssMiB.toFixed(0)} → ${last.rssMiB.toFixed(0)} MiB`);
const flat = last.tensors === first.tensors && last.wasmHeapMiB === first.wasmHeapMiB;
console.log(flat ? 'flat: no tensor and no wasm heap growth' : 'NOT flat: see the rows above');
p.model.dispose();
process.exitCode = flat ? 0 : 1;
