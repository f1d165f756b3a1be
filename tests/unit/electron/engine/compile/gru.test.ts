/**
 * The GRU of the sequence networks against PyTorch's nn.GRU (run by /usr/bin/python3, an
 * independent implementation): the same weights (ours laid out as W^T, gates r, z, n side by side,
 * as PyTorch's weight_ih_l0 / weight_hh_l0 are), the same inputs and initial state, every hidden
 * state compared; and the encoder's final state at each sentence's length against PyTorch's
 * h_n of a packed sequence (pack_padded_sequence), which stops each sequence at its length.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { createGruWeights, gruInputs, gruPass, gruStep } from '../../../../../electron/engine/compile/gru-cell';
import { GruEncoderModule } from '../../../../../electron/engine/compile/gru-encoder-module';
import { VariableSet } from '../../../../../electron/engine/compile/variable-set';
import { createRng } from '../../../../../electron/engine/random/prng';
import { hasTorch, runPython } from '../../../../helpers/python-torch';

const torch = hasTorch();
if (!torch) console.warn('SKIPPED: the GRU is compared with PyTorch\'s nn.GRU only where /usr/bin/python3 has torch');

beforeAll(async () => {
  await initBackend('wasm');
});

const B = 3;
const T = 5;
const E = 4;
const H = 6;

/** nn.GRU with our weights on `x` [B, T, E] from `h0` [B, H]: every state [B, T, H], and h_n of the sequences packed at `lengths`. */
const SCRIPT = `
import json, sys, torch
d = json.load(open(sys.argv[1]))
B, T, E, H = d['B'], d['T'], d['E'], d['H']
gru = torch.nn.GRU(E, H, batch_first=True).double()
with torch.no_grad():
    gru.weight_ih_l0.copy_(torch.tensor(d['inputKernel'], dtype=torch.float64).reshape(E, 3 * H).t())
    gru.weight_hh_l0.copy_(torch.tensor(d['recurrentKernel'], dtype=torch.float64).reshape(H, 3 * H).t())
    gru.bias_ih_l0.copy_(torch.tensor(d['inputBias'], dtype=torch.float64))
    gru.bias_hh_l0.copy_(torch.tensor(d['recurrentBias'], dtype=torch.float64))
    x = torch.tensor(d['x'], dtype=torch.float64).reshape(B, T, E)
    h0 = torch.tensor(d['h0'], dtype=torch.float64).reshape(1, B, H)
    out, _ = gru(x, h0)
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(d['lengths']), batch_first=True, enforce_sorted=False)
    _, hn = gru(packed, torch.zeros(1, B, H, dtype=torch.float64))
print(json.dumps({'states': out.reshape(-1).tolist(), 'final': hn.reshape(-1).tolist()}))
`;

function values(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => 2 * rng.next() - 1);
}

describe('the GRU', () => {
  it.skipIf(!torch)('computes the hidden states of PyTorch\'s nn.GRU (gates r, z, n; n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))), and the encoder stops each sentence at its length', async () => {
    const vars = new VariableSet();
    const w = createGruWeights(vars, 'g', E, H, createRng(7));
    const x = values(B * T * E, 1);
    const h0 = values(B * H, 2);
    const lengths = [5, 2, 3];
    const dir = mkdtempSync(join(tmpdir(), 'gru-'));
    const data = {
      B, T, E, H, x, h0, lengths,
      inputKernel: Array.from(await w.inputKernel.data()),
      recurrentKernel: Array.from(await w.recurrentKernel.data()),
      inputBias: Array.from(await w.inputBias.data()),
      recurrentBias: Array.from(await w.recurrentBias.data()),
    };
    writeFileSync(join(dir, 'gru.json'), JSON.stringify(data));
    writeFileSync(join(dir, 'gru.py'), SCRIPT);
    const ref = JSON.parse(runPython(['gru.py', 'gru.json'], dir)) as { states: number[]; final: number[] };

    // Ours, step by step: x is [B, T, E] row-major, i.e. [B·T, E] with row b·T + t.
    const states = tf.tidy(() => {
      const pass = gruPass(w);
      let h = tf.tensor2d(h0, [B, H]);
      const out: tf.Tensor2D[] = [];
      for (const xi of gruInputs(tf.tensor2d(x, [B * T, E]), B, T, w)) {
        h = gruStep(xi, h, pass);
        out.push(h);
      }
      return tf.stack(out, 1).dataSync();
    });
    expect(states.length).toBe(ref.states.length);
    let worst = 0;
    states.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ref.states[i]!))));
    expect(worst).toBeLessThan(1e-5);

    // The encoder (reading vectors) with these weights: its final state is h at each length.
    const enc = new GruEncoderModule('enc', { hidden: H, embedding: E, heads: [{ name: 'out', size: 1, activation: 'linear' }] }, { kind: 'vectors', width: E }, 3);
    enc.gru.inputKernel.assign(w.inputKernel);
    enc.gru.recurrentKernel.assign(w.recurrentKernel);
    enc.gru.inputBias.assign(w.inputBias);
    enc.gru.recurrentBias.assign(w.recurrentBias);
    const final = tf.tidy(() => enc.finalState(tf.tensor2d(x, [B, T * E]), tf.tensor2d(lengths, [B, 1])).dataSync());
    worst = 0;
    final.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ref.final[i]!))));
    expect(worst).toBeLessThan(1e-5);
    // The lengths matter: sentence 1 stops at 2 positions, so its state differs from the full run's.
    expect(Math.abs(final[H]! - states[(1 * T + 4) * H]!)).toBeGreaterThan(1e-3);
    enc.dispose();
    vars.dispose();
  });
});
