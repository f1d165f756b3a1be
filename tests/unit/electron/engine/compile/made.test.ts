import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { MadeModule } from '../../../../../electron/engine/compile/made-module';
import { madeMasks } from '../../../../../electron/engine/compile/made-masks';
import type { MadeOrder } from '../../../../../shared/graph/index';

beforeAll(async () => {
  await initBackend('wasm');
});

/** ∂ head_d / ∂ x_j at x, by tfjs's gradient of one output at a time: [D][D]. */
function jacobian(made: MadeModule, head: 'shift' | 'logScale', x: tf.Tensor2D): number[][] {
  const D = x.shape[1];
  const rows: number[][] = [];
  for (let d = 0; d < D; d++) {
    const g = tf.grad((input: tf.Tensor) => tf.tidy(() => made.forward(input as tf.Tensor2D)[head]!.slice([0, d], [1, 1]).sum()))(x);
    rows.push(Array.from(g.dataSync()));
    g.dispose();
  }
  return rows;
}

/** The position of each dimension in the order: natural 0…D−1, reverse D−1…0. */
const positionOf = (d: number, D: number, order: MadeOrder): number => (order === 'natural' ? d : D - 1 - d);

describe('MADE', () => {
  for (const order of ['natural', 'reverse'] as const) {
    it(`output d depends only on the inputs before d (${order} order): its Jacobian is strictly triangular and dense below`, () => {
      const D = 5;
      const made = new MadeModule('made', { hidden: [16, 16], activation: 'tanh', order }, D, 7);
      const x = tf.tensor2d([[0.3, -1.2, 0.8, 2.1, -0.5]]);
      for (const head of ['shift', 'logScale'] as const) {
        const J = jacobian(made, head, x);
        for (let d = 0; d < D; d++) {
          for (let j = 0; j < D; j++) {
            const before = positionOf(j, D, order) < positionOf(d, D, order);
            // Not before: exactly zero (the masks cut every path). Before: a real dependence, which
            // masks that cut too much would lose (tanh units make every entry non-zero at a generic x).
            if (before) expect(Math.abs(J[d]![j]!), `${head} ${d} ← ${j}`).toBeGreaterThan(1e-6);
            else expect(Math.abs(J[d]![j]!), `${head} ${d} ← ${j}`).toBe(0);
          }
        }
      }
      x.dispose();
      made.dispose();
    });
  }

  it('gives each hidden unit a degree in 1…D−1 and connects by ≥ between hidden layers, by > into the outputs', () => {
    const m = madeMasks(3, [4], 'natural');
    expect(m.inputDegrees).toEqual([1, 2, 3]);
    expect(m.hiddenDegrees).toEqual([[1, 2, 1, 2]]);
    // Row i = input of degree i+1, column = hidden unit (degrees 1 2 1 2): connected when hidden ≥ input.
    expect(Array.from(m.hidden[0]!)).toEqual([1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0]);
    // Row = hidden unit, column = output of degree 1 2 3: connected when output > hidden.
    expect(Array.from(m.output)).toEqual([0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1]);
    expect(madeMasks(3, [2], 'reverse').inputDegrees).toEqual([3, 2, 1]);
  });

  it('stores its kernels masked, so the exported plain network is the masked one', () => {
    const made = new MadeModule('made', { hidden: [8], activation: 'relu', order: 'natural' }, 3, 1);
    const hiddenKernel = made.hidden[0]!.kernel.dataSync();
    const mask = made.masks.hidden[0]!;
    for (let i = 0; i < mask.length; i++) if (mask[i] === 0) expect(Math.abs(hiddenKernel[i]!)).toBe(0);
    const x = tf.tensor2d([[0.5, -0.1, 1.3], [2, 0.2, -0.7]]);
    const masked = made.forward(x);
    const plain = tf.tidy(() => {
      const h = tf.relu(tf.add(tf.matMul(x, made.hidden[0]!.kernel as tf.Tensor2D), made.hidden[0]!.bias));
      return tf.add(tf.matMul(h, made.heads.kernel as tf.Tensor2D), made.heads.bias);
    });
    expect(Array.from(plain.dataSync())).toEqual(Array.from(tf.concat([masked.shift!, masked.logScale!], 1).dataSync()));
    tf.dispose([x, plain, masked.shift!, masked.logScale!]);
    made.dispose();
  });
});
