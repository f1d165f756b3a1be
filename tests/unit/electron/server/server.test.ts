import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wsResponseSchema } from '../../../../shared/protocol/api';
import { createHandlers } from '../../../../electron/api/handlers';
import { startServer, type RunningServer } from '../../../../electron/server/server';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const examplesDir = join(root, 'assets', 'examples');
const VAE = readFileSync(join(examplesDir, 'vae-mnist.json'), 'utf8');
const INDEX = '<!doctype html><html><head><script src="/app.js"></script></head><body></body></html>';
const TIMEOUT_MS = 5000;

let dir: string;
let server: RunningServer;
let host: string;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ls-server-'));
  const staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  mkdirSync(join(dir, 'project'));
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(staticDir, '.env'), 'hidden');
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
  const handlers = createHandlers({ mode: 'web', projectDir: join(dir, 'project'), examplesDir });
  server = await startServer({ staticDir, handlers, maxMessageBytes: 1024 * 1024 });
  host = `127.0.0.1:${server.port}`;
  origin = `http://${host}`;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request to the server on 127.0.0.1 (fetch would normalise the path and fix the Host). */
function http(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: host, ...headers }, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

const withToken = (path: string): string => `${path}${path.includes('?') ? '&' : '?'}token=${server.token}`;

/** Opens a WebSocket to the API; resolves when open, rejects with the refusal's status. */
function connect(path: string, headers: Record<string, string> = {}, opts: { origin?: string | null } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const o = opts.origin === undefined ? origin : opts.origin;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers, ...(o !== null && { origin: o }), handshakeTimeout: TIMEOUT_MS });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused with ${res.statusCode}`));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

const sockets: WebSocket[] = [];
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

async function api(headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = await connect(withToken('/api'), headers);
  sockets.push(ws);
  return ws;
}

/** The next message on a socket, parsed and checked against the response envelope. */
function nextMessage(ws: WebSocket): Promise<ReturnType<typeof wsResponseSchema.parse>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer')), TIMEOUT_MS);
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(wsResponseSchema.parse(JSON.parse(String(data))));
    });
  });
}

async function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<ReturnType<typeof wsResponseSchema.parse>> {
  const reply = nextMessage(ws);
  ws.send(JSON.stringify({ id, method, params }));
  return reply;
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not closed')), TIMEOUT_MS);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('HTTP', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a request without the token or with a wrong one', async () => {
    expect((await http('/')).status).toBe(403);
    expect((await http('/app.js')).status).toBe(403);
    expect((await http('/?token=wrong')).status).toBe(403);
    expect((await http(`/?token=${server.token}x`)).status).toBe(403);
    expect((await http('/', { Cookie: `latent-studio-token-${server.port}=wrong` })).status).toBe(403);
  });

  it('serves index.html with the CSP and security headers, and sets the token cookie', async () => {
    const res = await http(withToken('/'));
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(
      `default-src 'self'; connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`latent-studio-token-${server.port}=${server.token}; Path=/; HttpOnly; SameSite=Strict`);
  });

  it('accepts a later request with the cookie only', async () => {
    const first = await http(withToken('/'));
    const cookie = first.headers['set-cookie']![0]!.split(';')[0]!;
    const res = await http('/app.js', { Cookie: `other=1; ${cookie}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await http('/assets/style.css', { Cookie: cookie })).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers to localhost too, but refuses any other Host (DNS rebinding)', async () => {
    expect((await http(withToken('/'), { Host: `localhost:${server.port}` })).status).toBe(200);
    for (const other of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`]) {
      expect((await http(withToken('/'), { Host: other })).status).toBe(403);
    }
    // HTTP/1.0 may leave Host out entirely (node's client always adds one, so write it by hand).
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connectTcp(server.port, '127.0.0.1', () => socket.end(`GET /?token=${server.token} HTTP/1.0\r\n\r\n`));
      let text = '';
      socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('timed out')));
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 403/);
  });

  it('refuses path traversal, hidden files and missing files', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%00index.html']) {
      const res = await http(withToken(path));
      expect([403, 404]).toContain(res.status);
      expect(res.body).not.toContain('TOP SECRET');
    }
    expect((await http(withToken('/.env'))).status).toBe(404);
    expect((await http(withToken('/missing.js'))).status).toBe(404);
    expect((await http(withToken('/assets'))).status).toBe(404);
  });

  it('refuses a non-GET request from another origin, and any non-GET method', async () => {
    expect((await http(withToken('/'), { Origin: 'http://evil.example' }, 'POST')).status).toBe(403);
    expect((await http(withToken('/'), {}, 'POST')).status).toBe(403);
    expect((await http(withToken('/'), { Origin: origin }, 'POST')).status).toBe(405);
  });
});

