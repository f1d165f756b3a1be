import type { EvalRecord, MetricRecord } from '../../../shared/protocol/runs';

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Keys of records in order of first appearance (latent names keep the graph's order). */
function keysOf(records: readonly Readonly<Record<string, number>>[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/**
 * metrics.csv of an export, made from the run's stored records rather than the trainer's own file
 * (which a resume rewrites and a crash can cut short): one row per report, columns
 * `step, elbo, reconstruction, kl_<latent>…, learning_rate, val_elbo, val_accuracy_<observed>…`.
 * The held-out columns are filled on the rows of the steps where an evaluation ran (a row of its
 * own if no report fell on that step) and left empty elsewhere. Numbers are written in full.
 */
export function metricsCsv(metrics: readonly MetricRecord[], evals: readonly EvalRecord[]): string {
  const latents = keysOf(metrics.map((m) => m.kl));
  const accuracies = keysOf(evals.map((e) => e.valAccuracy));
  const header = ['step', 'elbo', 'reconstruction', ...latents.map((l) => `kl_${l}`), 'learning_rate', 'val_elbo', ...accuracies.map((a) => `val_accuracy_${a}`)];
  const byStep = new Map<number, { metric?: MetricRecord; evaluation?: EvalRecord }>();
  for (const m of metrics) byStep.set(m.step, { ...byStep.get(m.step), metric: m });
  for (const e of evals) byStep.set(e.step, { ...byStep.get(e.step), evaluation: e });
  const num = (x: number | undefined): string => (x === undefined ? '' : String(x));
  const rows = [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, { metric: m, evaluation: e }]) => [
      String(step),
      num(m?.elbo),
      num(m?.reconstruction),
      ...latents.map((l) => num(m?.kl[l])),
      num(m?.learningRate),
      num(e?.valElbo),
      ...accuracies.map((a) => num(e?.valAccuracy[a])),
    ]);
  return [header.map(field), ...rows].map((r) => `${r.join(',')}\n`).join('');
}
