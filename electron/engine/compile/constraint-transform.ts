import * as tf from '@tensorflow/tfjs';
import type { ConstraintTransform } from '../../../shared/graph/index';

/** A constraint transform other than none, as the engine applies it. */
export type Transform = Exclude<ConstraintTransform, 'none'>;

/**
 * z = T⁻¹(ζ): the latent's value from the unconstrained ζ (elementwise, differentiable in ζ).
 * exp(ζ) and softplus(ζ) are positive, σ(ζ) in (0, 1).
 */
export function untransform(t: Transform, zeta: tf.Tensor): tf.Tensor {
  switch (t) {
    case 'exp': return tf.exp(zeta);
    case 'softplus': return tf.softplus(zeta);
    case 'sigmoid': return tf.sigmoid(zeta);
  }
}

/**
 * log |dz/dζ| per component of z = T⁻¹(ζ), `[R, n]` (the Jacobian is diagonal, so its log-determinant
 * is the sum of these over the event axis), written in forms that stay finite for large |ζ|:
 * - exp: ζ;
 * - softplus: dz/dζ = σ(ζ), log σ(ζ) = −softplus(−ζ);
 * - sigmoid: dz/dζ = σ(ζ)(1 − σ(ζ)), log σ(ζ) + log(1 − σ(ζ)) = −softplus(−ζ) − softplus(ζ).
 */
export function logAbsDetJacobianPerDim(t: Transform, zeta: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    switch (t) {
      case 'exp': return tf.clone(zeta);
      case 'softplus': return tf.neg(tf.softplus(tf.neg(zeta)));
      case 'sigmoid': return tf.neg(tf.add(tf.softplus(tf.neg(zeta)), tf.softplus(zeta)));
    }
  });
}
