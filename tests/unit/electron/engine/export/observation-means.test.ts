import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../../shared/graph/index';
import { CompiledModel } from '../../../../../electron/engine/compile/model';
import { observationMeans } from '../../../../../electron/engine/export/observation-means';
import { loadExample } from '../../../../helpers/examples';

function compile(name: 'vae-mnist' | 'classifier-mnist'): CompiledModel {
  const doc = loadExample(name);
  // The classifier's label classes are learnt from the data; the example states them for the test.
  const known = name === 'classifier-mnist' ? { mnist: { label: { categories: 10 } } } : {};
  return new CompiledModel(analyzeGraph(doc.graph, known as never), doc.training);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('observationMeans', () => {
  it("gives the VAE's decoder the mean of x (sigmoid of its logits head) and the encoder nothing", () => {
    const m = compile('vae-mnist');
    expect(observationMeans(m, 'decoder')).toEqual([{ head: 'logits', name: 'x_mean', activation: 'sigmoid' }]);
    expect(observationMeans(m, 'encoder')).toEqual([]);
  });

  it("gives the classifier's network the class probabilities (softmax)", () => {
    const m = compile('classifier-mnist');
    const [netId] = [...m.networks.keys()];
    const means = observationMeans(m, netId!);
    expect(means).toHaveLength(1);
    expect(means[0]!.activation).toBe('softmax');
    expect(means[0]!.name).toMatch(/_probs$/);
  });
});
