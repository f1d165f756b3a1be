import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, win32 } from 'node:path';

/** Whether `p` is `root` itself or below it (both absolute and free of links). */
export function isInside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r) && !win32.isAbsolute(r));
}

/** A data path that the graph names but may not read (web mode: outside the project folder). */
export class DataPathRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataPathRefused';
  }
}

/**
 * The file a data node names, resolved against `baseDir`. With `root` (web mode: the project
 * folder), the path must lead inside `root` both as written and once every symbolic link is
 * resolved; otherwise the call throws DataPathRefused, before the file is opened, with a message
 * that names the rule and says nothing of the file (not even whether it exists).
 *
 * @param what how the message names the path's owner, e.g. `the file of CSV node data`
 */
export function resolveDataPath(path: string, baseDir: string, root: string | undefined, what: string): string {
  const abs = isAbsolute(path) ? path : resolve(baseDir, path);
  if (root === undefined) return abs;
  const refuse = () => new DataPathRefused(`${what} is ${JSON.stringify(path)}, outside the project folder: in web mode a graph may only read files inside the project folder (with links resolved)`);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    throw new DataPathRefused(`the project folder ${root} cannot be read`);
  }
  if (!isInside(resolve(root), abs) && !isInside(realRoot, abs)) throw refuse();
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    // Missing inside the folder: the loader says so in its own words (the path is the project's).
    return abs;
  }
  if (!isInside(realRoot, real)) throw refuse();
  return real;
}
