import * as tf from '@tensorflow/tfjs';

/**
 * The trainable variables of one compiled network, each with a stable name (`decoder/gru/kernel`)
 * in creation order, which checkpoints rely on (tfjs's own variable names must be unique per
 * process, so they are left to tfjs).
 */
export class VariableSet {
  readonly namedVariables: Array<readonly [string, tf.Variable]> = [];

  /** A new variable holding `values` of `shape`, named `name`. */
  add(name: string, values: Float32Array, shape: number[]): tf.Variable {
    // tidy disposes the tensor the variable is made from (the variable keeps its own copy).
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape)));
    this.namedVariables.push([name, v]);
    return v;
  }

  get variables(): tf.Variable[] {
    return this.namedVariables.map(([, v]) => v);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** A compiled sequence network (Embedding, GRU encoder, GRU decoder): its variables, named. */
export interface SequenceModule {
  readonly name: string;
  readonly namedVariables: ReadonlyArray<readonly [string, tf.Variable]>;
  dispose(): void;
}
