import * as tf from '@tensorflow/tfjs';
import type { Activation, Head, MlpParams } from '../../../shared/graph/index';
import { createRng, deriveSeed } from '../random/prng';
import { uniformInit } from './init';

/** One dense layer's trainable weights. */
export interface DenseWeights {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

type FusedActivation = 'linear' | 'relu' | 'elu' | 'sigmoid';
const FUSABLE = new Set<Activation>(['linear', 'relu', 'elu', 'sigmoid']);

/** An activation applied on its own (unfused). */
export function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  switch (a) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'elu': return tf.elu(x);
    case 'softplus': return tf.softplus(x);
    case 'linear': return x;
  }
}

/** x·W + b followed by the activation, fused into one kernel where the backend can. */
function dense(x: tf.Tensor2D, w: DenseWeights, a: Activation): tf.Tensor2D {
  if (FUSABLE.has(a)) return tf.fused.matMul({ a: x, b: w.kernel as tf.Tensor2D, bias: w.bias, activation: a as FusedActivation }) as tf.Tensor2D;
  return activate(tf.add(tf.matMul(x, w.kernel as tf.Tensor2D), w.bias), a) as tf.Tensor2D;
}

/**
 * A compiled MLP: hidden layers, then all heads computed by ONE dense layer whose columns are the
 * heads side by side (one matmul instead of one per head, forward and backward), split afterwards.
 * Each head's block is initialised as its own layer would be, so the result is the same model as
 * separate dense heads, and export splits the block back into one layer per head.
 */
export class MlpModule {
  readonly hidden: DenseWeights[] = [];
  readonly heads: DenseWeights;
  readonly headSpecs: readonly Head[];
  readonly inputWidth: number;

  constructor(readonly name: string, readonly params: MlpParams, inputWidth: number, seed: number) {
    this.inputWidth = inputWidth;
    this.headSpecs = params.heads;
    const rng = createRng(deriveSeed(seed, 0x6d6c70));
    let width = inputWidth;
    params.hidden.forEach((units, i) => {
      this.hidden.push(this.makeLayer(`${name}/dense_${i}`, uniformInit(rng, width * units, width), uniformInit(rng, units, width), width, units));
      width = units;
    });
    const total = params.heads.reduce((s, h) => s + h.size, 0);
    // Each head's block is drawn as its own layer would be (the same distribution either way,
    // since PyTorch's bound depends only on fanIn), then laid side by side.
    const kernel = new Float32Array(width * total);
    const bias = new Float32Array(total);
    let col = 0;
    for (const h of params.heads) {
      const block = uniformInit(rng, width * h.size, width);
      for (let r = 0; r < width; r++) kernel.set(block.subarray(r * h.size, (r + 1) * h.size), r * total + col);
      bias.set(uniformInit(rng, h.size, width), col);
      col += h.size;
    }
    this.heads = this.makeLayer(`${name}/heads`, kernel, bias, width, total);
  }

  private makeLayer(prefix: string, kernel: Float32Array, bias: Float32Array, fanIn: number, fanOut: number): DenseWeights {
    // tf.variable keeps its own reference to the initial value; tidy disposes the tensor it was
    // made from (variables survive tidy), so compiling and disposing a model leaves nothing behind.
    return {
      kernel: this.track(`${prefix}/kernel`, tf.tidy(() => tf.variable(tf.tensor2d(kernel, [fanIn, fanOut])))),
      bias: this.track(`${prefix}/bias`, tf.tidy(() => tf.variable(tf.tensor1d(bias)))),
    };
  }

  /**
   * Every trainable variable with a stable name (`encoder/dense_0/kernel`), in creation order,
   * which checkpoints rely on. tfjs's own variable names must be unique per process, so they are
   * left to tfjs and these names are kept here.
   */
  readonly namedVariables: Array<readonly [string, tf.Variable]> = [];

  private track(name: string, v: tf.Variable): tf.Variable {
    this.namedVariables.push([name, v]);
    return v;
  }

  get variables(): tf.Variable[] {
    return this.namedVariables.map(([, v]) => v);
  }

  /** Runs the network on a [B, inputWidth] batch; returns each head's output, [B, size]. */
  forward(x: tf.Tensor2D): Record<string, tf.Tensor2D> {
    let h = x;
    for (const layer of this.hidden) h = dense(h, layer, this.params.activation);
    const specs = this.headSpecs;
    const sameActivation = specs.every((s) => s.activation === specs[0]!.activation);
    const all = dense(h, this.heads, sameActivation ? specs[0]!.activation : 'linear');
    if (specs.length === 1) return { [specs[0]!.name]: all };
    const parts = tf.split(all, specs.map((s) => s.size), 1) as tf.Tensor2D[];
    const out: Record<string, tf.Tensor2D> = {};
    specs.forEach((s, i) => {
      out[s.name] = sameActivation ? parts[i]! : (activate(parts[i]!, s.activation) as tf.Tensor2D);
    });
    return out;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
