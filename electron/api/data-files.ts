import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { DataFile } from '../../shared/protocol/data';

/** Folders never looked into: hidden ones (the app's state, .git) and dependency trees. */
const skip = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/** Listing stops here: a folder with thousands of files must not stall the picker. */
const MAX_FILES = 1000;

/** The files each kind of data node reads, by the end of their names (any case). */
export const DATA_FILE_EXTENSIONS = { csv: '.csv', text: '.txt' } as const;

/**
 * The files ending in `extension` (any case) in `root` and up to `depth` folders below, each named
 * relative to `from` (the graph file's folder) with forward slashes, sorted. Symbolic links are not
 * followed, so a listing never reaches outside `root`.
 */
export async function findDataFiles(root: string, depth: number, from: string, extension: string): Promise<DataFile[]> {
  const found: DataFile[] = [];
  const visit = async (dir: string, left: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (found.length >= MAX_FILES) return;
      if (entry.isSymbolicLink() || skip(entry.name)) continue;
      const abs = join(dir, entry.name);
      if (entry.isDirectory() && left > 0) await visit(abs, left - 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(extension)) {
        const info = await stat(abs).catch(() => undefined);
        if (info) found.push({ path: relative(from, abs).split(sep).join('/'), name: entry.name, modified: info.mtimeMs, size: info.size });
      }
    }
  };
  await visit(root, depth);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
