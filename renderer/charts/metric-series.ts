import { dashFor } from './palette';
import { iwaeLine } from './scalar-series';
import { columnsOf, keyed, namesIn, perNameStyle, type ChartRun, type Series, type Unkeyed } from './series-base';

/**
 * The series of the dock's main charts, built from the runs' metric and evaluation records: ELBO,
 * reconstruction, KL, learning rate and held-out accuracy (the series of the further scalars are in
 * {@link ./scalar-series}). Pure.
 */

/** Dash pattern of the held-out ELBO. */
export const HELD_OUT_DASH = '6 4';

/**
 * ELBO: per run, the training ELBO (solid, "Run 2 · train"), when the run was evaluated the
 * held-out ELBO (dashed, "Run 2 · held-out"), and when its records carry it the IWAE bound (dotted,
 * "Run 2 · IWAE bound"), all in the run's colour.
 */
export function elboSeries(runs: readonly ChartRun[]): Series[] {
  const out: Unkeyed[] = [];
  for (const run of runs) {
    out.push({ runId: run.id, name: `${run.name} · train`, color: run.color, dash: undefined, data: columnsOf(run.metrics, (m) => m.elbo) });
    if (run.evals.length > 0) {
      out.push({ runId: run.id, name: `${run.name} · held-out`, color: run.color, dash: HELD_OUT_DASH, data: columnsOf(run.evals, (e) => e.valElbo) });
    }
    const iwae = iwaeLine(run);
    if (iwae) out.push(iwae);
  }
  return keyed(out);
}

/** The reconstruction term E_q[log p(x | z)], one solid line per run named after it. */
export function reconstructionSeries(runs: readonly ChartRun[]): Series[] {
  return keyed(runs.map((run) => ({ runId: run.id, name: run.name, color: run.color, dash: undefined, data: columnsOf(run.metrics, (m) => m.reconstruction) })));
}

/** The latents of a run, in the order they first appear in its records. */
export function latentNames(run: ChartRun): string[] {
  return namesIn(run.metrics, (m) => m.kl);
}

/**
 * KL per latent, one line per latent per run, named "Run 2 · KL z". Runs keep their colour and
 * their latents are told apart by dash pattern (solid, dashed, dotted, …). A single run with several
 * latents colours them instead ({@link perNameStyle}). A run without latents has no line.
 */
export function klSeries(runs: readonly ChartRun[]): Series[] {
  const out: Unkeyed[] = [];
  const single = runs.length === 1;
  for (const run of runs) {
    latentNames(run).forEach((latent, i) => {
      out.push({ runId: run.id, name: `${run.name} · KL ${latent}`, ...perNameStyle(run, i, single), data: columnsOf(run.metrics, (m) => m.kl[latent]) });
    });
  }
  return keyed(out);
}

/** The learning rate, one solid line per run named after it. */
export function learningRateSeries(runs: readonly ChartRun[]): Series[] {
  return keyed(runs.map((run) => ({ runId: run.id, name: run.name, color: run.color, dash: undefined, data: columnsOf(run.metrics, (m) => m.learningRate) })));
}

/** The observed Categoricals whose held-out accuracy a run reports, in the order they first appear. */
export function accuracyNames(run: ChartRun): string[] {
  return namesIn(run.evals, (e) => e.valAccuracy);
}

/**
 * Held-out accuracy in percent, one line per observed Categorical per run: "Run 2" when the run has
 * one, "Run 2 · label" when several (told apart by dash pattern).
 */
export function accuracySeries(runs: readonly ChartRun[]): Series[] {
  const out: Unkeyed[] = [];
  for (const run of runs) {
    const names = accuracyNames(run);
    names.forEach((name, i) => {
      out.push({
        runId: run.id,
        name: names.length === 1 ? run.name : `${run.name} · ${name}`,
        color: run.color,
        dash: dashFor(i),
        data: columnsOf(run.evals, (e) => (e.valAccuracy[name] === undefined ? undefined : 100 * e.valAccuracy[name]!)),
      });
    });
  }
  return keyed(out);
}

/** Whether the runs' models have latents: false only when some run has reported and none reported a KL (a classifier, a density fitted by maximum likelihood). */
export function hasLatents(runs: readonly ChartRun[]): boolean {
  const reported = runs.filter((r) => r.metrics.length > 0);
  return reported.length === 0 || reported.some((r) => latentNames(r).length > 0);
}
