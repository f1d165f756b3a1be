import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, win32 } from 'node:path';
import { isInside } from '../engine/data/confine';
import { ApiError } from './errors';

/** A path inside the project folder: as the renderer names it, and where it really is on disk. */
export interface ProjectPath {
  /** Relative to the project folder, with forward slashes (what the renderer shows and sends back). */
  readonly rel: string;
  /** Absolute, with every symbolic link resolved, known to be inside the project folder. */
  readonly abs: string;
}

function refuse(path: string, why: string): ApiError {
  return new ApiError('path-refused', `refused path ${JSON.stringify(path)}: ${why}`);
}

/**
 * Resolves a path the renderer sent in web mode, where a browser tab may only touch graph files in
 * the project folder. Refuses absolute paths, `..`, hidden names (the app's own `.latent-studio`
 * folder, `.git`, …), names not ending in `.json`, and symbolic links (of the file or any folder on
 * the way) that lead out of the folder. The parent folder must exist: nothing is created outside
 * what the user already has.
 *
 * The check and the later open are two steps, so someone able to swap links inside the project
 * folder between them could still redirect a call; such a person can already write there, so this
 * guards against the browser side only, which is the point.
 */
export async function resolveProjectPath(projectDir: string, path: string): Promise<ProjectPath> {
  if (path.trim() === '') throw refuse(path, 'a file name is needed');
  if (path.includes('\0')) throw refuse(path, 'it contains a NUL character');
  if (isAbsolute(path) || win32.isAbsolute(path) || /^[a-zA-Z]:/.test(path)) {
    throw refuse(path, 'in web mode paths are relative to the project folder');
  }
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw refuse(path, 'it escapes the project folder');
  if (segments.some((s) => s.startsWith('.'))) throw refuse(path, 'hidden files and folders are not available in web mode');
  const name = segments[segments.length - 1];
  if (name === undefined || !name.toLowerCase().endsWith('.json')) throw refuse(path, 'only .json graph files can be opened or saved in web mode');
  const rel = segments.join('/');

  const root = await realpath(projectDir);
  const abs = join(root, ...segments);
  let parent: string;
  try {
    parent = await realpath(dirname(abs));
  } catch {
    throw new ApiError('not-found', `the folder of ${rel} does not exist in the project folder`);
  }
  if (!isInside(root, parent)) throw refuse(path, 'it leads out of the project folder through a link');

  const info = await lstat(abs).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    let target: string;
    try {
      target = await realpath(abs);
    } catch {
      throw refuse(path, 'it is a link that points nowhere');
    }
    if (!isInside(root, target)) throw refuse(path, 'it is a link that leads out of the project folder');
    return { rel, abs: target };
  }
  return { rel, abs: join(parent, name) };
}
