/**
 * The semi-supervised objective (M2) on a tiny mixture whose latent c is observed where its label
 * is known, against the bound written out by hand from the model's own parameters: on a labelled
 * row ELBO(x, y) = log p(x | y) + log π_y; on an unlabelled row Σ_k q_k [log p(x | k) + log π_k −
 * log q_k] = Σ_k q_k ELBO(x, k) + H(q); the training objective adds α · log q(y | x) on labelled rows.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { createObjective } from '../../../../../electron/engine/objectives/index';
import { BaselineStates } from '../../../../../electron/engine/estimators/baseline-state';
import { prepareTraining, type Prepared } from '../../../../../electron/engine/train/trainer';
import type { Batch } from '../../../../../electron/engine/compile/model';
import { tinyMixture } from '../../../../helpers/tiny-graphs';

const K = 3;
const ALPHA = 2.5;

beforeAll(async () => {
  await initBackend('cpu');
});

/** The tiny mixture with c observed where the data set's label (its component) is known. */
function semiSupervised(alpha = ALPHA): Prepared {
  const doc = tinyMixture({ estimator: 'enumeration', latent: { observedWhereKnown: true, classificationWeight: alpha } });
  doc.graph.edges.push({ id: 'known', source: { node: 'd', port: 'label' }, target: { node: 'c', port: 'known' } });
  return prepareTraining(doc, '.');
}

const XS = [[1.9, 0.1], [-0.3, 1.2], [0.2, -1.7], [-1.5, -0.9], [0.4, 0.5]];
/** Labels: two known (2 and 0), the rest withheld. */
const LABELS = [2, -1, 0, -1, -1];

function batchOf(xs: number[][], labels: number[]): Batch {
  return { x: tf.tensor2d(xs), label: tf.tensor1d(labels) };
}

function logNormal(x: number[], loc: number[], scale: number[]): number {
  return x.reduce((s, xi, i) => s - 0.5 * ((xi - loc[i]!) / scale[i]!) ** 2 - Math.log(scale[i]!) - 0.5 * Math.log(2 * Math.PI), 0);
}

/** The model's parameters as plain numbers, and the per-row bound and classification term written out by hand. */
function byHand(p: Prepared, xs: number[][], labels: number[]) {
  return tf.tidy(() => {
    const logPrior = tf.logSoftmax(p.model.learnables.get('pi')!.raw.reshape([K])).arraySync() as number[];
    const heads = p.model.networks.get('dec')!.forward(tf.eye(K) as tf.Tensor2D);
    const loc = heads.loc!.arraySync() as number[][];
    const scale = heads.scale!.arraySync() as number[][];
    const logQ = tf.logSoftmax(p.model.networks.get('enc')!.forward(tf.tensor2d(xs)).logits!).arraySync() as number[][];
    const elbo = xs.map((x, b) => {
      const joint = (k: number) => logNormal(x, loc[k]!, scale[k]!) + logPrior[k]!;
      const y = labels[b]!;
      if (y >= 0) return joint(y);
      return logPrior.reduce((s, _, k) => s + Math.exp(logQ[b]![k]!) * (joint(k) - logQ[b]![k]!), 0);
    });
    const classification = labels.map((y, b) => (y >= 0 ? logQ[b]![y]! : 0));
    return { elbo, classification, logQ };
  });
}

