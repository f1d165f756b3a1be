import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { StateFile } from './state-dir';

const recoverySchema = z.object({ version: z.literal(1), savedAt: z.number(), text: z.string() });

/**
 * The recovery copy autosaved while editing, in `<projectDir>/.latent-studio/recovery.json`.
 * The text is stored as given, not parsed: a recovery copy exists for when things went wrong, and
 * refusing it would lose work; the renderer opens it with parseGraphFile, which says what is wrong.
 */
export class RecoveryStore {
  private readonly file: StateFile<z.infer<typeof recoverySchema>>;

  constructor(projectDir: string) {
    this.file = new StateFile(projectDir, 'recovery.json', recoverySchema);
  }

  async read(): Promise<{ text?: string; savedAt?: number }> {
    const saved = await this.file.read();
    return saved ? { text: saved.text, savedAt: saved.savedAt } : {};
  }

  async write(text: string, now = Date.now()): Promise<{ savedAt: number }> {
    await this.file.write({ version: 1, savedAt: now, text });
    return { savedAt: now };
  }

  async clear(): Promise<void> {
    await rm(this.file.path, { force: true });
  }
}
