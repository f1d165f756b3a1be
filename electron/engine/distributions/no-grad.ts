import * as tf from '@tensorflow/tfjs';

/**
 * Evaluate `compute(...inputs)` so that no gradient flows back to `inputs`.
 *
 * tfjs has no `stop_gradient`. A `tf.customGrad` op is the way round it: its forward pass
 * runs with the tape off (so non-differentiable kernels such as Less or ArgMax inside it
 * never reach backprop, which would otherwise throw "gradient function not found"), and its
 * gradient is declared to be zero. Hence `tf.grad` through a sample returns zeros rather
 * than failing.
 *
 * `compute` must return a new tensor (not one of its inputs).
 */
export function withoutGradient<T extends tf.Tensor>(
  inputs: readonly tf.Tensor[],
  compute: (...xs: tf.Tensor[]) => T,
): T {
  const shapes = inputs.map((t) => t.shape);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    return {
      value: compute(...xs),
      gradFunc: () => shapes.map((shape) => tf.zeros(shape)),
    };
  });
  return op(...inputs) as T;
}

/** `x` with its gradient cut: the value of `x`, and zero gradient to everything behind it. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return withoutGradient([x], (t) => t.clone() as T);
}
