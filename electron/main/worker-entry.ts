import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The training worker's bundle, built beside main.cjs by scripts/build-electron.mjs. */
export const WORKER_BUNDLE = 'training-worker.cjs';

/**
 * The training worker's entry when main runs from its bundle (`mainFile` is dist/electron/main.cjs):
 * the bundled worker beside it, taken from `app.asar.unpacked` when the packager unpacked it there
 * (Node reads a worker's entry itself, and an unpacked file needs no archive support). Run from
 * source (tests, tsx), undefined: run-host's default, the TypeScript entry through tsx.
 */
export function bundledWorkerUrl(mainFile: string, exists: (path: string) => boolean = existsSync): URL | undefined {
  if (!mainFile.endsWith('.cjs')) return undefined;
  const path = join(dirname(mainFile), WORKER_BUNDLE);
  const unpacked = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return pathToFileURL(unpacked !== path && exists(unpacked) ? unpacked : path);
}
