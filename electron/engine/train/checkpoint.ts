import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { flushFolderSync, writeFileFlushedSync } from '../runs/flush';
import type { OptimizerState } from './optimizer';
import type { BaselineStats } from '../estimators/baseline-state';

/** Everything needed to continue a run exactly where it stopped. */
export interface Checkpoint {
  /** Optimiser steps taken. */
  readonly step: number;
  /** The run's seed: batch order and every latent's noise are derived from (seed, step), so it and step are the whole random state. */
  readonly seed: number;
  readonly variables: ReadonlyArray<{ readonly name: string; readonly shape: readonly number[]; readonly values: Float32Array }>;
  readonly optimizer: OptimizerState;
  /** Running baselines of score-function latents, by latent name (absent in checkpoints of models without). */
  readonly baselines?: Readonly<Record<string, BaselineStats>>;
}

interface Manifest {
  format: 'latent-studio.checkpoint';
  version: 1;
  step: number;
  random: { seed: number; scheme: 'derived from (seed, step)' };
  variables: Array<{ name: string; shape: number[]; offset: number; length: number }>;
  optimizer: { kind: string; step: number; slots: Record<string, Array<{ offset: number; length: number }>> };
  /** Small training state kept as JSON: the score-function latents' running baselines. */
  baselines?: Record<string, BaselineStats>;
  bytes: number;
}

/** A checkpoint folder that cannot be read. */
export class CheckpointError extends Error {}

/** The renames of a checkpoint swap; tests replace them to stop a save part-way, where a kill could. */
export interface CheckpointOps {
  renameSync(from: string, to: string): void;
}

const defaultOps: CheckpointOps = { renameSync };

/** A checkpoint's two files: `checkpoint.json` (the manifest) and `state.bin` (every float, little-endian). */
export function encodeCheckpoint(cp: Checkpoint): { readonly manifest: string; readonly state: Uint8Array } {
  const chunks: Float32Array[] = [];
  let offset = 0;
  const place = (values: Float32Array) => {
    chunks.push(values);
    const at = { offset, length: values.length };
    offset += values.length;
    return at;
  };
  const manifest: Manifest = {
    format: 'latent-studio.checkpoint',
    version: 1,
    step: cp.step,
    random: { seed: cp.seed, scheme: 'derived from (seed, step)' },
    variables: cp.variables.map((v) => ({ name: v.name, shape: [...v.shape], ...place(v.values) })),
    optimizer: {
      kind: cp.optimizer.kind,
      step: cp.optimizer.step,
      slots: Object.fromEntries(Object.entries(cp.optimizer.slots).map(([k, list]) => [k, list.map(place)])),
    },
    ...(cp.baselines && Object.keys(cp.baselines).length > 0 ? { baselines: { ...cp.baselines } } : {}),
    bytes: offset * 4,
  };
  const data = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { manifest: `${JSON.stringify(manifest, null, 2)}\n`, state: new Uint8Array(data.buffer) };
}

/**
 * Writes the checkpoint into `dir/checkpoint` atomically: a complete new folder is written beside
 * it (`checkpoint.tmp`, flushed to disk) and swapped in by two renames (checkpoint → checkpoint.old,
 * checkpoint.tmp → checkpoint), so a process killed at any moment leaves a whole checkpoint under
 * one of the two names loadCheckpoint looks at.
 */
export function saveCheckpoint(dir: string, cp: Checkpoint, ops: CheckpointOps = defaultOps): void {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'checkpoint');
  const tmp = join(dir, 'checkpoint.tmp');
  const old = join(dir, 'checkpoint.old');
  // A kill between the two renames of an earlier save left the previous checkpoint as `old` alone.
  // Put it back first: removing `old` below would otherwise delete the only checkpoint there is,
  // and a kill before this save's own rename would then leave none.
  if (!existsSync(target) && existsSync(old)) ops.renameSync(old, target);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const { manifest, state } = encodeCheckpoint(cp);
  // Flushed before the swap: a name must never point at data still in the page cache (a power cut).
  writeFileFlushedSync(join(tmp, 'state.bin'), state);
  writeFileFlushedSync(join(tmp, 'checkpoint.json'), manifest);
  flushFolderSync(tmp);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) ops.renameSync(target, old);
  ops.renameSync(tmp, target);
  // The renames reach the disk before the previous checkpoint is removed.
  flushFolderSync(dir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Reads `dir/checkpoint`, or the previous one in `dir/checkpoint.old` when the current one is
 * missing (a kill between the two renames of a save) or cannot be read (readCheckpointStep makes
 * the same choice, so the step a run lists is the step it resumes from).
 *
 * @throws CheckpointError saying, for each folder tried, what is wrong with it
 */
export function loadCheckpoint(dir: string): Checkpoint {
  const problems: string[] = [];
  for (const name of ['checkpoint', 'checkpoint.old']) {
    const folder = join(dir, name);
    if (!existsSync(folder)) continue;
    try {
      return readCheckpointFolder(folder);
    } catch (e) {
      if (!(e instanceof CheckpointError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length === 0) throw new CheckpointError(`no checkpoint in ${dir} (expected a 'checkpoint' folder written by latent-studio train --out)`);
  throw new CheckpointError(problems.join('; '));
}

function readCheckpointFolder(folder: string): Checkpoint {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8')) as Manifest;
  } catch (e) {
    throw new CheckpointError(`the checkpoint in ${folder} cannot be read: ${(e as Error).message}`);
  }
  if (manifest.format !== 'latent-studio.checkpoint' || manifest.version !== 1) throw new CheckpointError(`${folder} does not hold a Latent Studio checkpoint of version 1`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(folder, 'state.bin'));
  } catch (e) {
    throw new CheckpointError(`the checkpoint in ${folder} is damaged: its state.bin cannot be read (${(e as Error).message})`);
  }
  if (bytes.byteLength !== manifest.bytes) throw new CheckpointError(`the checkpoint in ${folder} is damaged: state.bin has ${bytes.byteLength} bytes, expected ${manifest.bytes}`);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const take = (r: { offset: number; length: number }) => data.slice(r.offset, r.offset + r.length);
  return {
    step: manifest.step,
    seed: manifest.random.seed,
    variables: manifest.variables.map((v) => ({ name: v.name, shape: v.shape, values: take(v) })),
    optimizer: {
      kind: manifest.optimizer.kind as OptimizerState['kind'],
      step: manifest.optimizer.step,
      slots: Object.fromEntries(Object.entries(manifest.optimizer.slots).map(([k, list]) => [k, list.map(take)])),
    },
    ...(manifest.baselines ? { baselines: manifest.baselines } : {}),
  };
}
