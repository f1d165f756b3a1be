/**
 * The Embedding: each token id becomes its row of the table, position by position, and a gradient
 * reaches only the rows of the ids read (the one-hot matmul stands for a gather).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { EmbeddingModule } from '../../../../../electron/engine/compile/embedding-module';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the Embedding', () => {
  it('gives each id its row of the table, and a gradient only to the rows read', () => {
    const m = new EmbeddingModule('embedding', { dimension: 3 }, 6, 1);
    const table = m.table.arraySync() as number[][];
    const ids = [[2, 5, 0], [4, 4, 1]];
    const out = tf.tidy(() => m.forward(tf.tensor2d(ids)).arraySync());
    expect(out).toHaveLength(2);
    ids.forEach((row, b) => row.forEach((id, t) => table[id]!.forEach((v, e) => expect(out[b]![t * 3 + e]).toBeCloseTo(v, 6))));
    const grad = tf.tidy(() => (tf.variableGrads(() => tf.sum(m.forward(tf.tensor2d(ids))) as tf.Scalar, [m.table]).grads[m.table.name]!.arraySync() as number[][]));
    // Each row's gradient is the number of times its id is read (3 is never read; 4 twice).
    expect(grad.map((r) => r[0])).toEqual([1, 1, 1, 0, 2, 1]);
    m.dispose();
  });
});
