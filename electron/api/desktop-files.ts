import { stat } from 'node:fs/promises';
import { basename, isAbsolute, normalize } from 'node:path';
import type { GraphFile } from '../../shared/graph/index';
import type { Result } from '../../shared/protocol/api';
import { writeFileAtomic } from './atomic-write';
import { ApiError, fsError } from './errors';
import { looksLikeGraphFile } from './graph-sniff';
import { parseOrRefuse, readGraphText } from './graph-text';
import type { FileDialogs, FileHandlers } from './handler-types';
import type { RecentFiles } from './recent-files';

/** A file name for the save dialog, from the graph's title. */
export function suggestedFileName(doc: GraphFile): string {
  const slug = (doc.meta.title ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'untitled'}.json`;
}

function absolutePath(path: string): string {
  if (path.includes('\0') || !isAbsolute(path)) throw new ApiError('path-refused', `refused path ${JSON.stringify(path)}: the desktop works with absolute paths`);
  return normalize(path);
}

function needDialogs(): ApiError {
  return new ApiError('unavailable', 'no file dialog is available: give a path');
}

/**
 * The file methods on the desktop: absolute paths, the system's dialogs when no path is given, and
 * a recent-files list. Saving to a given path is allowed only where the user chose it in a dialog
 * this session, opened it before (recent files), or where a graph file already is: a renderer
 * gone wrong can then never create or overwrite arbitrary files.
 */
export function createDesktopFileHandlers(recent: RecentFiles, dialogs: FileDialogs | undefined): FileHandlers {
  const chosen = new Set<string>();

  const mayWrite = async (path: string): Promise<boolean> =>
    chosen.has(path) || (await recent.list()).includes(path) || (await looksLikeGraphFile(path));

  return {
    async 'files.list'() {
      const out: Result<'files.list'> = [];
      for (const path of await recent.list()) {
        // A recent file since moved or deleted is simply not offered.
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile()) out.push({ path, name: basename(path), modified: info.mtimeMs });
      }
      return out;
    },

    async 'files.read'({ path: given }) {
      let path: string;
      if (given === undefined) {
        if (!dialogs) throw needDialogs();
        const picked = await dialogs.open();
        if (picked === null) return { cancelled: true as const };
        path = absolutePath(picked);
        chosen.add(path);
      } else {
        path = absolutePath(given);
      }
      const { text } = await readGraphText(path, path);
      await recent.add(path);
      return { path, text };
    },

    async 'files.write'({ path: given, text }) {
      const doc = parseOrRefuse(text, 'refused to save');
      let path: string;
      if (given === undefined) {
        if (!dialogs) throw needDialogs();
        const picked = await dialogs.save(suggestedFileName(doc));
        if (picked === null) return { cancelled: true as const };
        path = absolutePath(picked);
        chosen.add(path);
      } else {
        path = absolutePath(given);
        if (!(await mayWrite(path))) {
          throw new ApiError('path-refused', `refused to save ${path}: choose it in the save dialog first (only files opened or chosen there are written)`);
        }
      }
      try {
        await writeFileAtomic(path, text);
      } catch (e) {
        throw fsError(e, path, 'save');
      }
      await recent.add(path);
      return { path };
    },
  };
}
