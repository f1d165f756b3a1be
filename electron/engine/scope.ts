import * as tf from '@tensorflow/tfjs';

/**
 * Like tf.tidy, for functions that return plain data rather than tensors: every tensor made
 * inside is disposed when it returns or throws.
 */
export function disposingScope<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}
