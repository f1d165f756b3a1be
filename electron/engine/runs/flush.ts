/**
 * Flushing files and folders to the disk. A rename or a new file is durable only once the folder
 * that holds its name is flushed too, and data only once its file is: without both, a power cut
 * after a "saved" write can bring back a name pointing at nothing, or at the old bytes.
 * Some platforms (Windows) cannot open a folder to flush it; that step is then skipped, since the
 * data itself is flushed either way.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Flushes a folder's entries (names created, renamed or removed in it). Best effort, see the module comment. */
export async function flushFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the folder entry is best effort; the data itself is already flushed.
  }
}

/** The same, synchronously (the training loop writes its checkpoints between two steps, without yielding). */
export function flushFolderSync(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // As above: best effort.
  } finally {
    closeSync(fd);
  }
}

/** Writes a new file and flushes its data before returning. */
export function writeFileFlushedSync(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
