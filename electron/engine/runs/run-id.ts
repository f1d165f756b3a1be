import { randomBytes } from 'node:crypto';

/**
 * A new run id: the UTC time of creation to the second, then four random hex digits, e.g.
 * `20261126-134501-ab12`. Ids sort in creation order (to the second) as plain strings, read as a
 * date in a folder listing, and two runs started in the same second still differ (the store also
 * refuses a folder that exists, and asks for another id then).
 */
export function newRunId(now: number = Date.now(), random: () => string = () => randomBytes(2).toString('hex')): string {
  const d = new Date(now);
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `${date}-${time}-${random()}`;
}

/** The number N of a run named "Run N" or "Run N (imported)", else null. */
export function runNumber(name: string): number | null {
  const m = /^Run (\d{1,9})(?: \(imported\))?$/.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * The next run's number: one more than the highest "Run N" in the history, so names follow the
 * order of creation even after runs were deleted or imported.
 */
export function nextRunNumber(names: Iterable<string>): number {
  let max = 0;
  for (const name of names) max = Math.max(max, runNumber(name) ?? 0);
  return max + 1;
}
