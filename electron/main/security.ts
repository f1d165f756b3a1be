/**
 * The window's security fences: no navigation away from the app, no new windows, no permissions,
 * no remote requests, and a strict Content Security Policy.
 *
 * Each fence is a plain function (tests call them with fake events); `hardenWebContents` and
 * `hardenSession` wire them into Electron.
 */
import type { Session, WebContents } from 'electron';

/** The policy for the app's pages. Inline styles are allowed because React Flow positions nodes with them. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether `url` is the app's own page: the same file:// document as `appUrl`, whatever its query
 * or hash (the renderer may keep state there). Anything unparsable is not the app.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(appUrl);
    return u.protocol === 'file:' && app.protocol === 'file:' && u.host === app.host && u.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** The part of a navigation event the fence needs: where to, and a way to say no. */
export interface NavigationEventLike {
  readonly url?: string;
  preventDefault(): void;
}

/**
 * A listener for 'will-navigate', 'will-frame-navigate' and 'will-redirect' that refuses every
 * navigation except to the app's own page. Links to the web are not followed either: a page that
 * navigated away would keep the preload and its access to the API.
 */
export function refuseNavigation(appUrl: string): (event: NavigationEventLike, legacyUrl?: string) => void {
  return (event, legacyUrl) => {
    // Electron ≥ 25 puts the URL on the event; the second argument is its deprecated twin.
    const url = event.url ?? legacyUrl ?? '';
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  };
}

/** The window-open handler: the app never opens a second window from the page. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The permission-request handler: camera, notifications, clipboard-read, … are all refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** The permission-check handler (synchronous queries such as `navigator.permissions`): always no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** The part of a response the CSP fence looks at. */
export interface ResponseLike {
  readonly url: string;
  readonly responseHeaders?: Record<string, string[]>;
}

/**
 * Adds the CSP to a response's headers, replacing any the response carried (under any casing).
 * DevTools' own pages are left alone: the policy would break them and they are not the app.
 */
export function withContentSecurityPolicy(details: ResponseLike): { responseHeaders: Record<string, string[]> } {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  if (!/^(devtools|chrome|chrome-extension):/.test(details.url)) headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return { responseHeaders: headers };
}

/** URL patterns of remote requests, all cancelled: the app loads nothing from the network. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * Fences on a web contents: navigation, redirects, new windows, <webview> attachment. Installed
 * for every web contents the app creates (from 'web-contents-created'), not only the main window.
 */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  const refuse = refuseNavigation(appUrl);
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', (event) => refuse(event));
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}

/**
 * Fences on a session: permissions refused, remote requests cancelled, the CSP on every response.
 *
 * Note: Chromium gives file:// pages no response headers, so for the app's own index.html the
 * header set here does not apply; the page must also carry the same policy in a
 * `<meta http-equiv="Content-Security-Policy">` (a test checks renderer/index.html).
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
  session.webRequest.onHeadersReceived((details, callback) => callback(withContentSecurityPolicy(details)));
}
