import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  refuseNavigation,
  withContentSecurityPolicy,
} from '../../../../electron/main/security';

const APP_URL = 'file:///opt/latent-studio/dist/renderer/index.html';

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('navigation fence', () => {
  const refuse = refuseNavigation(APP_URL);

  it('refuses a navigation to the web', () => {
    const event = navigation('https://evil.example/');
    refuse(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('refuses another local file', () => {
    const event = navigation('file:///etc/passwd');
    refuse(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('refuses javascript: and unparsable URLs', () => {
    for (const url of ['javascript:alert(1)', 'not a url', '']) {
      const event = navigation(url);
      refuse(event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
  });

  it("lets the app's own page through, whatever its hash or query", () => {
    for (const url of [APP_URL, `${APP_URL}#/graph`, `${APP_URL}?x=1`]) {
      const event = navigation(url);
      refuse(event);
      expect(event.preventDefault, url).not.toHaveBeenCalled();
    }
  });

  it('reads the deprecated url argument when the event has none', () => {
    const event = { preventDefault: vi.fn() };
    refuse(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('compares paths exactly, not as prefixes', () => {
    expect(isAppUrl('file:///opt/latent-studio/dist/renderer/index.html.evil', APP_URL)).toBe(false);
    expect(isAppUrl('file://host/opt/latent-studio/dist/renderer/index.html', APP_URL)).toBe(false);
  });
});

describe('windows and permissions', () => {
  it('denies every new window', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('content security policy', () => {
  it('has the strict directives', () => {
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(d);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });

  it("replaces a response's own policy, under any casing", () => {
    const { responseHeaders } = withContentSecurityPolicy({
      url: 'file:///app/index.html',
      responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
    });
    expect(responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(responseHeaders['content-security-policy']).toBeUndefined();
    expect(responseHeaders['Content-Type']).toEqual(['text/html']);
  });

  it("leaves DevTools' pages alone", () => {
    const { responseHeaders } = withContentSecurityPolicy({ url: 'devtools://devtools/bundled/devtools_app.html', responseHeaders: {} });
    expect(responseHeaders['Content-Security-Policy']).toBeUndefined();
  });

  // file:// pages get no response headers, so the header above never reaches index.html itself.
  const index = fileURLToPath(new URL('../../../../renderer/index.html', import.meta.url));
  it.skipIf(!existsSync(index))("is also in renderer/index.html as a meta tag (file:// pages get no headers)", () => {
    const html = readFileSync(index, 'utf8');
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1/i.exec(html);
    expect(meta, 'renderer/index.html has no <meta http-equiv="Content-Security-Policy" content="…">').not.toBeNull();
    // frame-ancestors is ignored (with a console warning) in a meta tag, so it may be left out there.
    const directives = (s: string) => s.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter((d) => d && !d.startsWith('frame-ancestors'));
    expect(directives(meta![2]!).sort()).toEqual(directives(CONTENT_SECURITY_POLICY).sort());
  });
});

describe('wiring', () => {
  it('hardens a web contents: navigation, redirects, frames, webviews, new windows', () => {
    const listeners = new Map<string, (...args: never[]) => void>();
    const contents = {
      on: vi.fn((name: string, fn: (...args: never[]) => void) => listeners.set(name, fn)),
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as never, APP_URL);
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(denyWindowOpen);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = navigation('https://evil.example/');
      (listeners.get(name) as (e: typeof event) => void)(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('hardens a session: permissions, remote requests, the CSP header', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
    };
    hardenSession(session as never);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);

    const [filter, cancel] = session.webRequest.onBeforeRequest.mock.calls[0]!;
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const cancelled = vi.fn();
    cancel({ url: 'https://example.com/' }, cancelled);
    expect(cancelled).toHaveBeenCalledWith({ cancel: true });

    const [onHeaders] = session.webRequest.onHeadersReceived.mock.calls[0]!;
    const done = vi.fn();
    onHeaders({ url: 'http://127.0.0.1/x', responseHeaders: {} }, done);
    expect(done.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
