import * as tf from '@tensorflow/tfjs';
import type { Activation, MadeParams } from '../../../shared/graph/index';
import { activate, MlpModule } from './mlp-module';
import { madeMasks, type MadeMasks } from './made-masks';

/**
 * A compiled MADE: an MLP with heads `shift` and `logScale` (D each, linear, fused side by side as
 * an MLP's heads are) whose kernels are multiplied by the masks of `madeMasks`. The masked-out
 * entries of the kernels are zeroed once at construction; their gradient is zero (the mask
 * multiplies it), so they stay zero under the optimiser and an exported LayersModel of the raw
 * kernels computes the same masked network.
 */
export class MadeModule extends MlpModule {
  readonly masks: MadeMasks;
  private readonly maskTensors: tf.Tensor2D[];
  readonly order: MadeParams['order'];

  constructor(name: string, params: MadeParams, inputWidth: number, seed: number) {
    super(name, {
      hidden: params.hidden,
      activation: params.activation,
      heads: [
        { name: 'shift', size: inputWidth, activation: 'linear' },
        { name: 'logScale', size: inputWidth, activation: 'linear' },
      ],
    }, inputWidth, seed);
    this.order = params.order;
    this.masks = madeMasks(inputWidth, params.hidden, params.order);
    const D = inputWidth;
    const last = params.hidden[params.hidden.length - 1]!;
    // The heads' kernel is [last, 2D]: the output mask for the shifts, then again for the log-scales.
    const headMask = new Float32Array(last * 2 * D);
    for (let r = 0; r < last; r++) {
      headMask.set(this.masks.output.subarray(r * D, (r + 1) * D), r * 2 * D);
      headMask.set(this.masks.output.subarray(r * D, (r + 1) * D), r * 2 * D + D);
    }
    const widths = [D, ...params.hidden];
    this.maskTensors = [
      ...this.masks.hidden.map((m, i) => tf.keep(tf.tensor2d(m, [widths[i]!, widths[i + 1]!]))),
      tf.keep(tf.tensor2d(headMask, [last, 2 * D])),
    ];
    const kernels = [...this.hidden.map((l) => l.kernel), this.heads.kernel];
    kernels.forEach((k, i) => tf.tidy(() => k.assign(tf.mul(k, this.maskTensors[i]!))));
  }

  /** Runs the masked network on a [B, D] batch: { shift, logScale }, each [B, D]. */
  override forward(x: tf.Tensor2D): Record<string, tf.Tensor2D> {
    let h: tf.Tensor2D = x;
    this.hidden.forEach((layer, i) => {
      h = activate(tf.add(tf.matMul(h, tf.mul(layer.kernel, this.maskTensors[i]!) as tf.Tensor2D), layer.bias), this.params.activation) as tf.Tensor2D;
    });
    const out = tf.add(tf.matMul(h, tf.mul(this.heads.kernel, this.maskTensors[this.hidden.length]!) as tf.Tensor2D), this.heads.bias) as tf.Tensor2D;
    const [shift, logScale] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { shift, logScale };
  }

  override dispose(): void {
    super.dispose();
    for (const m of this.maskTensors) m.dispose();
  }
}
