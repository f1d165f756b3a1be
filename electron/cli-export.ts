/** `latent-studio export <graph or run> --to pytorch --out DIR`: a graph or a run as a PyTorch project. */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GraphFileError, parseGraphFile, type GraphFile } from '../shared/graph/index';
import { startCliBackend } from './cli-backend';
import { printProblems } from './cli-output';
import { dataDirOf, graphTextOf } from './cli-run-folder';
import { exportPytorch } from './engine/export/pytorch/export-pytorch';
import { loadCheckpoint, type Checkpoint } from './engine/train/checkpoint';
import { GraphInvalidError } from './engine/train/errors';

export interface ExportCommandOptions {
  readonly to: string;
  readonly out: string;
  readonly dataDir?: string;
}

/** Runs the export; returns the exit code (0 written, 1 refused or invalid, 2 unreadable). */
export async function runExportCommand(path: string, opts: ExportCommandOptions): Promise<number> {
  if (opts.to !== 'pytorch') {
    console.error(`latent-studio: --to ${opts.to}: the only target is pytorch`);
    return 2;
  }
  const source = resolve(path);
  const out = resolve(opts.out);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    console.error(`latent-studio: ${opts.out} exists and is not an empty folder; name a new one`);
    return 2;
  }
  let doc: GraphFile;
  let checkpoint: Checkpoint | undefined;
  let baseDir: string;
  try {
    if (existsSync(source) && statSync(source).isDirectory()) {
      doc = parseGraphFile(graphTextOf(source));
      checkpoint = loadCheckpoint(source);
      baseDir = dataDirOf(source, opts.dataDir);
    } else {
      doc = parseGraphFile(readFileSync(source, 'utf8'));
      baseDir = opts.dataDir ? resolve(opts.dataDir) : dirname(source);
    }
  } catch (e) {
    const why = e instanceof GraphFileError ? `${path} cannot be opened: ${e.message}` : (e as Error).message;
    console.error(`latent-studio: ${why}`);
    return 2;
  }
  const backend = await startCliBackend('auto');
  if (backend === null) return 1;
  try {
    const files = exportPytorch({ doc, baseDir, source: basename(source), ...(checkpoint ? { checkpoint } : {}) });
    for (const [rel, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(out, rel)), { recursive: true });
      writeFileSync(join(out, rel), bytes);
    }
    console.log(`wrote ${Object.keys(files).length} files to ${opts.out}${checkpoint ? ` (continuing from step ${checkpoint.step})` : ''}: see its README.md`);
    return 0;
  } catch (e) {
    if (e instanceof GraphInvalidError) {
      printProblems(e.problems, doc);
      return 1;
    }
    console.error(`latent-studio: ${(e as Error).message}`);
    return 1;
  }
}