describe('a latent observed where its label is known (M2)', () => {
  it('bounds ELBO(x, y) on labelled rows and Σ_y q(y | x) ELBO(x, y) + H(q) on unlabelled rows', () => {
    const p = semiSupervised();
    const expected = byHand(p, XS, LABELS);
    const elbo = tf.tidy(() => p.model.run(batchOf(XS, LABELS), 1).elbo.arraySync() as number[]);
    elbo.forEach((v, i) => expect(v, `row ${i}`).toBeCloseTo(expected.elbo[i]!, 4));
    // The unlabelled rows' bound is the plain enumerated ELBO: the same rows with no label known give the same numbers.
    const allUnknown = tf.tidy(() => p.model.run(batchOf(XS, LABELS.map(() => -1)), 1).elbo.arraySync() as number[]);
    [1, 3, 4].forEach((i) => expect(allUnknown[i]).toBeCloseTo(elbo[i]!, 5));
    // A labelled row is scored differently from the same row unlabelled (a bound on log p(x, y), not on log p(x)).
    expect(Math.abs(allUnknown[0]! - elbo[0]!)).toBeGreaterThan(1e-3);
    p.model.dispose();
  });

  it('trains on the bound plus α · log q(y | x) on the labelled rows', () => {
    const p = semiSupervised();
    const expected = byHand(p, XS, LABELS);
    const objective = createObjective(p.model.training.objective);
    const loss = tf.tidy(() => objective.step(p.model.trace(batchOf(XS, LABELS), 1, { particles: 1 }), { step: 0, baselines: new BaselineStates() }).loss.dataSync()[0]!);
    const mean = expected.elbo.reduce((s, v, b) => s + v + ALPHA * expected.classification[b]!, 0) / XS.length;
    expect(loss).toBeCloseTo(-mean, 4);
    p.model.dispose();
  });

  it('reaches the classifier on labelled rows only through α · log q(y | x): its gradient is α times the cross-entropy\'s', () => {
    const p = semiSupervised();
    const labelled = [XS[0]!, XS[2]!];
    const labels = [2, 0];
    const encoder = p.model.networks.get('enc')!;
    const vars = encoder.namedVariables.map(([, v]) => v);
    const objective = createObjective(p.model.training.objective);
    const grads = (f: () => tf.Scalar) => tf.tidy(() => {
      const { grads: g } = tf.variableGrads(f, vars);
      return vars.map((v) => Array.from(g[v.name]!.dataSync()));
    });
    const ours = grads(() => objective.step(p.model.trace(batchOf(labelled, labels), 1, { particles: 1 }), { step: 0, baselines: new BaselineStates() }).loss);
    // Independently: −α · mean log softmax(encoder(x))[y], the classifier's own cross-entropy.
    const crossEntropy = grads(() => tf.mul(-ALPHA, tf.mean(tf.sum(tf.mul(tf.logSoftmax(encoder.forward(tf.tensor2d(labelled)).logits!), tf.oneHot(tf.tensor1d(labels, 'int32'), K)), 1))) as tf.Scalar);
    ours.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(crossEntropy[i]![j]!, 5)));
    expect(Math.max(...crossEntropy.flat().map(Math.abs))).toBeGreaterThan(1e-3);
    // With α = 0 nothing reaches it on labelled rows: the weights there are constants (one-hot).
    const none = semiSupervised(0);
    const vars0 = none.model.networks.get('enc')!.namedVariables.map(([, v]) => v);
    const objective0 = createObjective(none.model.training.objective);
    const zero = tf.tidy(() => {
      const { grads: g } = tf.variableGrads(() => objective0.step(none.model.trace(batchOf(labelled, labels), 1, { particles: 1 }), { step: 0, baselines: new BaselineStates() }).loss, vars0);
      return vars0.map((v) => tf.max(tf.abs(g[v.name] ?? tf.zeros([1]))).dataSync()[0]!);
    });
    expect(Math.max(...zero)).toBe(0);
    p.model.dispose();
    none.model.dispose();
  });

  it('reports the accuracy of q(y | x) on the labelled rows only', () => {
    const p = semiSupervised();
    const { logQ } = byHand(p, XS, LABELS);
    const predicted = logQ.map((row) => row.indexOf(Math.max(...row)));
    // Labels chosen so that one labelled row is right and the other wrong, whatever q predicts.
    const labels = [predicted[0]!, -1, (predicted[2]! + 1) % K, -1, -1];
    const accuracy = tf.tidy(() => p.model.run(batchOf(XS, labels), 1, { accuracy: true }).accuracy.c!.dataSync()[0]!);
    expect(accuracy).toBeCloseTo(0.5, 6);
    p.model.dispose();
  });
});
