import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

/** The folder of the app's own small files inside the project folder (hidden, so never listed). */
export const STATE_FOLDER = '.latent-studio';

/**
 * A JSON file in the project's `.latent-studio` folder, validated on every read and written
 * atomically. A missing or damaged file reads as `undefined`: these files are conveniences
 * (recent files, recovery copy) and must never stop the app from starting.
 */
export class StateFile<T> {
  readonly path: string;

  constructor(
    projectDir: string,
    name: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.path = join(projectDir, STATE_FOLDER, name);
  }

  async read(): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async write(value: T): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(value)}\n`);
  }
}
