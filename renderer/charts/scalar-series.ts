import { columnsOf, keyed, namesIn, perNameStyle, type ChartRun, type Series, type Unkeyed } from './series-base';

/**
 * Series of the further quantities a run reports by name in its metric records' `scalars` (absent
 * in runs recorded before them): the IWAE bound (drawn on the ELBO chart), the KL weight β and the
 * temperatures of relaxed estimators (the Schedules chart), and the running baselines of
 * score-function latents (the Baselines chart). Pure.
 */

/** The importance-weighted bound (nats), reported when the run's objective is IWAE. */
export const IWAE_SCALAR = 'iwae';
/** The weight of the KL term (rises from 0 during a KL warm-up). */
export const BETA_SCALAR = 'beta';
/** `temperature/<latent>`: the temperature τ of a relaxed (Gumbel-softmax) latent. */
export const TEMPERATURE_PREFIX = 'temperature/';
/** `baseline/<latent>`: the running baseline (nats) of a score-function latent. */
export const BASELINE_PREFIX = 'baseline/';

/** Dash pattern of the IWAE bound on the ELBO chart (the held-out ELBO is '6 4'). */
export const IWAE_DASH = '2 2';

/** The names of a run's scalars, in the order they first appear in its records. */
export function scalarNames(run: ChartRun): string[] {
  return namesIn(run.metrics, (m) => m.scalars);
}

/** A run's values of one scalar (records without it, or without scalars, have no point). */
function scalarData(run: ChartRun, name: string) {
  return columnsOf(run.metrics, (m) => m.scalars?.[name]);
}

/** The latent a prefixed scalar name (`temperature/z`, `baseline/z`) is about, or undefined. */
function latentOf(name: string, prefix: string): string | undefined {
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : undefined;
}

/**
 * A run's IWAE bound as a line of the ELBO chart ("Run 2 · IWAE bound", dotted, the run's colour),
 * or undefined when its records do not carry it.
 */
export function iwaeLine(run: ChartRun): Unkeyed | undefined {
  const data = scalarData(run, IWAE_SCALAR);
  if (data.steps.length === 0) return undefined;
  return { runId: run.id, name: `${run.name} · IWAE bound`, color: run.color, dash: IWAE_DASH, data };
}

function isSchedule(name: string): boolean {
  return name === BETA_SCALAR || latentOf(name, TEMPERATURE_PREFIX) !== undefined;
}

/** Whether a run's finite values of a scalar are not all the same. */
function changes(run: ChartRun, name: string): boolean {
  let first: number | undefined;
  for (const m of run.metrics) {
    const v = m.scalars?.[name];
    if (v === undefined || !Number.isFinite(v)) continue;
    if (first === undefined) first = v;
    else if (v !== first) return true;
  }
  return false;
}

/**
 * The schedules worth a chart: β and the temperatures that change over at least one of the runs
 * (a constant temperature of 1 says nothing), β first, then the temperatures in order of first
 * appearance. Empty: no Schedules chart.
 */
export function scheduleNames(runs: readonly ChartRun[]): string[] {
  const names = new Set<string>();
  for (const run of runs) for (const name of scalarNames(run)) if (isSchedule(name)) names.add(name);
  const changing = [...names].filter((name) => runs.some((run) => changes(run, name)));
  const beta = changing.filter((name) => name === BETA_SCALAR);
  return [...beta, ...changing.filter((name) => name !== BETA_SCALAR)];
}

/** A schedule's legend name: "β", or "τ z" for `temperature/z`. */
export function scheduleLabel(name: string): string {
  const latent = latentOf(name, TEMPERATURE_PREFIX);
  return latent === undefined ? '\u03b2' : `\u03c4 ${latent}`;
}

/**
 * Schedules: one line per run per quantity of {@link scheduleNames} the run reports ("Run 2 · β",
 * "Run 2 · τ z"), drawn even where that run's own value stays constant (it is compared with a run
 * whose value changes). Styled like the KL chart's latents ({@link perNameStyle}).
 */
export function scheduleSeries(runs: readonly ChartRun[]): Series[] {
  const names = scheduleNames(runs);
  const single = runs.length === 1;
  const out: Unkeyed[] = [];
  for (const run of runs) {
    const lines = names.map((name) => ({ name, data: scalarData(run, name) })).filter((l) => l.data.steps.length > 0);
    lines.forEach(({ name, data }, i) => {
      out.push({ runId: run.id, name: `${run.name} · ${scheduleLabel(name)}`, ...perNameStyle(run, i, single), data });
    });
  }
  return keyed(out);
}

/** The score-function latents whose running baseline a run reports, in order of first appearance. */
export function baselineLatents(run: ChartRun): string[] {
  return scalarNames(run).flatMap((name) => latentOf(name, BASELINE_PREFIX) ?? []);
}

/** Baselines: one line per score-function latent per run ("Run 2 · baseline z"), styled like the KL chart's latents. */
export function baselineSeries(runs: readonly ChartRun[]): Series[] {
  const single = runs.length === 1;
  const out: Unkeyed[] = [];
  for (const run of runs) {
    baselineLatents(run).forEach((latent, i) => {
      out.push({
        runId: run.id,
        name: `${run.name} · baseline ${latent}`,
        ...perNameStyle(run, i, single),
        data: scalarData(run, `${BASELINE_PREFIX}${latent}`),
      });
    });
  }
  return keyed(out);
}

/** Whether the Schedules chart is shown: some run's β or a temperature changes. */
export function hasSchedules(runs: readonly ChartRun[]): boolean {
  return scheduleNames(runs).length > 0;
}

/** Whether the Baselines chart is shown: some run has a score-function latent's baseline. */
export function hasBaselines(runs: readonly ChartRun[]): boolean {
  return runs.some((run) => baselineLatents(run).length > 0);
}
