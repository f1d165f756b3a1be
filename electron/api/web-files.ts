import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Result } from '../../shared/protocol/api';
import { writeFileAtomic } from './atomic-write';
import { ApiError, fsError } from './errors';
import { looksLikeGraphFile } from './graph-sniff';
import { parseOrRefuse, readGraphText } from './graph-text';
import type { FileHandlers } from './handler-types';
import { resolveProjectPath } from './project-path';

/** Folders never looked into: hidden ones (the app's state, .git) and dependency trees. */
function skipFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Graph files directly in the folder and one level below, relative paths with forward slashes. */
async function findGraphFiles(projectDir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (rel: string, depth: number): Promise<void> => {
    const entries = await readdir(join(projectDir, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      // Links are not followed: a listing must not reach outside the project folder.
      if (entry.isSymbolicLink() || entry.name.startsWith('.')) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory() && depth > 0 && !skipFolder(entry.name)) await visit(path, depth - 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json') && (await looksLikeGraphFile(join(projectDir, path)))) found.push(path);
    }
  };
  await visit('', 1);
  return found.sort();
}

function needPath(verb: string): ApiError {
  return new ApiError('unavailable', `web mode has no file dialog: ${verb} needs a path relative to the project folder`);
}

/**
 * The file methods in web mode: a browser tab may reach graph files in the project folder only,
 * by relative paths (see resolveProjectPath). Nothing but a valid graph file is ever written, and
 * a file that is not a graph file is never overwritten.
 */
export function createWebFileHandlers(projectDir: string): FileHandlers {
  return {
    async 'files.list'() {
      const out: Result<'files.list'> = [];
      for (const path of await findGraphFiles(projectDir)) {
        const info = await stat(join(projectDir, path)).catch(() => undefined);
        if (info) out.push({ path, name: basename(path), modified: info.mtimeMs });
      }
      return out;
    },

    async 'files.read'({ path }) {
      if (path === undefined) throw needPath('opening a file');
      const target = await resolveProjectPath(projectDir, path);
      const { text } = await readGraphText(target.abs, target.rel);
      return { path: target.rel, text };
    },

    async 'files.write'({ path, text }) {
      if (path === undefined) throw needPath('saving');
      const target = await resolveProjectPath(projectDir, path);
      parseOrRefuse(text, `refused to save ${target.rel}`);
      const existing = await lstat(target.abs).catch(() => undefined);
      if (existing?.isDirectory()) throw new ApiError('io', `cannot save ${target.rel}: a folder of that name is in the way`);
      if (existing && !(await looksLikeGraphFile(target.abs))) {
        throw new ApiError('path-refused', `refused to save ${target.rel}: it would replace a file that is not a Latent Studio graph`);
      }
      try {
        await writeFileAtomic(target.abs, text);
      } catch (e) {
        throw fsError(e, target.rel, 'save');
      }
      return { path: target.rel };
    },
  };
}
