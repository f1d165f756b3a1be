import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { InverseAutoregressiveFlow, Normal } from '../../../../../electron/engine/distributions/index';
import { MadeModule } from '../../../../../electron/engine/compile/made-module';

const D = 4;
const B = 5;
let made: MadeModule[];
let loc: tf.Tensor2D;
let scale: tf.Tensor2D;

beforeAll(async () => {
  await initBackend('wasm');
  made = [0, 1].map((k) => new MadeModule(`made${k}`, { hidden: [16, 16], activation: 'tanh', order: k % 2 ? 'reverse' : 'natural' }, D, 31 + k));
  loc = tf.tensor2d(Array.from({ length: B * D }, (_, i) => Math.sin(i) * 0.8), [B, D]);
  scale = tf.tensor2d(Array.from({ length: B * D }, (_, i) => 0.5 + 0.4 * Math.cos(i * 1.3) ** 2), [B, D]);
});

afterAll(() => {
  made.forEach((m) => m.dispose());
  loc.dispose();
  scale.dispose();
});

/** A MADE in plain float64 numbers, from its variables and masks: (m, s) at z. */
function madeByHand(m: MadeModule): (z: readonly number[]) => { shift: number[]; logScale: number[] } {
  const dense = (l: { kernel: tf.Variable; bias: tf.Variable }, mask: Float32Array) => ({ w: Array.from(l.kernel.dataSync()).map((v, i) => v * mask[i]!), b: Array.from(l.bias.dataSync()), out: l.bias.shape[0]! });
  const widths = [D, ...m.params.hidden];
  const layers = m.hidden.map((l, i) => dense(l, m.masks.hidden[i]!));
  // The heads' kernel is [last, 2D]: the output mask for the shifts, then for the log-scales.
  const last = widths.at(-1)!;
  const headMask = new Float32Array(last * 2 * D);
  for (let r = 0; r < last; r++) for (let c = 0; c < D; c++) headMask[r * 2 * D + c] = headMask[r * 2 * D + D + c] = m.masks.output[r * D + c]!;
  const heads = dense(m.heads, headMask);
  const apply = (x: readonly number[], l: { w: number[]; b: number[]; out: number }): number[] =>
    l.b.map((b, j) => x.reduce((s, v, i) => s + v * l.w[i * l.out + j]!, b));
  return (z) => {
    let h: number[] = [...z];
    for (const l of layers) h = apply(h, l).map(Math.tanh);
    const o = apply(h, heads);
    return { shift: o.slice(0, D), logScale: o.slice(D) };
  };
}

/** z_K from z_0 by the steps z_k = z_{k−1} ⊙ exp(s) + m, in float64. */
function flowByHand(z0: readonly number[]): number[] {
  let z = [...z0];
  for (const m of made.map(madeByHand)) {
    const { shift, logScale } = m(z);
    z = z.map((v, d) => v * Math.exp(logScale[d]!) + shift[d]!);
  }
  return z;
}

