import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The checkpoint a run folder holds: the folder it is in (`checkpoint` or `checkpoint.old`) and its step. */
export interface FoundCheckpoint {
  readonly folder: string;
  readonly step: number;
}

/**
 * The whole checkpoint in a run folder, judged from its manifest and the size of its state (the
 * state itself can be megabytes, and listing the history must stay fast), or null when there is
 * none. Like the trainer's loadCheckpoint, it falls back to `checkpoint.old` when `checkpoint` is
 * missing (a kill between the two renames of a checkpoint swap leaves the previous one there) or
 * damaged: the step listed and the checkpoint exported are then the ones a resume continues from.
 */
export async function findCheckpoint(runDir: string): Promise<FoundCheckpoint | null> {
  for (const name of ['checkpoint', 'checkpoint.old']) {
    const folder = join(runDir, name);
    try {
      const manifest = JSON.parse(await readFile(join(folder, 'checkpoint.json'), 'utf8')) as { format?: unknown; step?: unknown; bytes?: unknown };
      const whole = (await stat(join(folder, 'state.bin'))).size === manifest.bytes;
      if (whole && manifest.format === 'latent-studio.checkpoint' && typeof manifest.step === 'number' && Number.isInteger(manifest.step) && manifest.step >= 0) return { folder, step: manifest.step };
    } catch {
      // Missing or damaged: try the next, then give up.
    }
  }
  return null;
}

/** The step of the checkpoint in a run folder (see findCheckpoint), or null. */
export async function readCheckpointStep(runDir: string): Promise<number | null> {
  return (await findCheckpoint(runDir))?.step ?? null;
}
