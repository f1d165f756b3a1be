import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../electron/engine/backend';
import { GruDecoderModule } from '../electron/engine/compile/gru-decoder-module';
import { GruEncoderModule } from '../electron/engine/compile/gru-encoder-module';
import { CategoricalSequence } from '../electron/engine/distributions/categorical-sequence';
async function main() {
  await initBackend('wasm');
  const B = 64, T = 16, V = Number(process.argv[2] ?? 1000), H = Number(process.argv[3] ?? 128);
  const dec = new GruDecoderModule('d', { hidden: H, embedding: 64, wordDropout: 0.3 }, 16, V, T, 1);
  const enc = new GruEncoderModule('e', { hidden: H, embedding: 64, heads: [{ name: 'loc', size: 16, activation: 'linear' }] }, { kind: 'ids', vocabulary: V }, 2);
  const tokens = tf.tensor2d(Array.from({ length: B * T }, (_, i) => (i % T < 10 ? 1 + (i * 7) % (V - 1) : 0)), [B, T]);
  const len = tf.fill([B, 1], 10);
  const z = tf.randomNormal([B, 16]) as tf.Tensor2D;
  const time = (label: string, f: () => void) => { f(); const t0 = performance.now(); for (let i = 0; i < 5; i++) f(); console.log(label, ((performance.now() - t0) / 5).toFixed(1), 'ms'); };
  time('dec fwd', () => tf.tidy(() => { new CategoricalSequence(dec.teacherForced(z, tokens), T, V, null, B).logProb(tokens).dataSync(); }));
  time('dec fwd+bwd', () => tf.tidy(() => { const g = tf.variableGrads(() => tf.neg(tf.mean(new CategoricalSequence(dec.teacherForced(z, tokens), T, V, null, B).logProb(tokens))) as tf.Scalar, dec.variables); Object.values(g.grads)[0]!.dataSync(); }));
  time('enc fwd+bwd', () => tf.tidy(() => { const g = tf.variableGrads(() => tf.sum(enc.forward(tokens, len).loc!) as tf.Scalar, enc.variables); Object.values(g.grads)[0]!.dataSync(); }));
}
void main();
