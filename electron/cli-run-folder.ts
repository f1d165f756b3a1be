/** A run folder as the CLI reads it: its graph text and the folder its data paths are relative to. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The graph text a run folder holds: `graph.json` (written by `train --out`) or the app's `graph-text.json`. */
export function graphTextOf(dir: string): string {
  for (const name of ['graph.json', 'graph-text.json']) {
    const path = join(dir, name);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(`${dir} is not a run folder: it has neither graph.json (from latent-studio train --out) nor graph-text.json (a run of the app)`);
}

/**
 * Where a run's data paths are relative to: the project folder for a run of the app
 * (<project>/.latent-studio/runs/<id>), else the current folder, unless `--data-dir` says.
 */
export function dataDirOf(runDir: string, given: string | undefined): string {
  if (given) return resolve(given);
  const runs = dirname(runDir);
  if (basename(runs) === 'runs' && basename(dirname(runs)) === '.latent-studio') return dirname(dirname(runs));
  return process.cwd();
}
