import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { ParsedBundle } from '../export/bundle-read';
import { RUN_FILES } from './run-store';

/** Joins under `dir`, refusing any result outside it (the names were checked already; this is the last fence). */
function inside(dir: string, ...parts: string[]): string {
  const path = join(dir, ...parts);
  const rel = relative(dir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`refused to write ${path}: it is outside the run folder ${dir}`);
  return path;
}

/**
 * Writes an imported bundle's checkpoint and networks into a new run's folder (still its staging
 * folder), where the trainer and the export expect them: `checkpoint/` and `networks/<name>/`.
 */
export async function copyBundleFiles(bundle: ParsedBundle, dir: string): Promise<void> {
  if (bundle.checkpoint) {
    const folder = inside(dir, RUN_FILES.checkpoint);
    await mkdir(folder, { recursive: true });
    await writeFile(inside(folder, 'checkpoint.json'), bundle.checkpoint.manifest);
    await writeFile(inside(folder, 'state.bin'), bundle.checkpoint.state);
  }
  for (const [name, files] of bundle.networks) {
    const folder = inside(dir, RUN_FILES.networks, name);
    await mkdir(folder, { recursive: true });
    await writeFile(inside(folder, 'model.json'), files.model);
    await writeFile(inside(folder, 'weights.bin'), files.weights);
  }
}
