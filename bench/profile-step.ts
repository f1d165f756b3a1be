/**
 * Profiles one training step of vae-mnist kernel by kernel, with and without the engine's fast
 * wasm matmul kernels: `npx tsx bench/profile-step.ts [--slow]`. Used for the before/after profile.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphFile } from '../shared/graph/index';
import { registerWasmFastMatMul, unregisterWasmFastMatMul } from '../electron/engine/kernels/wasm-transposed-matmul';
import { formatProfile, profileKernels } from '../electron/engine/kernels/profile';
import { BatchMaker } from '../electron/engine/train/batch';
import { createOptimizer } from '../electron/engine/train/optimizer';
import { prepareTraining } from '../electron/engine/train/trainer';

const slow = process.argv.includes('--slow');
if (slow) unregisterWasmFastMatMul();
else registerWasmFastMatMul();
await tf.setBackend('wasm');
await tf.ready();

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
const n = 50;
const t0 = performance.now();
for (let i = 0; i < n; i++) step();
const ms = (performance.now() - t0) / n;
console.log(`${slow ? 'without' : 'with'} the fast matmul kernels: ${ms.toFixed(1)} ms/step (${(1000 / ms).toFixed(1)} steps/s)`);
console.log(formatProfile(await profileKernels(() => { step(); return []; }), 14));
