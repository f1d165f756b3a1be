/**
 * Web mode sends the renderer's text files (scripts, styles, source maps, TTF fonts) compressed
 * when the browser accepts it: brotli, else gzip. Each file is compressed once and kept in memory
 * while its modification time and size stay the same (the built renderer is a few megabytes).
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compression saves less than a packet. */
const MIN_BYTES = 1024;

/** Types worth compressing: text, and fonts that are not compressed already (woff and woff2 are). */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|wasm|manifest\+json)|image\/svg\+xml|font\/ttf)/.test(contentType);
}

/**
 * The encoding to answer with for an Accept-Encoding header: brotli before gzip, anything the
 * header refuses with q=0 left out; null for none.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const ok = (name: Encoding): boolean => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly data: Promise<Buffer>;
}

/** Compressed copies of files, by path and encoding. */
export class CompressedFiles {
  private readonly entries = new Map<string, Entry>();

  /** The file compressed with `encoding`, or null when the file is too small to gain from it. */
  get(path: string, file: { mtimeMs: number; size: number }, encoding: Encoding): Promise<Buffer> | null {
    if (file.size < MIN_BYTES) return null;
    const key = `${encoding}:${path}`;
    const known = this.entries.get(key);
    if (known && known.mtimeMs === file.mtimeMs && known.size === file.size) return known.data;
    const data = readFile(path).then((bytes) =>
      encoding === 'br'
        ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
        : gzipAsync(bytes, { level: 6 }),
    );
    // A failure is not kept: the next request tries again.
    data.catch(() => {
      if (this.entries.get(key)?.data === data) this.entries.delete(key);
    });
    this.entries.set(key, { mtimeMs: file.mtimeMs, size: file.size, data });
    return data;
  }
}
