import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Writes the checkpoint into `dir/checkpoint` atomically: a complete new folder is written beside
 * it and swapped in by renames, so a crash mid-write leaves the previous checkpoint intact.
 */
export function saveCheckpoint(dir: string, cp: Checkpoint): void {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'checkpoint');
  const tmp = join(dir, 'checkpoint.tmp');
  const old = join(dir, 'checkpoint.old');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
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
  writeFileSync(join(tmp, 'state.bin'), new Uint8Array(data.buffer));
  writeFileSync(join(tmp, 'checkpoint.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
}

/** Reads `dir/checkpoint` (or the previous one, if a crash interrupted the swap). */
export function loadCheckpoint(dir: string): Checkpoint {
  let folder = join(dir, 'checkpoint');
  if (!existsSync(folder) && existsSync(join(dir, 'checkpoint.old'))) folder = join(dir, 'checkpoint.old');
  if (!existsSync(folder)) throw new CheckpointError(`no checkpoint in ${dir} (expected a 'checkpoint' folder written by latent-studio train --out)`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'checkpoint.json'), 'utf8')) as Manifest;
  } catch (e) {
    throw new CheckpointError(`the checkpoint in ${folder} cannot be read: ${(e as Error).message}`);
  }
  if (manifest.format !== 'latent-studio.checkpoint' || manifest.version !== 1) throw new CheckpointError(`${folder} does not hold a Latent Studio checkpoint of version 1`);
  const bytes = readFileSync(join(folder, 'state.bin'));
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
