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
