const KEY = 'latent-studio.recent-files';
const MAX = 8;

/** The recently opened or saved files, newest first (kept in this window's local storage). */
export function readRecent(): string[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/** Puts `path` first in the recent files; returns the new list. */
export function pushRecent(path: string): string[] {
  const list = [path, ...readRecent().filter((p) => p !== path)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled: recent files are a convenience, not worth an error.
  }
  return list;
}

/** Drops a path that could not be opened any more; returns the new list. */
export function dropRecent(path: string): string[] {
  const list = readRecent().filter((p) => p !== path);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // ignored, as above
  }
  return list;
}

const RECOVERY_PATH_KEY = 'latent-studio.recovery-path';

/** Remembers which file the autosaved recovery copy belongs to (null: an untitled document). */
export function setRecoveryPath(path: string | null): void {
  try {
    if (path === null) localStorage.removeItem(RECOVERY_PATH_KEY);
    else localStorage.setItem(RECOVERY_PATH_KEY, path);
  } catch {
    // ignored: the recovered document then opens untitled
  }
}

/** The file the recovery copy belongs to, if known. */
export function getRecoveryPath(): string | null {
  try {
    return localStorage.getItem(RECOVERY_PATH_KEY);
  } catch {
    return null;
  }
}

/** The last part of a path: what a person calls the file. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
