import { CURRENT_SCHEMA_VERSION } from './format';

/**
 * One step that upgrades a parsed file by exactly one schema version. Migrations are named,
 * run in order, and never guess: a file says which version it is, and only the steps after it run.
 */
export interface Migration {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly up: (file: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Version 2 makes the objective a setting of its own: version 1 had only `training.samples`
 * (Monte Carlo samples of the ELBO), which becomes `training.objective = {kind: 'elbo', samples}`;
 * β, warm-up and free bits take their defaults (1, none, none), so a v1 file trains as before.
 */
const objectiveSetting: Migration = {
  name: 'objective-setting',
  from: 1,
  to: 2,
  up: (file) => {
    const training = file.training;
    if (typeof training !== 'object' || training === null || Array.isArray(training)) return file;
    const { samples, ...rest } = training as Record<string, unknown>;
    return { ...file, training: { ...rest, objective: { kind: 'elbo', ...(samples === undefined ? {} : { samples }) } } };
  },
};

/** The app's migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [objectiveSetting];

/** Thrown when the registry itself is inconsistent (a programming error, caught by tests). */
export class MigrationRegistryError extends Error {}

/** Checks that the steps chain 1→2→…→target without gaps or duplicates. */
export function checkRegistry(migrations: readonly Migration[], target: number = CURRENT_SCHEMA_VERSION): void {
  let version = 1;
  for (const m of migrations) {
    if (m.from !== version || m.to !== version + 1) {
      throw new MigrationRegistryError(`migration '${m.name}' goes ${m.from}→${m.to}; expected ${version}→${version + 1}`);
    }
    version = m.to;
  }
  if (version !== target) throw new MigrationRegistryError(`migrations reach version ${version}, not ${target}`);
}

/**
 * Runs every migration after `fromVersion`, returning the upgraded file with its schemaVersion set
 * and the names of the steps that ran.
 */
export function migrate(
  file: Record<string, unknown>,
  fromVersion: number,
  migrations: readonly Migration[] = MIGRATIONS,
): { file: Record<string, unknown>; applied: string[] } {
  let current = file;
  const applied: string[] = [];
  for (const m of migrations) {
    if (m.from < fromVersion) continue;
    current = { ...m.up(current), schemaVersion: m.to };
    applied.push(m.name);
  }
  return { file: current, applied };
}
