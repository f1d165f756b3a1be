/**
 * Child process for tests/unit/electron/engine/kernels/wasm-threads.test.ts: starts the wasm
 * backend (thread count from LATENT_STUDIO_WASM_THREADS), checks products against the cpu
 * backend, trains vae-mnist for a few steps and prints one JSON line. Run in its own process
 * because a process starts the wasm backend once, and to see that a threaded process exits.
 *
 * Usage: node --import tsx wasm-threads-child.ts <steps> [--fail-start]
 * (--fail-start gives the threaded start 1 ms, so it times out, then starts wasm directly: the
 * fallback must leave the single-threaded build startable.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { parseGraphFile } from '../../shared/graph/index';
import { initBackend } from '../../electron/engine/backend';
import { startThreadedWasm } from '../../electron/engine/kernels/wasm-threads';
import { prepareTraining, train } from '../../electron/engine/train/trainer';

const steps = Number(process.argv[2] ?? 10);
const failStart = process.argv.includes('--fail-start');

const fallback = failStart ? await startThreadedWasm(2, 1) : null;
const info = failStart ? { note: String(await tf.setBackend('wasm')) } : await initBackend('wasm');

/** Largest |wasm − cpu| / (|cpu| + 1) over three products of a training step's shapes. */
function productError(): number {
  const a = tf.randomUniform([128, 784], -1, 1, 'float32', 1);
  const w = tf.randomUniform([784, 400], -1, 1, 'float32', 2);
  const g = tf.randomUniform([128, 400], -1, 1, 'float32', 3);
  const run = () => [tf.matMul(a, w), tf.matMul(a, g, true, false), tf.matMul(g, w, false, true)].map((t) => t.dataSync() as Float32Array);
  const onWasm = run();
  const previous = tf.getBackend();
  void tf.setBackend('cpu');
  const onCpu = tf.tidy(() => {
    const move = (t: tf.Tensor) => tf.tensor(t.dataSync(), t.shape);
    const [ac, wc, gc] = [move(a), move(w), move(g)];
    return [tf.matMul(ac, wc), tf.matMul(ac, gc, true, false), tf.matMul(gc, wc, false, true)].map((t) => t.dataSync() as Float32Array);
  });
  void tf.setBackend(previous);
  let worst = 0;
  onWasm.forEach((x, k) => x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - onCpu[k]![i]!) / (Math.abs(onCpu[k]![i]!) + 1)))));
  return worst;
}

const error = productError();
const doc = parseGraphFile(readFileSync(fileURLToPath(new URL('../../assets/examples/vae-mnist.json', import.meta.url)), 'utf8'));
const p = prepareTraining(doc, '.', 0);
const result = await train(p, { steps, reportEvery: steps });
const hash = createHash('sha256');
for (const v of p.model.variables) hash.update(new Uint8Array((v.dataSync() as Float32Array).buffer));
console.log(JSON.stringify({ note: info.note, threads: getThreadsCount(), fallback, productError: error, elbo: result.elbo, weights: hash.digest('hex') }));
