import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../../renderer/api/api-error';
import { findDesktopBridge, type DesktopBridge } from '../../../../renderer/api/desktop-bridge';
import { createIpcTransport } from '../../../../renderer/api/ipc-transport';
import { rejection } from '../../../helpers/rejection';

function bridge(reply: (method: string, params: unknown) => Promise<unknown>): DesktopBridge & { call: ReturnType<typeof vi.fn> } {
  return { call: vi.fn(reply), onMenu: vi.fn(() => () => undefined), onEvent: vi.fn(() => () => undefined) };
}

const failure = (p: Promise<unknown>): Promise<ApiError> => rejection(p, ApiError);

describe('IPC transport', () => {
  it('calls through the bridge and resolves with the validated result', async () => {
    const b = bridge(async () => ({ result: { mode: 'desktop', appVersion: '0.1.0' } }));
    await expect(createIpcTransport(b).call('app.info', {})).resolves.toEqual({ mode: 'desktop', appVersion: '0.1.0' });
    expect(b.call).toHaveBeenCalledWith('app.info', {});
  });

  it("surfaces main's error reply with its message and code", async () => {
    const b = bridge(async () => ({ error: { message: 'cannot read /x.json: no such file', code: 'not-found' } }));
    const error = await failure(createIpcTransport(b).call('files.read', { path: '/x.json' }));
    expect(error.message).toBe('cannot read /x.json: no such file');
    expect(error.code).toBe('not-found');
  });

  it('fails a result that does not match the schema', async () => {
    const b = bridge(async () => ({ result: { mode: 'server' } }));
    expect((await failure(createIpcTransport(b).call('app.info', {}))).code).toBe('invalid-result');
  });

  it('fails a reply that is neither {result} nor {error}', async () => {
    const b = bridge(async () => 'hello');
    expect((await failure(createIpcTransport(b).call('app.info', {}))).code).toBe('invalid-response');
  });

  it("strips Electron's prefix from a refused call", async () => {
    const b = bridge(async () => {
      throw new Error("Error invoking remote method 'api': ForeignSenderError: refused an API call from a sub-frame");
    });
    const error = await failure(createIpcTransport(b).call('app.info', {}));
    expect(error.code).toBe('refused');
    expect(error.message).toBe('refused an API call from a sub-frame');
  });

  it('refuses bad params before calling the bridge', async () => {
    const b = bridge(async () => ({ result: {} }));
    expect((await failure(createIpcTransport(b).call('files.write', { text: 7 } as never))).code).toBe('invalid-params');
    expect(b.call).not.toHaveBeenCalled();
  });
});

describe('IPC transport: pushed run events', () => {
  it('passes valid run events to the listener and drops invalid ones; unsubscribes through the bridge', () => {
    let push: ((e: unknown) => void) | undefined;
    const off = vi.fn();
    const b: DesktopBridge = { call: vi.fn(), onMenu: vi.fn(() => () => undefined), onEvent: vi.fn((cb: (e: unknown) => void) => ((push = cb), off)) };
    const got: unknown[] = [];
    const stop = createIpcTransport(b).onEvent((e) => got.push(e));
    push!({ type: 'run.deleted', runId: 'a1' });
    push!({ type: 'run.deleted', runId: '../etc' });
    push!({ type: 'run.eval', runId: 'a1', eval: { step: 5, valElbo: -99.5, valAccuracy: {} } });
    push!('garbage');
    expect(got).toEqual([
      { type: 'run.deleted', runId: 'a1' },
      { type: 'run.eval', runId: 'a1', eval: { step: 5, valElbo: -99.5, valAccuracy: {} } },
    ]);
    stop();
    expect(off).toHaveBeenCalledOnce();
  });
});

describe('desktop bridge', () => {
  it('is found only when the preload put a complete one there', () => {
    const b = bridge(async () => undefined);
    expect(findDesktopBridge({ latentStudio: b })).toBe(b);
    expect(findDesktopBridge({})).toBeUndefined();
    expect(findDesktopBridge({ latentStudio: { call: () => undefined } })).toBeUndefined();
    expect(findDesktopBridge({ latentStudio: { call: () => undefined, onMenu: () => undefined } })).toBeUndefined();
    expect(findDesktopBridge(undefined)).toBeUndefined();
  });
});
