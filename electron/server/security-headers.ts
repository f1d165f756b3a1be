/**
 * The Content-Security-Policy of the served renderer: its own scripts only (no inline script, no
 * eval), network access only to this server and its WebSocket, no plugins, no <base> rewriting,
 * no framing (against clickjacking). Inline styles are allowed because React Flow sets them.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers sent with every response (HTML or not, errors included): the CSP, no MIME sniffing (a
 * JSON file is never run as a script), no Referer (the page URL carries the token), and resources
 * readable by this origin only.
 */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
