import * as tf from '@tensorflow/tfjs';
import type { ObjectiveSettings } from '../../../shared/graph/index';
import type { Trace } from '../compile/trace';
import { stopGradient } from '../distributions/index';
import { elboTerms } from './elbo-terms';
import { logMeanExp, logWeights } from './log-weights';
import type { Objective, Report, StepContext, StepOutput } from './objective';

type IwaeSettings = Extract<ObjectiveSettings, { kind: 'iwae' }>;

/**
 * The importance-weighted bound L_S = E[log (1/S) Σ_s w_s] (Burda et al., 2016), differentiated
 * through reparameterised draws. Score-function latents (allowed only with the leave-one-out
 * baseline) get VIMCO's learning signal (Mnih & Rezende, 2016): for draw j, L̂ − L̂_{−j}, where
 * L̂_{−j} replaces log w_j by the mean of the other S − 1 log-weights inside the logsumexp.
 * Reported: the plain ELBO of the same draws (their mean log-weight) and the bound as 'iwae'.
 */
export class IwaeObjective implements Objective {
  readonly particles: number;
  readonly bounds: readonly string[] = ['iwae'];

  constructor(settings: IwaeSettings) {
    this.particles = settings.samples;
  }

  scalars(): Record<string, number> {
    return {};
  }

  report(trace: Trace): Report {
    return this.reportWith(trace, logMeanExp(logWeights(trace)));
  }

  step(trace: Trace, _ctx: StepContext): StepOutput {
    const logW = logWeights(trace); // [S, B]
    const bound = logMeanExp(logW); // [B]
    const report = this.reportWith(trace, bound);
    let objective: tf.Tensor = report.extra.iwae!;
    const scored = trace.latents.filter((l) => !l.reparameterised && !l.enumerated);
    if (scored.length > 0) {
      const signal = stopGradient(tf.sub(tf.reshape(bound, [1, -1]), leaveOneOutBounds(logW))); // [S, B]
      for (const site of scored) {
        const logQ = tf.reshape(site.logQ(), [this.particles, -1]);
        objective = tf.add(objective, tf.mean(tf.sum(tf.mul(logQ, signal), 0)));
      }
    }
    return { loss: tf.neg(objective) as tf.Scalar, report, signals: new Map() };
  }

  private reportWith(trace: Trace, bound: tf.Tensor1D): Report {
    const t = elboTerms(trace);
    return {
      elbo: tf.mean(t.elbo) as tf.Scalar,
      reconstruction: tf.mean(t.reconstruction) as tf.Scalar,
      kl: Object.fromEntries(Object.entries(t.kl).map(([k, v]) => [k, tf.mean(v) as tf.Scalar])),
      extra: { iwae: tf.mean(bound) as tf.Scalar },
    };
  }
}

/**
 * L̂_{−j} for every draw j, `[S, B]`: log (1/S) Σ_s w'_s where w'_j = exp(mean of the other
 * log-weights) and w'_s = w_s otherwise.
 */
export function leaveOneOutBounds(logW: tf.Tensor2D): tf.Tensor2D {
  const S = logW.shape[0];
  const others = tf.div(tf.sub(tf.sum(logW, 0, true), logW), S - 1); // [S, B]
  const eye = tf.reshape(tf.eye(S), [S, S, 1]);
  // replaced[j, s, b] = s === j ? others[j, b] : logW[s, b]
  const replaced = tf.add(tf.mul(tf.sub(1, eye), tf.expandDims(logW, 0)), tf.mul(eye, tf.expandDims(others, 1)));
  return tf.sub(tf.logSumExp(replaced, 1), Math.log(S)) as tf.Tensor2D;
}
