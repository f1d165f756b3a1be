/**
 * Benchmark twin: the binarized-MNIST VAE written by hand in plain tfjs, the way a user would
 * (tf.variable weights, tf.matMul/tf.add, optimizer.minimize). It measures what plain tfjs
 * gives, so by default the fast wasm matmul kernels are NOT registered (`fastKernels: true`
 * measures them on the same code).
 *
 * Model (same as bench/vae_torch.py): encoder 784→400 ReLU → loc (20) and scale (20, softplus);
 * z = loc + scale·ε; decoder 20→400 ReLU → 784 logits; Bernoulli log-likelihood from logits;
 * closed-form KL to N(0, I); Adam 1e-3; batch 128; pixels binarized once at > 127; reshuffled
 * every epoch; the last batch of an epoch is partial (96), like a PyTorch DataLoader.
 * Weights and biases start U(±1/√fan_in), PyTorch's nn.Linear default, and Adam's epsilon is
 * PyTorch's 1e-8, so the two twins differ only in framework.
 *
 * CLI: `npx tsx bench/handwritten-vae.ts --steps 300 --seed 0 --backend wasm [--fast] [--profile]`
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../electron/engine/backend';
import { formatProfile, profileKernels, type KernelTime } from '../electron/engine/kernels/profile';
import {
  isWasmFastMatMulRegistered,
  registerWasmFastMatMul,
  unregisterWasmFastMatMul,
} from '../electron/engine/kernels/wasm-transposed-matmul';
import { loadBinarizedMnist, type BinarizedMnist } from './mnist-idx';

/** Options of one benchmark run. */
export interface HandwrittenVaeOptions {
  steps: number;
  seed: number;
  backend: 'wasm' | 'cpu' | 'tensorflow';
  /** Register the fast wasm matmul kernels for this run (wasm only). Default false. */
  fastKernels?: boolean;
  /** Also return a per-kernel profile (per step, averaged over 5 extra training steps). */
  profile?: boolean;
}

/** Result of one run. */
export interface HandwrittenVaeResult {
  /** Training steps per second, excluding the first min(10, steps/10) warm-up steps. */
  stepsPerSec: number;
  /** Mean per-example training ELBO (nats) over the last 10% of steps, at least the last 100 when available. */
  elbo: number;
  backend: string;
  fastKernels: boolean;
  profile?: KernelTime[];
}

const BATCH = 128;
const LATENT = 20;
const HIDDEN = 400;

/** Number of final steps whose ELBO is averaged (shared definition with vae_torch.py). */
export function elboWindow(steps: number): number {
  return Math.min(steps, Math.max(100, Math.ceil(steps / 10)));
}

/** Warm-up steps excluded from the steps/s figure (shared definition with vae_torch.py). */
export function warmupSteps(steps: number): number {
  return Math.min(10, Math.floor(steps / 10));
}

/** mulberry32: a tiny seeded generator for the shuffles (the bench stays self-contained). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Yields shuffled mini-batches forever, a new permutation every epoch. */
function* batches(data: BinarizedMnist, seed: number): Generator<Float32Array> {
  const random = mulberry32(seed);
  const order = Uint32Array.from({ length: data.count }, (_, i) => i);
  for (;;) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < data.count; start += BATCH) {
      const size = Math.min(BATCH, data.count - start);
      const x = new Float32Array(size * data.dim);
      for (let r = 0; r < size; r++) {
        const from = order[start + r]! * data.dim;
        for (let j = 0; j < data.dim; j++) x[r * data.dim + j] = data.pixels[from + j]!;
      }
      yield x;
    }
  }
}

interface Dense {
  w: tf.Variable;
  b: tf.Variable;
}

function dense(fanIn: number, fanOut: number, seed: number): Dense {
  const bound = 1 / Math.sqrt(fanIn);
  return {
    w: tf.variable(tf.randomUniform([fanIn, fanOut], -bound, bound, 'float32', seed)),
    b: tf.variable(tf.randomUniform([fanOut], -bound, bound, 'float32', seed + 1)),
  };
}

const apply = (layer: Dense, x: tf.Tensor2D): tf.Tensor2D => tf.add(tf.matMul(x, layer.w), layer.b);

