import { describe, expect, it, vi } from 'vitest';
import { createApiHandler, registerApiIpc, type InvokeEventLike } from '../../../../electron/main/ipc';

const APP_URL = 'file:///opt/latent-studio/dist/renderer/index.html';
const appContents = { id: 1 };

function event(url: string, overrides: Partial<InvokeEventLike> = {}): InvokeEventLike {
  return { sender: appContents, senderFrame: { url, parent: null }, ...overrides };
}

function handler(dispatch = vi.fn(async () => ({ mode: 'desktop', appVersion: '0.1.0' }))) {
  return { dispatch, handle: createApiHandler({ appUrl: APP_URL, isAppWebContents: (s) => s === appContents, dispatch }) };
}

describe('the API channel', () => {
  it("accepts a call from the app's index.html and dispatches it", async () => {
    const { dispatch, handle } = handler();
    await expect(handle(event(APP_URL), { method: 'app.info', params: {} })).resolves.toEqual({ result: { mode: 'desktop', appVersion: '0.1.0' } });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('accepts the app page with a hash', async () => {
    const { handle } = handler();
    await expect(handle(event(`${APP_URL}#/editor`), { method: 'app.info', params: {} })).resolves.toHaveProperty('result');
  });

  it('rejects a call from a foreign page and never dispatches it', async () => {
    const { dispatch, handle } = handler();
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'file:///opt/latent-studio/dist/renderer/other.html', 'about:blank']) {
      await expect(handle(event(url), { method: 'app.info', params: {} }), url).rejects.toThrow(/refused an API call/);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('rejects a sub-frame, a frame that is gone, and another web contents', async () => {
    const { dispatch, handle } = handler();
    const payload = { method: 'app.info', params: {} };
    await expect(handle(event(APP_URL, { senderFrame: { url: APP_URL, parent: {} } }), payload)).rejects.toThrow(/sub-frame/);
    await expect(handle(event(APP_URL, { senderFrame: null }), payload)).rejects.toThrow(/gone/);
    await expect(handle(event(APP_URL, { sender: { id: 2 } }), payload)).rejects.toThrow(/not the app window/);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('rejects a payload that is not {method, params}', async () => {
    const { dispatch, handle } = handler();
    await expect(handle(event(APP_URL), 'app.info')).rejects.toThrow(/method, params/);
    await expect(handle(event(APP_URL), { method: 'fs.readFile', params: {} })).resolves.toEqual({
      error: { message: "unknown API method 'fs.readFile'", code: 'unknown-method' },
    });
    await expect(handle(event(APP_URL), { method: '__proto__', params: {} })).resolves.toHaveProperty('error.code', 'unknown-method');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it("returns a failing method's error with its code", async () => {
    class ApiError extends Error {
      constructor(readonly code: string, message: string) {
        super(message);
        this.name = 'ApiError';
      }
    }
    const { handle } = handler(vi.fn(async () => Promise.reject(new ApiError('invalid-params', 'files.read: invalid params: path: too long'))));
    await expect(handle(event(APP_URL), { method: 'files.read', params: { path: 'x'.repeat(5000) } })).resolves.toEqual({
      error: { message: 'files.read: invalid params: path: too long', code: 'invalid-params' },
    });
    const { handle: crashing } = handler(vi.fn(async () => Promise.reject(new TypeError('boom'))));
    await expect(crashing(event(APP_URL), { method: 'app.info', params: {} })).resolves.toEqual({ error: { message: 'boom', code: 'internal' } });
  });

  it('registers exactly one channel', () => {
    const ipcMain = { handle: vi.fn() };
    registerApiIpc(ipcMain, { appUrl: APP_URL, isAppWebContents: () => true, dispatch: vi.fn() });
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0]![0]).toBe('api');
  });
});
