import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
const OVERRIDE = process.argv[2] === 'fix';
if (OVERRIDE) {
  const orig = tf.getKernel('BatchMatMul', 'wasm');
  const tr = tf.getKernel('Transpose', 'wasm');
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', setupFunc: orig.setupFunc,
    kernelFunc: ({ inputs, backend, attrs }) => {
      let { a, b } = inputs; const { transposeA, transposeB } = attrs;
      if (!transposeA && !transposeB) return orig.kernelFunc({ inputs, backend, attrs });
      const tmp = [];
      const T = (x) => { const r = x.shape.length; const perm = [...Array(r).keys()]; [perm[r-1], perm[r-2]] = [perm[r-2], perm[r-1]]; const o = tr.kernelFunc({ inputs: { x }, backend, attrs: { perm } }); tmp.push(o); return o; };
      if (transposeA) a = T(a); if (transposeB) b = T(b);
      const out = orig.kernelFunc({ inputs: { a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
      for (const t of tmp) backend.disposeData(t.dataId);
      return out;
    } });
}
await tf.setBackend('wasm'); await tf.ready();
const B = 128;
const glorot = (i, o) => tf.variable(tf.randomUniform([i, o], -Math.sqrt(6/(i+o)), Math.sqrt(6/(i+o))));
const W1 = glorot(784,400), b1 = tf.variable(tf.zeros([400])), Wm = glorot(400,20), bm=tf.variable(tf.zeros([20])), Ws=glorot(400,20), bs=tf.variable(tf.zeros([20]));
const W2 = glorot(20,400), b2 = tf.variable(tf.zeros([400])), W3 = glorot(400,784), b3 = tf.variable(tf.zeros([784]));
const opt = tf.train.adam(1e-3);
const x = tf.tensor2d(Float32Array.from({length: B*784}, () => Math.random() > 0.8 ? 1 : 0), [B, 784]);
function loss() {
  const h = tf.relu(tf.add(tf.matMul(x, W1), b1));
  const mu = tf.add(tf.matMul(h, Wm), bm); const sd = tf.softplus(tf.add(tf.matMul(h, Ws), bs));
  const z = tf.add(mu, tf.mul(sd, tf.randomNormal([B, 20])));
  const h2 = tf.relu(tf.add(tf.matMul(z, W2), b2)); const l = tf.add(tf.matMul(h2, W3), b3);
  const ll = tf.sum(tf.sub(tf.mul(x, l), tf.softplus(l)), 1);
  const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, tf.mul(2, tf.log(sd))), tf.square(mu)), tf.square(sd)), 1));
  return tf.neg(tf.mean(tf.sub(ll, kl)));
}
for (let i = 0; i < 5; i++) tf.tidy(() => opt.minimize(loss, true).dataSync());
const n = 60; const s = performance.now(); let v;
for (let i = 0; i < n; i++) v = tf.tidy(() => opt.minimize(loss, true).dataSync()[0]);
const dt = (performance.now() - s) / n;
console.log(OVERRIDE ? 'fix' : 'plain', dt.toFixed(1), 'ms/step', (1000/dt).toFixed(1), 'steps/s', v);
const prof = await tf.profile(() => tf.tidy(() => opt.minimize(loss, true)));
const agg = {}; for (const k of prof.kernels) { agg[k.name] = (agg[k.name]||0) + k.kernelTimeMs; }
console.log(Object.entries(agg).sort((a,b)=>b[1]-a[1]).slice(0,8).map(([k,v])=>k+':'+v.toFixed(1)).join(' '));
