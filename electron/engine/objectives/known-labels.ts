/**
 * The terms of a latent observed where its label is known (the semi-supervised VAE, M2): on a row
 * whose label y is known, the configurations are weighted one-hot at y and the latent contributes
 * log p(y) (it is observed); on a row whose label is −1, they are weighted by q(y | x) and the
 * latent contributes log p(y) − log q(y | x) (so the bound carries the entropy H(q(y | x))). The
 * training objective adds α · log q(y | x) on the labelled rows (Kingma et al., 2014, eq. 9).
 */
import * as tf from '@tensorflow/tfjs';
import type { LatentSite } from '../compile/trace';

/** Whether each row's label is known, `[R]` bool. */
function isKnown(site: LatentSite): tf.Tensor {
  return tf.greaterEqual(site.known!.labels, 0);
}

/** 1 on the rows whose configuration is the known label, else 0, `[R]` (0 on unlabelled rows). */
function atKnownLabel(site: LatentSite): tf.Tensor {
  const K = site.value.shape[1]!;
  const label = tf.oneHot(tf.cast(site.known!.labels, 'int32'), K); // −1 gives a row of zeros
  return tf.sum(tf.mul(site.value, label), 1);
}

/**
 * The weight of each row's configuration of an enumerated latent, `[R]`: q(e | x), or, where the
 * latent's label is known, 1 at the label and 0 elsewhere.
 */
export function configurationWeight(site: LatentSite): tf.Tensor {
  const q = tf.exp(site.logQ());
  return site.known ? tf.where(isKnown(site), atKnownLabel(site), q) : q;
}

/** The latent's KL estimate per row, `[R]`: log q − log p where its label is unknown, −log p where it is observed. */
export function knownKlRow(site: LatentSite): tf.Tensor {
  const logP = site.logP();
  return tf.where(isKnown(site), tf.neg(logP), tf.sub(site.logQ(), logP));
}

/**
 * α · log q(y | x) at the known label, per particle and example `[S·B]` (0 on unlabelled rows),
 * summed over the latents observed where known; null when there is none.
 */
export function classificationTerm(latents: readonly LatentSite[], E: number, SB: number): tf.Tensor1D | null {
  const terms = latents.filter((l) => l.known && l.known.weight > 0).map((l) => {
    // Only the row of the known label's configuration has the indicator set: the sum over
    // configurations picks log q(y | x) there.
    const picked = tf.sum(tf.reshape(tf.mul(atKnownLabel(l), l.logQ()), [E, SB]), 0);
    return tf.mul(picked, l.known!.weight);
  });
  if (terms.length === 0) return null;
  return (terms.length === 1 ? terms[0]! : tf.addN(terms)) as tf.Tensor1D;
}

/**
 * The accuracy of q(y | x) on the rows whose label is known: the share of them whose most probable
 * class is the label (0 when no row is labelled).
 */
export function knownLabelAccuracy(site: LatentSite): tf.Scalar {
  if (!site.q || !site.known) throw new Error(`internal: latent ${site.name} is not observed where known`);
  const known = tf.cast(isKnown(site), 'float32');
  const predicted = tf.argMax(site.q.mean(), 1);
  const right = tf.cast(tf.equal(predicted, tf.cast(site.known.labels, 'int32')), 'float32');
  return tf.div(tf.sum(tf.mul(right, known)), tf.maximum(tf.sum(known), 1)) as tf.Scalar;
}
