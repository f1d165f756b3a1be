import type { IncomingMessage } from 'node:http';
import { readCookie, tokenCookieName, tokenMatches } from './token';

/** What the guard decided about one request. */
export type GuardResult =
  | { readonly ok: true; /** The token came in the query: the response should set the cookie. */ readonly setCookie: boolean }
  | { readonly ok: false; readonly status: 403; readonly reason: string };

/** The names this server answers to; anything else in a Host header is a DNS-rebinding attempt. */
export function allowedHosts(port: number): string[] {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  // Browsers leave the default port out of the Host header.
  if (port === 80) hosts.push('127.0.0.1', 'localhost');
  return hosts;
}

/** The origins of pages this server served itself. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** The `token` query parameter of a request URL, if any. */
export function queryToken(url: string | undefined): string | undefined {
  const q = (url ?? '').indexOf('?');
  if (q < 0) return undefined;
  return new URLSearchParams((url ?? '').slice(q + 1)).get('token') ?? undefined;
}

/**
 * Checks one HTTP request or WebSocket upgrade, in this order:
 * 1. Host must name this server on loopback (a page on evil.example whose name was rebound to
 *    127.0.0.1 sends `Host: evil.example`).
 * 2. Origin, for WebSocket upgrades and any request that is not GET/HEAD, must be this server's own:
 *    browsers let any site open a WebSocket or send a form to localhost, but they always say from
 *    where. A missing Origin is refused too: only non-browser clients omit it, and they can set it.
 * 3. The token, from the `?token=` query parameter or the cookie set when the page was first opened
 *    with it.
 */
export function guardRequest(req: IncomingMessage, port: number, token: string, opts: { websocket: boolean }): GuardResult {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).includes(host)) return { ok: false, status: 403, reason: 'this server answers only to 127.0.0.1 and localhost' };

  const method = req.method ?? 'GET';
  if (opts.websocket || (method !== 'GET' && method !== 'HEAD')) {
    const origin = req.headers.origin;
    if (origin === undefined || !allowedOrigins(port).includes(origin.toLowerCase())) {
      return { ok: false, status: 403, reason: 'requests from other sites are refused' };
    }
  }

  const fromQuery = queryToken(req.url);
  if (tokenMatches(fromQuery, token)) return { ok: true, setCookie: !opts.websocket };
  if (tokenMatches(readCookie(req.headers.cookie, tokenCookieName(port)), token)) return { ok: true, setCookie: false };
  return {
    ok: false,
    status: 403,
    reason: 'a valid token is needed: open the link with ?token=… printed where Latent Studio was started',
  };
}
