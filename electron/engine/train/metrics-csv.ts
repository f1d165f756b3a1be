import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../runs/atomic-write';

/**
 * The whole rows of a CSV's text, header first: each row is appended with its newline in one
 * write, so a last line without one is a row a killed process left half-written, and is dropped.
 */
function wholeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((l) => l.length > 0);
}

/** Writes metrics.csv: one row per report, columns fixed at the start of the run. */
export class MetricsCsv {
  constructor(private readonly path: string, readonly columns: readonly string[]) {}

  /**
   * Starts a new file, or keeps the rows up to `resumeStep` of an existing one (resuming). A row
   * cut short by a kill, or of another width, is not kept; the file is replaced atomically, so a
   * kill while it is rewritten leaves the previous rows rather than none.
   */
  async open(resumeStep: number | null): Promise<void> {
    const header = this.columns.join(',');
    if (resumeStep === null || !existsSync(this.path)) {
      await writeFileAtomic(this.path, `${header}\n`);
      return;
    }
    const kept = wholeLines(readFileSync(this.path, 'utf8'))
      .slice(1)
      .filter((l) => {
        const cells = l.split(',');
        return cells.length === this.columns.length && Number(cells[0]) <= resumeStep;
      });
    await writeFileAtomic(this.path, [header, ...kept].map((l) => `${l}\n`).join(''));
  }

  append(row: Readonly<Record<string, number | undefined>>): void {
    appendFileSync(this.path, `${this.columns.map((c) => (row[c] === undefined ? '' : String(row[c]))).join(',')}\n`);
  }
}

/**
 * The training ELBO of each report in a metrics.csv, up to `upToStep` (a checkpoint's step), in
 * step order; empty when the file is missing or has no step and elbo columns. A run resumed in a
 * new worker reads what it reported before, so its final ELBO spans the whole run. A row a kill
 * cut short is not read (its ELBO could be a prefix of the number written).
 */
export function readElboReports(path: string, upToStep: number): { step: number; elbo: number }[] {
  if (!existsSync(path)) return [];
  const [header, ...rows] = wholeLines(readFileSync(path, 'utf8'));
  const columns = header?.split(',') ?? [];
  const stepAt = columns.indexOf('step');
  const elboAt = columns.indexOf('elbo');
  if (stepAt < 0 || elboAt < 0) return [];
  const out: { step: number; elbo: number }[] = [];
  for (const row of rows) {
    const cells = row.split(',');
    if (cells.length !== columns.length) continue;
    const step = Number(cells[stepAt]);
    const elbo = Number(cells[elboAt]);
    if (Number.isInteger(step) && step <= upToStep && Number.isFinite(elbo) && (out.length === 0 || step > out[out.length - 1]!.step)) out.push({ step, elbo });
  }
  return out;
}