describe('compression', () => {
  /** A raw request with the cookie; the body as bytes (compressed bodies are not text). */
  function raw(path: string, acceptEncoding?: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { Host: host, ...(acceptEncoding !== undefined && { 'Accept-Encoding': acceptEncoding }) };
      const req = request({ host: '127.0.0.1', port: server.port, path: withToken(path), headers, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
  }
  const script = (n: number): string => Array.from({ length: n }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');

  it('sends a script brotli- or gzip-compressed as the browser accepts, the same bytes once decompressed', async () => {
    const big = script(2000);
    writeFileSync(join(dir, 'static', 'assets', 'big.js'), big);
    const br = await raw('/assets/big.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(big.length / 4);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(big);

    const gz = await raw('/assets/big.js', 'gzip, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(big);

    const plain = await raw('/assets/big.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(big);
  });

  it('compresses a file again when it changes, and leaves small files and images as they are', async () => {
    const file = join(dir, 'static', 'assets', 'changing.js');
    writeFileSync(file, script(500));
    expect(brotliDecompressSync((await raw('/assets/changing.js', 'br')).body).toString('utf8')).toBe(script(500));
    writeFileSync(file, script(700));
    expect(brotliDecompressSync((await raw('/assets/changing.js', 'br')).body).toString('utf8')).toBe(script(700));

    const small = await raw('/assets/style.css', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString('utf8')).toBe('body{}');
    writeFileSync(join(dir, 'static', 'assets', 'picture.png'), Buffer.alloc(5000, 7));
    expect((await raw('/assets/picture.png', 'br')).headers['content-encoding']).toBeUndefined();
  });
});

describe('WebSocket', () => {
  it('refuses an upgrade without the token, with a wrong one, or on another path', async () => {
    await expect(connect('/api')).rejects.toThrow('refused with 403');
    await expect(connect('/api?token=nope')).rejects.toThrow('refused with 403');
    await expect(connect(withToken('/other'))).rejects.toThrow('refused with 404');
  });

  it('refuses an upgrade from a foreign or missing Origin, even with the token', async () => {
    await expect(connect(withToken('/api'), {}, { origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(connect(withToken('/api'), {}, { origin: `http://127.0.0.1:${server.port + 1}` })).rejects.toThrow('refused with 403');
    await expect(connect(withToken('/api'), {}, { origin: null })).rejects.toThrow('refused with 403');
  });

  it('refuses an upgrade with a foreign Host', async () => {
    await expect(connect(withToken('/api'), { Host: `evil.example:${server.port}` })).rejects.toThrow('refused with 403');
  });

  it('accepts the token in the query or the cookie, with the right Origin', async () => {
    sockets.push(await connect(withToken('/api')));
    sockets.push(await connect('/api', { Cookie: `latent-studio-token-${server.port}=${server.token}` }));
    sockets.push(await connect(withToken('/api'), { Host: `localhost:${server.port}` }, { origin: `http://localhost:${server.port}` }));
  });

  it('answers app.info and graph.validate', async () => {
    const ws = await api();
    expect(await call(ws, 1, 'app.info', {})).toEqual({ id: 1, result: { mode: 'web', appVersion: expect.any(String), projectDir: join(dir, 'project') } });
    expect(await call(ws, 2, 'graph.validate', { text: VAE })).toEqual({ id: 2, result: { ok: true, problems: [] } });
    const truncated = await call(ws, 3, 'graph.validate', { text: VAE.slice(0, VAE.length / 2) });
    expect(truncated).toMatchObject({ id: 3, result: { ok: false, fileError: { kind: 'corrupt', message: expect.stringContaining('not valid JSON') } } });
  });

  it('answers invalid params with a clear error', async () => {
    const ws = await api();
    const reply = await call(ws, 7, 'graph.validate', { txt: 'x' });
    expect(reply).toMatchObject({ id: 7, error: { code: 'invalid-params', message: expect.stringMatching(/^graph\.validate: invalid params: .*text/) } });
    expect(await call(ws, 8, 'no.such', {})).toMatchObject({ id: 8, error: { code: 'unknown-method' } });
  });

  it('answers a malformed message with an error and keeps the connection', async () => {
    const ws = await api();
    for (const bad of ['not json', '[]', '{"id": 3}', '{"id": -1, "method": "app.info", "params": {}}', 'null']) {
      const reply = nextMessage(ws);
      ws.send(bad);
      expect(await reply).toMatchObject({ error: { code: 'bad-request' } });
    }
    const binary = nextMessage(ws);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await binary).toMatchObject({ id: -1, error: { code: 'bad-request' } });
    expect(await call(ws, 9, 'app.info', {})).toMatchObject({ id: 9, result: { mode: 'web' } });
  });

  it('survives a broken frame and an oversized message by closing only that connection', async () => {
    const broken = await api();
    const brokenClosed = closed(broken);
    // An unmasked frame with a reserved opcode: a protocol error, not a message.
    (broken as unknown as { _socket: { write(b: Buffer): void } })._socket.write(Buffer.from([0x83, 0x00]));
    expect(await brokenClosed).not.toBe(1000);

    const big = await api();
    const bigClosed = closed(big);
    big.send('x'.repeat(2 * 1024 * 1024));
    expect(await bigClosed).toBe(1009);

    const ws = await api();
    expect(await call(ws, 1, 'app.info', {})).toMatchObject({ result: { mode: 'web' } });
    expect((await http(withToken('/'))).status).toBe(200);
  });
});

describe('without a built renderer', () => {
  it('serves a page saying how to build it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ls-empty-'));
    const other = await startServer({ staticDir: empty, handlers: createHandlers({ mode: 'web', projectDir: empty, examplesDir }) });
    try {
      const res = await new Promise<Reply>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: other.port, path: `/?token=${other.token}`, timeout: TIMEOUT_MS }, (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(200);
      expect(res.body).toContain('npm run build:renderer');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    } finally {
      await other.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('uses the given token and port, and says clearly when the port is taken', async () => {
    const a = await startServer({ staticDir: dir, token: 'fixed-token', handlers: createHandlers({ mode: 'web', projectDir: dir, examplesDir }) });
    try {
      expect(a.token).toBe('fixed-token');
      await expect(startServer({ port: a.port, staticDir: dir, handlers: createHandlers({ mode: 'web', projectDir: dir, examplesDir }) })).rejects.toThrow(/already in use/);
    } finally {
      await a.close();
    }
  });
});
