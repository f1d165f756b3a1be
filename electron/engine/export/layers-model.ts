/**
 * Export of a compiled network as a standard TensorFlow.js LayersModel (`model.json` +
 * `weights.bin`), loadable by `tf.loadLayersModel` in a browser, in Node, or converted to Keras.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';

import type { MlpModule } from '../compile/mlp-module';
import { writeFileAtomic } from '../runs/atomic-write';
import type { MeanOutput } from './observation-means';

/** The one weights file every export writes, named in the manifest relative to model.json. */
export const WEIGHTS_FILE = 'weights.bin';
/** The topology + manifest file `tf.loadLayersModel` is pointed at. */
export const MODEL_FILE = 'model.json';

/**
 * tfjs-layers rejects weight names not matching this (it scopes weights as `layer/kernel`), and a
 * head name may legally start with `_`, so such names get a prefix rather than failing the export.
 */
const TENSOR_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

function freeName(base: string, taken: Set<string>): string {
  const stem = TENSOR_NAME.test(base) ? base : `head${base}`;
  let name = stem;
  for (let i = 1; taken.has(name); i++) name = `${stem}_${i}`;
  taken.add(name);
  return name;
}

/**
 * Layer names, unique within the model as tfjs requires. Heads are named first because their
 * names are the model's output names (what a consumer looks up); hidden and input layers yield.
 */
function layerNames(module: MlpModule, means: readonly MeanOutput[]): { input: string; hidden: string[]; heads: string[]; means: string[] } {
  const taken = new Set<string>();
  const heads = module.headSpecs.map((h) => freeName(h.name, taken));
  const meanNames = means.map((m) => freeName(m.name, taken));
  const hidden = module.hidden.map((_, i) => freeName(`dense_${i}`, taken));
  return { input: freeName('input', taken), hidden, heads, means: meanNames };
}

/**
 * Build a tfjs-layers functional model computing the same function as `module.forward`:
 * Input [inputWidth] → one Dense per hidden layer (`dense_0`, …) → one Dense per head, named after
 * the head (prefixed `head` if the name starts with `_`, which tfjs rejects; a hidden or input
 * layer whose name a head took gets a `_1` suffix), each with its own activation. The module's
 * fused head kernel and bias are split back into per-head blocks by column.
 *
 * Outputs are the heads in `headSpecs` order (a single output for a single head), then one
 * activation layer per entry of `means` (the mean of an observed variable a head parameterises,
 * e.g. `x_mean` = sigmoid of the logits head); the model is named after the network. The model holds its own references to the weight values at build time,
 * so the module can keep training or be disposed; the caller must dispose the returned model.
 */
export function buildLayersModel(module: MlpModule, means: readonly MeanOutput[] = []): tf.LayersModel {
  const names = layerNames(module, means);
  const { activation } = module.params;
  const input = tf.input({ shape: [module.inputWidth], name: names.input, dtype: 'float32' });
  let h = input;
  const hiddenLayers = module.hidden.map((w, i) => {
    // Zero initialisers: the weights are overwritten below, so random init would be wasted work.
    const layer = tf.layers.dense({
      units: w.bias.shape[0]!, activation, name: names.hidden[i]!,
      kernelInitializer: 'zeros', biasInitializer: 'zeros',
    });
    h = layer.apply(h) as tf.SymbolicTensor;
    return layer;
  });
  const headLayers = module.headSpecs.map((spec, i) =>
    tf.layers.dense({
      units: spec.size, activation: spec.activation, name: names.heads[i]!,
      kernelInitializer: 'zeros', biasInitializer: 'zeros',
    }));
  const outputs = headLayers.map((l) => l.apply(h) as tf.SymbolicTensor);
  means.forEach((m, i) => {
    const head = module.headSpecs.findIndex((spec) => spec.name === m.head);
    if (head < 0) throw new Error(`network '${module.name}' has no head '${m.head}' to compute ${m.name} from`);
    outputs.push(tf.layers.activation({ activation: m.activation, name: names.means[i]! }).apply(outputs[head]!) as tf.SymbolicTensor);
  });
  const model = tf.model({ inputs: input, outputs: outputs.length === 1 ? outputs[0]! : outputs, name: module.name });

  // setWeights makes each layer variable reference the given tensor's data (refcounted, no copy).
  // That is safe to share with the module: tfjs never writes tensor data in place (training swaps a
  // variable's data via assign), and the split temporaries are released by tidy while the model
  // keeps its own reference.
  tf.tidy(() => {
    hiddenLayers.forEach((layer, i) => layer.setWeights([module.hidden[i]!.kernel, module.hidden[i]!.bias]));
    const sizes = module.headSpecs.map((s) => s.size);
    const kernels = sizes.length === 1 ? [module.heads.kernel] : tf.split(module.heads.kernel, sizes, 1);
    const biases = sizes.length === 1 ? [module.heads.bias] : tf.split(module.heads.bias, sizes, 0);
    headLayers.forEach((layer, i) => layer.setWeights([kernels[i]!, biases[i]!]));
  });
  return model;
}

/**
 * Save `model` as the standard TensorFlow.js LayersModel files `dir/model.json` (topology,
 * `format: 'layers-model'`, `generatedBy`, weights manifest pointing at `weights.bin`) and
 * `dir/weights.bin`, creating `dir`. Each file is replaced atomically; weights are written first
 * so a complete model.json never points at weights from an older save.
 */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  // Capture the artifacts and write after save() returns, so file errors surface from here
  // unwrapped rather than through tfjs's save machinery.
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!artifacts?.modelTopology) throw new Error(`saving model '${model.name}' produced no topology`);

  const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
  // Field set and order as tfjs's own file writers (getModelJSONForModelArtifacts, not exported).
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig != null && { trainingConfig: artifacts.trainingConfig }),
    ...(artifacts.userDefinedMetadata != null && { userDefinedMetadata: artifacts.userDefinedMetadata }),
  };

  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, WEIGHTS_FILE), new Uint8Array(weights));
  await writeFileAtomic(join(dir, MODEL_FILE), JSON.stringify(modelJson));
}

/** Export one network to `dir` (see {@link buildLayersModel}, {@link saveLayersModel}). */
export async function exportNetwork(module: MlpModule, dir: string, means: readonly MeanOutput[] = []): Promise<void> {
  const model = buildLayersModel(module, means);
  try {
    await saveLayersModel(model, dir);
  } finally {
    model.dispose();
  }
}
