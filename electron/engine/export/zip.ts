/**
 * Zip archives for exports and imports, over fflate (MIT). Writing is plain; reading is defensive
 * because an imported file is untrusted: every entry name is checked before anything is
 * decompressed, sizes are bounded before memory is allocated for them, and any failure is one
 * ZipError whose message says what is wrong.
 */
import { type UnzipFileInfo, unzipSync, zipSync, type Zippable } from 'fflate';

/** An archive that cannot be read, or that this app refuses to read. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** A file to put in an archive: a relative path with forward slashes, and its bytes. */
export interface ZipEntry {
  readonly path: string;
  readonly data: Uint8Array;
}

/** Makes a .zip of the entries. Already-compressed files (PNG) are stored, the rest deflated. */
export function writeZip(entries: readonly ZipEntry[], mtime: Date = new Date()): Uint8Array {
  const files: Zippable = {};
  for (const e of entries) {
    checkEntryName(e.path);
    if (Object.prototype.hasOwnProperty.call(files, e.path)) throw new ZipError(`two files are named ${e.path}`);
    files[e.path] = [e.data, { level: /\.png$/i.test(e.path) ? 0 : 6, mtime }];
  }
  return zipSync(files);
}

/** The bounds a read archive must keep. */
export interface ZipLimits {
  /** Most entries (folders included). */
  readonly maxEntries: number;
  /** Largest uncompressed entry, in bytes. */
  readonly maxEntryBytes: number;
  /** Largest uncompressed total, in bytes (a small archive can claim gigabytes: a "zip bomb"). */
  readonly maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxEntryBytes: 512 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

/**
 * Throws unless `name` is a safe relative path inside an archive: not empty, no NUL or control
 * character, no backslash (a separator on Windows), not absolute (`/x`, `C:x`), no `.` or `..`
 * segment, not `__proto__` (it would not be an own key of a plain object).
 */
export function checkEntryName(name: string): void {
  const shown = JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
  const refuse = (why: string): never => {
    throw new ZipError(`refused the entry ${shown}: ${why}`);
  };
  if (name === '') refuse('it has no name');
  if (name.length > 1024) refuse('its name is longer than 1024 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) refuse('its name contains a control character');
  if (name.includes('\\')) refuse('its name contains a backslash');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) refuse('it is an absolute path');
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) refuse('it leads out of the archive (..)');
  if (segments.some((s) => s === '' || s === '.')) refuse('its path has an empty or "." segment');
  if (segments.includes('__proto__')) refuse('its name is reserved');
}

/**
 * Reads every file of a .zip into memory, by path (folder entries are left out). Refuses the whole
 * archive when one entry has an unsafe name, appears twice, or the sizes exceed `limits`; anything
 * fflate cannot decode (not a zip, truncated, an unsupported compression) becomes a ZipError too.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  const seen = new Set<string>();
  let count = 0;
  let total = 0;
  const filter = (info: UnzipFileInfo): boolean => {
    count++;
    if (count > limits.maxEntries) throw new ZipError(`the archive has more than ${limits.maxEntries} entries`);
    checkEntryName(info.name);
    if (seen.has(info.name)) throw new ZipError(`the archive holds ${JSON.stringify(info.name)} twice`);
    seen.add(info.name);
    if (info.compression !== 0 && info.compression !== 8) throw new ZipError(`${JSON.stringify(info.name)} uses compression method ${info.compression}; only stored and deflated entries are read`);
    const size = info.originalSize;
    if (!Number.isSafeInteger(size) || size < 0) throw new ZipError(`${JSON.stringify(info.name)} has an invalid size`);
    if (size > limits.maxEntryBytes) throw new ZipError(`${JSON.stringify(info.name)} is ${mb(size)} uncompressed, more than the ${mb(limits.maxEntryBytes)} allowed`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError(`the archive's files add up to more than the ${mb(limits.maxTotalBytes)} allowed`);
    return !info.name.endsWith('/');
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter });
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`the file is not a readable .zip archive (${(e as Error).message || String(e)})`);
  }
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(files)) out.set(name, files[name]!);
  return out;
}

function mb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
