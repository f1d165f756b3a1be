import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCheckpointStep } from '../../../../../electron/engine/runs/checkpoint-step';
import { type Checkpoint, CheckpointError, type CheckpointOps, loadCheckpoint, saveCheckpoint } from '../../../../../electron/engine/train/checkpoint';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A small checkpoint whose values tell the step it was taken at. */
function at(step: number): Checkpoint {
  return {
    step,
    seed: 3,
    variables: [{ name: 'w', shape: [2], values: new Float32Array([step, -step]) }],
    optimizer: { kind: 'adam', step, slots: { m: [new Float32Array([step / 2, 0])] } },
  };
}

/** Renames as a save killed right after its first rename (checkpoint → checkpoint.old) would leave them. */
const killedBeforeSecondRename: CheckpointOps = {
  renameSync(from, to) {
    if (from.endsWith('checkpoint.tmp')) throw new Error('killed');
    renameSync(from, to);
  },
};

describe('checkpoint swap', () => {
  it('saves and loads a checkpoint, leaving no temporary or previous folder behind', () => {
    saveCheckpoint(dir, at(10));
    saveCheckpoint(dir, at(20));
    const cp = loadCheckpoint(dir);
    expect([cp.step, [...cp.variables[0]!.values], [...cp.optimizer.slots.m![0]!]]).toEqual([20, [20, -20], [10, 0]]);
    expect(readdirSync(dir)).toEqual(['checkpoint']);
  });

  it('loads the previous checkpoint after a kill between the two renames of a save', async () => {
    saveCheckpoint(dir, at(10));
    expect(() => saveCheckpoint(dir, at(20), killedBeforeSecondRename)).toThrow('killed');
    expect(existsSync(join(dir, 'checkpoint'))).toBe(false);
    expect(loadCheckpoint(dir).step).toBe(10);
    expect(await readCheckpointStep(dir)).toBe(10);
  });

  it('keeps that previous checkpoint through the next save, even when that save is cut off too', async () => {
    saveCheckpoint(dir, at(10));
    expect(() => saveCheckpoint(dir, at(20), killedBeforeSecondRename)).toThrow('killed');
    // The resumed run saves again: it must not remove the one checkpoint there is before its own is in place.
    expect(() => saveCheckpoint(dir, at(30), killedBeforeSecondRename)).toThrow('killed');
    expect(loadCheckpoint(dir).step).toBe(10);
    expect(await readCheckpointStep(dir)).toBe(10);
    saveCheckpoint(dir, at(40));
    expect(loadCheckpoint(dir).step).toBe(40);
    expect(readdirSync(dir)).toEqual(['checkpoint']);
  });

  it('falls back to the previous checkpoint when the current one is damaged, and the listed step agrees', async () => {
    // As a power cut could leave a swap whose data was not flushed: the names are there, the bytes are not.
    const newer = join(dir, 'newer');
    saveCheckpoint(newer, at(20));
    saveCheckpoint(dir, at(10));
    renameSync(join(dir, 'checkpoint'), join(dir, 'checkpoint.old'));
    renameSync(join(newer, 'checkpoint'), join(dir, 'checkpoint'));
    truncateSync(join(dir, 'checkpoint', 'state.bin'), 5);
    expect(loadCheckpoint(dir).step).toBe(10);
    expect(await readCheckpointStep(dir)).toBe(10);
  });

  it('says what is wrong with each folder when none can be read', () => {
    saveCheckpoint(dir, at(10));
    cpSync(join(dir, 'checkpoint'), join(dir, 'checkpoint.old'), { recursive: true });
    truncateSync(join(dir, 'checkpoint', 'state.bin'), 5);
    rmSync(join(dir, 'checkpoint.old', 'checkpoint.json'));
    let error: unknown;
    try {
      loadCheckpoint(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(new RegExp(`the checkpoint in ${join(dir, 'checkpoint')} is damaged: state.bin has 5 bytes, expected 16; the checkpoint in ${join(dir, 'checkpoint.old')} cannot be read: ENOENT`));
  });
});
