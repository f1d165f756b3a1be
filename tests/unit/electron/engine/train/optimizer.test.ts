import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { AdamOptimizer, createOptimizer } from '../../../../../electron/engine/train/optimizer';

const adam = { kind: 'adam' as const, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** Minimises Σ (w − target)² for a few steps; returns w. */
function descend(make: (vars: tf.Variable[]) => { apply(g: tf.Tensor[]): void; dispose(): void }, steps: number): Float32Array {
  const w = tf.variable(tf.tensor1d([1, -2, 3, 0.5]));
  const target = tf.tensor1d([0.1, 0.2, -0.3, 4]);
  const opt = make([w]);
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(w, target))) as tf.Scalar, [w]);
      opt.apply([grads[w.name]!]);
    });
  }
  const out = w.dataSync() as Float32Array;
  opt.dispose();
  w.dispose();
  target.dispose();
  return out;
}

describe.each(['cpu', 'wasm'])('optimisers on %s', (backend) => {
  it('takes PyTorch\'s first Adam step: each weight moves by lr against its gradient\'s sign', async () => {
    await tf.setBackend(backend);
    const w = descend((v) => createOptimizer(v, adam), 1);
    // With bias correction, step one is lr · g/|g| (ε aside).
    expect(Array.from(w)).toEqual([1 - 0.01, -2 + 0.01, 3 - 0.01, 0.5 + 0.01].map((x) => expect.closeTo(x, 5)));
  });

  it('gives the same weights with the fused kernel as op by op', async () => {
    await tf.setBackend(backend);
    const fused = descend((v) => new AdamOptimizer(v, adam, true), 50);
    const ops = descend((v) => new AdamOptimizer(v, adam, false), 50);
    for (let i = 0; i < fused.length; i++) expect(fused[i]).toBeCloseTo(ops[i]!, 5);
  });

  it('converges with SGD (momentum) and RMSProp', async () => {
    await tf.setBackend(backend);
    for (const settings of [{ kind: 'sgd' as const, learningRate: 0.05, momentum: 0.5 }, { kind: 'rmsprop' as const, learningRate: 0.01, decay: 0.9, momentum: 0, epsilon: 1e-7 }]) {
      const w = descend((v) => createOptimizer(v, settings), 400);
      expect(Array.from(w)).toEqual([0.1, 0.2, -0.3, 4].map((x) => expect.closeTo(x, 1)));
    }
  });
});
