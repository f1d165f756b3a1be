import * as tf from '@tensorflow/tfjs';
import type { LatentSite, Trace } from '../compile/trace';
import { configurationWeight, knownKlRow } from './known-labels';

/** The per-example terms of the ELBO, each `[S·B]` (one entry per particle and example). */
export interface ElboTerms {
  /** ELBO = reconstruction − Σ KL (the log-likelihood when there is no latent). */
  readonly elbo: tf.Tensor1D;
  /** E_q[Σ observed log p(x | …)]. */
  readonly reconstruction: tf.Tensor1D;
  /** KL(q ‖ p) per latent, by name (jointly for latents summed out together: names joined by '+'). */
  readonly kl: Readonly<Record<string, tf.Tensor1D>>;
  /** Per latent, by name, the per-row KL estimate `[R]` before enumeration weights (for free bits and signals). */
  readonly klRows: ReadonlyMap<string, tf.Tensor>;
  /** Σ observed log p per row, `[R]`. */
  readonly observedRows: tf.Tensor;
  /** Weights of the enumerated configurations, `[E, S·B]` (Π q of the enumerated latents); null without enumeration. */
  readonly weights: tf.Tensor | null;
  /** Enumerated latents without a posterior: summed out in log space (the ELBO is then a logsumexp over configurations). */
  readonly marginalised: boolean;
}

/** Σ of a list of `[R]` tensors (0 when empty). */
export function sumRows(ts: readonly tf.Tensor[], rows: number): tf.Tensor {
  if (ts.length === 0) return tf.zeros([rows]);
  return ts.length === 1 ? ts[0]! : tf.addN([...ts]);
}

/**
 * The per-row KL estimate of a latent: closed form when its estimator may use one, else log q − log p
 * of its value; a latent observed where its label is known gives −log p on its labelled rows.
 */
export function klRow(site: LatentSite): tf.Tensor {
  if (site.known) return knownKlRow(site);
  return site.klClosed() ?? tf.sub(site.logQ(), site.logP());
}

/**
 * The ELBO of a trace, honestly estimated, per particle and example:
 * - a latent observed where its label is known: on labelled rows its configurations are weighted
 *   one-hot at the label and its term is log p(y), so the row's bound is ELBO(x, y); on unlabelled
 *   rows Σ_y q(y | x) ELBO(x, y) + H(q(y | x)) (see known-labels.ts);
 * - no enumeration: Σ_obs log p(x | …) − Σ_latents KL̂, the KL in closed form where it exists
 *   (reparameterised, score-function and relaxed latents), else log q(z) − log p(z);
 * - enumerated latents with posteriors: the exact expectation over their configurations,
 *   Σ_e Π q(e) [Σ_obs log p + Σ (log p − log q)], differentiable through the weights q(e);
 * - enumerated latents without posteriors: summed out exactly, logsumexp_e [Σ_obs log p + Σ log p(e)
 *   + Σ_sampled (log p − log q)], which is log p(x) when nothing else is sampled. Its reconstruction
 *   and KL are under the exact posterior over the configurations.
 */
export function elboTerms(trace: Trace): ElboTerms {
  const { rows } = trace;
  const E = rows.configurations;
  const SB = rows.particles * rows.batch;
  const R = E * SB;
  const observedRows = sumRows(trace.observed.map((o) => o.logP), R);
  const enumerated = trace.latents.filter((l) => l.enumerated);
  const marginalised = enumerated.length > 0 && enumerated.every((l) => l.q === null);
  const klRows = new Map<string, tf.Tensor>();

  if (marginalised) {
    // Log joint per configuration; every sampled latent by Monte Carlo (a closed-form KL cannot sit inside the logsumexp).
    const sampled = trace.latents.filter((l) => !l.enumerated);
    for (const l of sampled) klRows.set(l.name, tf.sub(l.logQ(), l.logP()));
    const enumLogP = sumRows(enumerated.map((l) => l.logP()), R);
    const joint = tf.reshape(tf.sub(tf.add(observedRows, enumLogP), sumRows([...klRows.values()], R)), [E, SB]);
    const elbo = tf.logSumExp(joint, 0) as tf.Tensor1D;
    const posterior = tf.softmax(tf.transpose(joint)).transpose(); // [E, SB], each column sums to 1
    const expect = (x: tf.Tensor): tf.Tensor1D => tf.sum(tf.mul(posterior, tf.reshape(x, [E, SB])), 0) as tf.Tensor1D;
    const reconstruction = expect(observedRows);
    const kl: Record<string, tf.Tensor1D> = {};
    // KL(post ‖ prior) of the enumerated latents jointly: Σ_e post_e (log post_e − log p(e)).
    const logPost = tf.sub(joint, tf.reshape(elbo, [1, SB]));
    kl[enumerated.map((l) => l.name).join('+')] = tf.sum(tf.mul(posterior, tf.sub(logPost, tf.reshape(enumLogP, [E, SB]))), 0) as tf.Tensor1D;
    for (const l of sampled) kl[l.name] = expect(klRows.get(l.name)!);
    return { elbo, reconstruction, kl, klRows, observedRows, weights: posterior, marginalised };
  }

  for (const l of trace.latents) klRows.set(l.name, klRow(l));
  // Π q(e | x) of the enumerated latents; one-hot at the label where a latent's label is known.
  const factors = enumerated.map(configurationWeight);
  const weights = E > 1 ? tf.reshape(factors.length === 1 ? factors[0]! : factors.reduce((a, b) => tf.mul(a, b)), [E, SB]) : null;
  const expect = (x: tf.Tensor): tf.Tensor1D => (weights ? (tf.sum(tf.mul(weights, tf.reshape(x, [E, SB])), 0) as tf.Tensor1D) : (x as tf.Tensor1D));
  const reconstruction = expect(observedRows);
  const kl: Record<string, tf.Tensor1D> = {};
  for (const [name, k] of klRows) kl[name] = expect(k);
  const kls = Object.values(kl);
  const elbo = (kls.length === 0 ? reconstruction : tf.sub(reconstruction, kls.length === 1 ? kls[0]! : tf.addN(kls))) as tf.Tensor1D;
  return { elbo, reconstruction, kl, klRows, observedRows, weights, marginalised };
}
