import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The step of the checkpoint in a run folder, read from its manifest and the size of its state
 * (the state itself can be megabytes, and listing the history must stay fast), or null when there
 * is none or it cannot be read. Like the trainer's loadCheckpoint, it falls back to
 * `checkpoint.old`, when `checkpoint` is missing (a crash between the two renames of a checkpoint
 * swap leaves the previous one there) or damaged: the step listed is then the step a resume
 * continues from, and the logs are cut back to the right place.
 */
export async function readCheckpointStep(runDir: string): Promise<number | null> {
  for (const folder of ['checkpoint', 'checkpoint.old']) {
    try {
      const manifest = JSON.parse(await readFile(join(runDir, folder, 'checkpoint.json'), 'utf8')) as { format?: unknown; step?: unknown; bytes?: unknown };
      const whole = (await stat(join(runDir, folder, 'state.bin'))).size === manifest.bytes;
      if (whole && manifest.format === 'latent-studio.checkpoint' && typeof manifest.step === 'number' && Number.isInteger(manifest.step) && manifest.step >= 0) return manifest.step;
    } catch {
      // Missing or damaged: try the next, then give up.
    }
  }
  return null;
}
