import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Handlers, BackendEventSource } from '../api/handlers';
import { guardRequest } from './request-guard';
import { securityHeaders } from './security-headers';
import { sendText, serveStatic } from './static-files';
import { generateToken, tokenCookie } from './token';
import { serveApiSocket } from './ws-api';

/** The API's WebSocket endpoint. */
export const API_PATH = '/api';

/** The largest WebSocket message accepted (a graph text is at most 50 MB, plus the envelope). */
export const DEFAULT_MAX_MESSAGE_BYTES = 60 * 1024 * 1024;

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Loopback only: web mode is never reachable from another machine. */
  readonly host?: '127.0.0.1';
  /** The access token; a fresh random one if absent. */
  readonly token?: string;
  /** The built renderer (index.html and its assets). */
  readonly staticDir: string;
  readonly handlers: Handlers;
  /** Run events pushed to every connected page (see serveApiSocket). */
  readonly events?: BackendEventSource;
  /** Messages larger than this close the connection (default DEFAULT_MAX_MESSAGE_BYTES). */
  readonly maxMessageBytes?: number;
}

export interface RunningServer {
  /** The base URL, without the token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/** Refuses an upgrade on the raw socket (there is no ServerResponse before the handshake). */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request';
  const body = `${status} ${text}: ${reason}`;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  socket.destroy();
}

/**
 * Starts web mode's server: the built renderer over HTTP and the API over one WebSocket at
 * `/api`, on 127.0.0.1 only. Every request and the upgrade need the token (query or cookie) and
 * a loopback Host; the upgrade and non-GET requests need this server's own Origin (see
 * guardRequest). Resolves once listening.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  const { staticDir, handlers } = options;
  let port = 0;

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES });
  wss.on('connection', (socket) => serveApiSocket(socket, handlers, options.events));

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const headers = securityHeaders(port);
    const guard = guardRequest(req, port, token, { websocket: false });
    if (!guard.ok) {
      sendText(res, guard.status, `${guard.status} Forbidden: ${guard.reason}`, headers);
      return;
    }
    if (guard.setCookie) headers['Set-Cookie'] = tokenCookie(port, token);
    serveStatic(req, res, staticDir, headers).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'internal error', headers);
      else res.destroy();
    });
  };

  const server = createServer(onRequest);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Without a listener, a client resetting the connection mid-handshake would crash the process.
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== API_PATH) return refuseUpgrade(socket, 404, `the API is at ${API_PATH}`);
    const guard = guardRequest(req, port, token, { websocket: true });
    if (!guard.ok) return refuseUpgrade(socket, guard.status, guard.reason);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  // Malformed HTTP gets a 400 and a closed socket rather than an unhandled error.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${host} is already in use: choose another with --port`) : e);
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  port = address.port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        // Keep-alive connections would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