/** log |det J| of a D × D matrix by Gaussian elimination with partial pivoting. */
function logAbsDet(a: number[][]): number {
  const m = a.map((r) => [...r]);
  let sum = 0;
  for (let c = 0; c < m.length; c++) {
    let p = c;
    for (let r = c + 1; r < m.length; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    sum += Math.log(Math.abs(m[c]![c]!));
    for (let r = c + 1; r < m.length; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < m.length; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return sum;
}

describe('InverseAutoregressiveFlow (IAF posterior)', () => {
  it('log q(z_K) = log q_0(z_0) − log |det ∂z_K/∂z_0|, the Jacobian taken numerically (central differences, float64) with no use of its triangular form', () => {
    const base = new Normal(loc, scale);
    const flow = new InverseAutoregressiveFlow(base, made, D);
    const seed = 5;
    const z = flow.rsample(seed, B);
    const lq = flow.logProb(z).arraySync() as number[];
    const zK = z.arraySync() as number[][];
    // The same seed gives the same base draw z_0 = μ + σ ⊙ ε.
    const z0 = base.rsample(seed, B).arraySync() as number[][];
    const mu = loc.arraySync();
    const sd = scale.arraySync();
    const h = 1e-5;
    for (let b = 0; b < B; b++) {
      // The engine's z_K is the flow of its z_0 (float32 against float64).
      flowByHand(z0[b]!).forEach((v, d) => expect(zK[b]![d]!).toBeCloseTo(v, 4));
      const J = Array.from({ length: D }, () => new Array<number>(D).fill(0));
      for (let j = 0; j < D; j++) {
        const up = flowByHand(z0[b]!.map((v, i) => (i === j ? v + h : v)));
        const down = flowByHand(z0[b]!.map((v, i) => (i === j ? v - h : v)));
        for (let i = 0; i < D; i++) J[i]![j] = (up[i]! - down[i]!) / (2 * h);
      }
      const logQ0 = z0[b]!.reduce((s, v, d) => s - 0.5 * ((v - mu[b]![d]!) / sd[b]![d]!) ** 2 - Math.log(sd[b]![d]!) - 0.5 * Math.log(2 * Math.PI), 0);
      const expected = logQ0 - logAbsDet(J);
      expect(lq[b]!).toBeCloseTo(expected, 3);
      // The sign matters: with + log |det J| the value differs by 2 log |det J|, far more than the tolerance.
      expect(Math.abs(2 * logAbsDet(J))).toBeGreaterThan(0.01);
    }
  });

  it('scores a value it did not draw by inverting its steps, and agrees with the density recorded along the draw', () => {
    const flow = new InverseAutoregressiveFlow(new Normal(loc, scale), made, D);
    const z = flow.rsample(9, B);
    const alongDraw = flow.logProb(z).arraySync() as number[];
    const inverted = flow.logProb(tf.clone(z).add(0)).arraySync() as number[];
    alongDraw.forEach((v, i) => expect(inverted[i]!).toBeCloseTo(v, 3));
  });

  it('is a density: exp(log q) sums to 1 over a grid of the plane (2-D, two steps, inverted at each point)', () => {
    const made2 = [0, 1].map((k) => new MadeModule(`m${k}`, { hidden: [16], activation: 'tanh', order: k % 2 ? 'reverse' : 'natural' }, 2, 41 + k));
    const flow = new InverseAutoregressiveFlow(new Normal(tf.tensor2d([[0.3, -0.2]]), tf.tensor2d([[0.8, 1.1]])), made2, 2);
    const half = 12;
    const n = 241;
    const step = (2 * half) / (n - 1);
    const total = tf.tidy(() => {
      const g = tf.linspace(-half, half, n);
      const xs = tf.tile(g, [n]);
      const ys = tf.reshape(tf.tile(tf.reshape(g, [n, 1]), [1, n]), [-1]);
      return tf.exp(flow.logProb(tf.stack([xs, ys], 1))).sum().mul(step * step).dataSync()[0]!;
    });
    expect(total).toBeGreaterThan(0.99);
    expect(total).toBeLessThan(1.01);
    made2.forEach((m) => m.dispose());
  });

  it('draws in one pass per step: z = rsample is differentiable in the base’s parameters, and sample is the same draw without gradient', () => {
    const flow = (l: tf.Tensor) => new InverseAutoregressiveFlow(new Normal(l, scale), made, D);
    const g = tf.grad((l: tf.Tensor) => flow(l).rsample(3, B).sum())(loc);
    expect(Math.max(...Array.from(g.dataSync()).map(Math.abs))).toBeGreaterThan(0.1);
    const a = flow(loc).rsample(3, B).arraySync() as number[][];
    const b = flow(loc).sample(3, B).arraySync() as number[][];
    a.forEach((r, i) => r.forEach((v, d) => expect(b[i]![d]!).toBeCloseTo(v, 6)));
  });

  it('leaves no tensor behind: the density recorded along a draw lives in the caller’s scope, like the draw', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const flow = new InverseAutoregressiveFlow(new Normal(loc, scale), made, D);
      const z = flow.rsample(1, B);
      flow.logProb(z);
      flow.logProbPerDim(z);
      flow.mean();
      flow.sample(2, B);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
