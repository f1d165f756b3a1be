import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, isAbsolute } from 'node:path';
import { chooseEncoding, CompressedFiles, isCompressible } from './compressed-files';
import { contentTypeOf } from './content-types';
import { NOT_BUILT_PAGE } from './not-built-page';

/** Ends a response with a short plain-text body. */
export function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Decoded path segments of a request URL, or null if the path tries to leave the folder. */
function segmentsOf(url: string): string[] | null {
  const raw = url.split('?')[0]!.split('#')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows and NUL truncates paths in some APIs: never valid here.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  return segments.includes('..') ? null : segments;
}

/**
 * Serves the built renderer from `staticDir`: `/` is index.html; GET and HEAD only; `..`,
 * encoded or not, is refused; hidden files and anything a link leads to outside the folder are
 * not found. If index.html is missing, `/` gets a page saying how to build it.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, headers: Record<string, string>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'method not allowed', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const segments = segmentsOf(req.url ?? '/');
  if (segments === null) {
    sendText(res, 403, 'path refused', headers);
    return;
  }
  const wanted = segments.length === 0 ? ['index.html'] : segments;
  if (wanted.some((s) => s.startsWith('.'))) {
    sendText(res, 404, 'not found', headers);
    return;
  }
  const file = await resolveInside(staticDir, wanted);
  if (file === null) {
    if (wanted.length === 1 && wanted[0] === 'index.html') {
      send(res, req, 200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, Buffer.from(NOT_BUILT_PAGE));
      return;
    }
    sendText(res, 404, 'not found', headers);
    return;
  }
  const type = contentTypeOf(file.path);
  // index.html is small and names the hashed bundles: always revalidate it so a rebuild shows up.
  const cache: Record<string, string> = type.startsWith('text/html') ? { 'Cache-Control': 'no-cache' } : {};
  if (isCompressible(type)) {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const packed = encoding ? compressed.get(file.path, file, encoding) : null;
    const body = packed ? await packed.catch(() => null) : null;
    if (body) {
      send(res, req, 200, { ...headers, ...cache, 'Content-Type': type, 'Content-Encoding': encoding!, Vary: 'Accept-Encoding' }, body);
      return;
    }
    res.setHeader('Vary', 'Accept-Encoding');
  }
  res.writeHead(200, { ...headers, ...cache, 'Content-Type': type, 'Content-Length': file.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function send(res: ServerResponse, req: IncomingMessage, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Compressed copies of the files served, for every server of this process. */
const compressed = new CompressedFiles();

/** The real path, size and modification time of a regular file under `root`, or null (missing, a folder, or outside). */
async function resolveInside(root: string, segments: string[]): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...segments));
    const rel = relative(realRoot, real);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}
