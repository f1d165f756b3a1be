/**
 * Profiles one training step of vae-mnist kernel by kernel, with and without the engine's fast
 * wasm matmul kernels: `npx tsx bench/profile-step.ts [--slow]`. Used for the before/after profile.
 * The wasm backend starts as the app starts it (every core; `LATENT_STUDIO_WASM_THREADS=1` for
 * one thread). "Outside kernels" is the step's time minus its kernels' time: JS, the graph walk,
 * tidy and allocation.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphFile } from '../shared/graph/index';
import { initBackend } from '../electron/engine/backend';
import { unregisterWasmFastMatMul } from '../electron/engine/kernels/wasm-transposed-matmul';
import { formatProfile, profileKernels } from '../electron/engine/kernels/profile';
import { BatchMaker } from '../electron/engine/train/batch';
import { createOptimizer } from '../electron/engine/train/optimizer';
import { prepareTraining } from '../electron/engine/train/trainer';

const slow = process.argv.includes('--slow');
const info = await initBackend('wasm');
if (slow) unregisterWasmFastMatMul();

const doc = parseGraphFile(readFileSync(fileURLToPath(new URL('../assets/examples/vae-mnist.json', import.meta.url)), 'utf8'));
const p = prepareTraining(doc, '.');
const vars = p.model.variables;
const optimizer = createOptimizer(vars, doc.training.optimizer);
const maker = new BatchMaker(p.data.train, p.columns);
const indices = Int32Array.from({ length: 128 }, (_, i) => i);
const step = (): void =>
  tf.tidy(() => {
    const batch = maker.make(indices);
    const { grads } = tf.variableGrads(() => tf.neg(tf.mean(p.model.run(batch, 1).elbo)) as tf.Scalar, vars);
    optimizer.apply(vars.map((v) => grads[v.name]!));
  });
for (let i = 0; i < 10; i++) step();
// Best of five blocks of 50 steps: the least disturbed by whatever else the machine runs.
let ms = Infinity;
for (let block = 0; block < 5; block++) {
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) step();
  ms = Math.min(ms, (performance.now() - t0) / 50);
}
console.log(`${info.note}${slow ? ', without the fast matmul kernels' : ''}: ${ms.toFixed(1)} ms/step (${(1000 / ms).toFixed(1)} steps/s)`);
const profiled = 5;
const profile = (await profileKernels(() => { for (let i = 0; i < profiled; i++) step(); return []; })).map((k) => ({ ...k, ms: k.ms / profiled, calls: k.calls / profiled }));
// tf.profile also lists custom ops (`…__op`) whose time is their kernels' time again.
const kernelMs = profile.filter((k) => !k.kernel.endsWith('__op')).reduce((sum, k) => sum + k.ms, 0);
console.log(formatProfile(profile, 16));
// Profiling slows kernels down a little, so this is a lower bound.
console.log(`${'outside kernels'.padEnd(20)} ${Math.max(0, ms - kernelMs).toFixed(2).padStart(8)} ms (at least: step time minus profiled kernel time)`);
