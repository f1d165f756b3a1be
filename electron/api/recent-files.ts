import { z } from 'zod';
import { StateFile } from './state-dir';

/** How many recent files are kept. */
export const MAX_RECENT = 10;

const recentSchema = z.object({ version: z.literal(1), files: z.array(z.string()) });

/**
 * The desktop's recent-files list (most recent first, at most MAX_RECENT, no duplicates), kept in
 * `<projectDir>/.latent-studio/recent.json`. Updates are queued one after another so two quick
 * saves cannot lose each other's entry.
 */
export class RecentFiles {
  private readonly file: StateFile<z.infer<typeof recentSchema>>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(projectDir: string) {
    this.file = new StateFile(projectDir, 'recent.json', recentSchema);
  }

  /** The paths, most recent first. */
  async list(): Promise<string[]> {
    await this.queue.catch(() => undefined);
    return (await this.file.read())?.files ?? [];
  }

  /** Moves `path` to the front of the list. */
  add(path: string): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => {
      const files = (await this.file.read())?.files ?? [];
      await this.file.write({ version: 1, files: [path, ...files.filter((f) => f !== path)].slice(0, MAX_RECENT) });
    });
    this.queue = next;
    return next;
  }
}