function makeVae(dim: number, seed: number) {
  const enc = dense(dim, HIDDEN, seed * 100 + 1);
  const loc = dense(HIDDEN, LATENT, seed * 100 + 3);
  const scale = dense(HIDDEN, LATENT, seed * 100 + 5);
  const dec = dense(LATENT, HIDDEN, seed * 100 + 7);
  const out = dense(HIDDEN, dim, seed * 100 + 9);
  /** Negative mean per-example ELBO of batch x with reparameterisation noise eps. */
  const loss = (x: tf.Tensor2D, eps: tf.Tensor2D): tf.Scalar => {
    const h = tf.relu(apply(enc, x));
    const mu = apply(loc, h);
    const sigma = tf.softplus(apply(scale, h));
    const z = tf.add(mu, tf.mul(sigma, eps));
    const logits = apply(out, tf.relu(apply(dec, z as tf.Tensor2D)));
    const logLik = tf.sum(tf.sub(tf.mul(x, logits), tf.softplus(logits)), 1);
    const kl = tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mu), tf.square(sigma)), tf.add(1, tf.mul(2, tf.log(sigma)))), 1));
    return tf.neg(tf.mean(tf.sub(logLik, kl))) as tf.Scalar;
  };
  const variables = [enc, loc, scale, dec, out].flatMap((layer) => [layer.w, layer.b]);
  return { loss, variables };
}

async function selectBackend(backend: HandwrittenVaeOptions['backend'], fast: boolean): Promise<void> {
  if (backend !== 'wasm') {
    await initBackend(backend);
    return;
  }
  if (fast) registerWasmFastMatMul();
  else unregisterWasmFastMatMul();
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  await tf.ready();
}

/** Trains the hand-written VAE for `steps` steps and reports speed and the final training ELBO. */
export async function runHandwrittenVae(options: HandwrittenVaeOptions): Promise<HandwrittenVaeResult> {
  const { steps, seed, backend } = options;
  const fastKernels = options.fastKernels ?? false;
  const hadFastKernels = isWasmFastMatMulRegistered();
  await selectBackend(backend, fastKernels);
  const data = loadBinarizedMnist();
  const vae = makeVae(data.dim, seed);
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const next = batches(data, seed);
  // tfjs treats seed 0 as "unseeded" (Math.random), so no seed here is ever 0.
  const noiseSeed = (step: number) => seed * 1_000_003 + step + 1;
  const trainStep = (step: number, read: boolean): number => {
    const x = next.next().value as Float32Array;
    return tf.tidy(() => {
      const xs = tf.tensor2d(x, [x.length / data.dim, data.dim]);
      const eps = tf.randomNormal([xs.shape[0], LATENT], 0, 1, 'float32', noiseSeed(step)) as tf.Tensor2D;
      const cost = optimizer.minimize(() => vae.loss(xs, eps), read, vae.variables);
      return read && cost ? -cost.dataSync()[0]! : NaN;
    });
  };
  const warm = warmupSteps(steps);
  const window = elboWindow(steps);
  let sum = 0;
  let start = performance.now();
  for (let step = 0; step < steps; step++) {
    if (step === warm) start = performance.now();
    const elbo = trainStep(step, step >= steps - window);
    if (step >= steps - window) sum += elbo;
  }
  const seconds = (performance.now() - start) / 1000;
  const result: HandwrittenVaeResult = {
    stepsPerSec: (steps - warm) / seconds,
    elbo: sum / window,
    backend: tf.getBackend(),
    fastKernels: backend === 'wasm' && fastKernels,
  };
  if (options.profile) {
    // Averaged over a few extra steps: single-step kernel times are noisy.
    const n = 5;
    const total = await profileKernels(() => {
      for (let i = 0; i < n; i++) trainStep(steps + i, false);
    });
    result.profile = total.map((k) => ({ kernel: k.kernel, ms: k.ms / n, calls: k.calls / n }));
  }
  optimizer.dispose();
  tf.dispose(vae.variables); // only ours: the process may hold other models' variables
  if (backend === 'wasm' && hadFastKernels !== fastKernels) {
    if (hadFastKernels) registerWasmFastMatMul();
    else unregisterWasmFastMatMul();
  }
  return result;
}

function argValue(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

async function main(args: string[]): Promise<void> {
  const result = await runHandwrittenVae({
    steps: Number(argValue(args, '--steps', '300')),
    seed: Number(argValue(args, '--seed', '0')),
    backend: argValue(args, '--backend', 'wasm') as HandwrittenVaeOptions['backend'],
    fastKernels: args.includes('--fast'),
    profile: args.includes('--profile'),
  });
  const { profile, ...summary } = result;
  if (profile) console.error(formatProfile(profile));
  console.log(JSON.stringify(summary));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
