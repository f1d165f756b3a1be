import * as tf from '@tensorflow/tfjs';
import type { ObjectiveSettings } from '../../../shared/graph/index';
import type { LatentSite, Trace } from '../compile/trace';
import { scoreFunctionTerm } from '../estimators/score-function';
import { elboTerms, sumRows, type ElboTerms } from './elbo-terms';
import { classificationTerm } from './known-labels';
import type { Objective, Report, StepContext, StepOutput } from './objective';

type ElboSettings = Extract<ObjectiveSettings, { kind: 'elbo' }>;

/** β at a step: linear warm-up from 0 over `warmupSteps`, then constant. */
export function betaAt(settings: Pick<ElboSettings, 'beta' | 'warmupSteps'>, step: number): number {
  if (settings.warmupSteps <= 0) return settings.beta;
  return settings.beta * Math.min(1, step / settings.warmupSteps);
}

function reportOf(t: ElboTerms): Report {
  return {
    elbo: tf.mean(t.elbo) as tf.Scalar,
    reconstruction: tf.mean(t.reconstruction) as tf.Scalar,
    kl: Object.fromEntries(Object.entries(t.kl).map(([k, v]) => [k, tf.mean(v) as tf.Scalar])),
    extra: {},
  };
}

/**
 * The ELBO averaged over S draws per example, with β (and its warm-up) on the KL terms and free
 * bits: per example, max(λ, KL) for each latent; per dimension (Kingma et al., 2016),
 * Σ_d max(λ, E_batch[KL_d]), the KL averaged over the batch (and draws) before the clamp. Free
 * bits and β change what is differentiated, never what is reported: the reported ELBO is the plain
 * bound. Score-function latents add their surrogate terms, their learning signal being the
 * β-weighted terms of the sites downstream of them (free bits left out of the signal).
 */
export class ElboObjective implements Objective {
  readonly particles: number;
  readonly bounds: readonly string[] = [];

  constructor(private readonly settings: ElboSettings) {
    this.particles = settings.samples;
  }

  scalars(step: number): Record<string, number> {
    const s = this.settings;
    return s.beta !== 1 || s.warmupSteps > 0 ? { beta: betaAt(s, step) } : {};
  }

  report(trace: Trace): Report {
    return reportOf(elboTerms(trace));
  }

  step(trace: Trace, ctx: StepContext): StepOutput {
    const terms = elboTerms(trace);
    const report = reportOf(terms);
    const beta = betaAt(this.settings, ctx.step);
    const signals = new Map<string, { mean: tf.Scalar; meanSquare: tf.Scalar }>();
    let objective: tf.Tensor;
    if (terms.marginalised) {
      // Summed out exactly: β applies only inside the sampled latents' terms, already part of the logsumexp; keep the bound.
      objective = report.elbo;
    } else {
      objective = tf.sub(report.reconstruction, this.klPenalty(trace, terms, beta, report));
    }
    // Semi-supervised: α · log q(y | x) on the labelled rows (changes what is differentiated, not the reported bound).
    const { configurations: E, particles: S, batch: B } = trace.rows;
    const classification = classificationTerm(trace.latents, E, S * B);
    if (classification) objective = tf.add(objective, tf.mean(classification));
    const extraLosses: tf.Tensor[] = [];
    for (const site of trace.latents) {
      if (site.reparameterised || site.enumerated) continue;
      const signal = this.signal(trace, terms, site, beta);
      const term = scoreFunctionTerm(site, signal, trace.rows, ctx.baselines.get(site.name));
      objective = tf.add(objective, term.surrogate);
      if (term.baselineLoss) extraLosses.push(term.baselineLoss);
      signals.set(site.name, { mean: term.signalMean, meanSquare: term.signalMeanSquare });
    }
    const loss = (extraLosses.length ? tf.sub(tf.addN(extraLosses), objective) : tf.neg(objective)) as tf.Scalar;
    return { loss, report, signals };
  }

  /** β · Σ_latents KL, with free bits when set. */
  private klPenalty(trace: Trace, terms: ElboTerms, beta: number, report: Report): tf.Tensor {
    const { freeBits, freeBitsPer } = this.settings;
    const names = Object.keys(report.kl);
    if (names.length === 0) return tf.scalar(0);
    let total: tf.Tensor;
    if (freeBits <= 0) {
      const kls = names.map((n) => report.kl[n]!);
      total = kls.length === 1 ? kls[0]! : tf.addN(kls);
    } else if (freeBitsPer === 'example') {
      total = tf.addN(names.map((n) => tf.mean(tf.maximum(terms.kl[n]!, freeBits))));
    } else {
      const { configurations: E, particles: S, batch: B } = trace.rows;
      total = tf.addN(trace.latents.map((l) => {
        const perDim = l.klPerDim(); // [R, D]
        const D = perDim.shape[1]!;
        const weighted = terms.weights ? tf.sum(tf.mul(tf.reshape(terms.weights, [E, S * B, 1]), tf.reshape(perDim, [E, S * B, D])), 0) : perDim;
        return tf.sum(tf.maximum(tf.mean(weighted, 0), freeBits));
      }));
    }
    return beta === 1 ? total : tf.mul(total, beta);
  }

  /**
   * The learning signal of a score-function latent, per row: Σ log p of the observed sites
   * downstream of it, minus β · the KL estimates of the latents downstream (its own Monte Carlo
   * term included; its closed-form KL does not depend on the value, and its gradient is exact).
   */
  private signal(trace: Trace, terms: ElboTerms, site: LatentSite, beta: number): tf.Tensor {
    const down = trace.downstream.get(site.name) ?? new Set<string>();
    const R = terms.observedRows.shape[0]!;
    const obs = trace.observed.filter((o) => down.has(o.name)).map((o) => o.logP);
    const lat = trace.latents.filter((l) => down.has(l.name) || (l === site && l.klClosed() === null)).map((l) => terms.klRows.get(l.name)!);
    const kl = sumRows(lat, R);
    return tf.sub(sumRows(obs, R), beta === 1 ? kl : tf.mul(kl, beta));
  }
}
