import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Writes metrics.csv: one row per report, columns fixed at the start of the run. */
export class MetricsCsv {
  constructor(private readonly path: string, readonly columns: readonly string[]) {}

  /** Starts a new file, or keeps the rows up to `step` of an existing one (resuming). */
  open(resumeStep: number | null): void {
    const header = this.columns.join(',');
    if (resumeStep === null || !existsSync(this.path)) {
      writeFileSync(this.path, `${header}\n`);
      return;
    }
    const lines = readFileSync(this.path, 'utf8').split('\n').filter((l) => l.length > 0);
    const kept = lines.slice(1).filter((l) => Number(l.split(',')[0]) <= resumeStep);
    writeFileSync(this.path, [header, ...kept].map((l) => `${l}\n`).join(''));
  }

  append(row: Readonly<Record<string, number | undefined>>): void {
    appendFileSync(this.path, `${this.columns.map((c) => (row[c] === undefined ? '' : String(row[c]))).join(',')}\n`);
  }
}

/**
 * The training ELBO of each report in a metrics.csv, up to `upToStep` (a checkpoint's step), in
 * step order; empty when the file is missing or has no step and elbo columns. A run resumed in a
 * new worker reads what it reported before, so its final ELBO spans the whole run.
 */
export function readElboReports(path: string, upToStep: number): { step: number; elbo: number }[] {
  if (!existsSync(path)) return [];
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const columns = header?.split(',') ?? [];
  const stepAt = columns.indexOf('step');
  const elboAt = columns.indexOf('elbo');
  if (stepAt < 0 || elboAt < 0) return [];
  const out: { step: number; elbo: number }[] = [];
  for (const row of rows) {
    const cells = row.split(',');
    const step = Number(cells[stepAt]);
    const elbo = Number(cells[elboAt]);
    if (Number.isInteger(step) && step <= upToStep && Number.isFinite(elbo) && (out.length === 0 || step > out[out.length - 1]!.step)) out.push({ step, elbo });
  }
  return out;
}
