import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { flushFolder } from './flush';

/** The file operations an atomic write needs; tests replace one to make it fail on purpose. */
export interface AtomicWriteOps {
  rename(from: string, to: string): Promise<void>;
}

const defaultOps: AtomicWriteOps = { rename };

/**
 * Writes `data` to `path` so that a reader sees either the old file or the whole new one, never a
 * mix: the data goes to a temporary file in the same folder (a rename is atomic only within one
 * file system), is flushed to disk, then renamed over the target. If anything fails, the temporary
 * file is removed and the previous file is left as it was.
 *
 * Lives in the engine because both the API handlers (graph files, state files) and the engine's
 * run store and export writer need it, and the engine may not import electron/api.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, ops: AtomicWriteOps = defaultOps): Promise<void> {
  const dir = dirname(path);
  // A dot name so folder listings skip it; random so concurrent writes never share a temp file.
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  // Keep the permissions of the file being replaced (a rename would otherwise reset them).
  const mode = await stat(path).then(
    (s) => (s.isFile() ? s.mode & 0o777 : 0o644),
    () => 0o644,
  );
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      if (typeof data === 'string') await handle.writeFile(data, 'utf8');
      else await handle.writeFile(data);
      // Flush before the rename: after a crash the new name must never point at missing data.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  // The rename itself must reach the disk too, or a power cut can bring the old file back.
  await flushFolder(dir);
}
