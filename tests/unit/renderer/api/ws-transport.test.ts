import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError } from '../../../../renderer/api/api-error';
import { apiSocketUrl, createWsTransport, type ConnectionStatus, type SocketConstructor, type WsTransport } from '../../../../renderer/api/ws-transport';
import { rejection } from '../../../helpers/rejection';

/**
 * A tiny stand-in for the web-mode server: answers per method, so each test can provoke one
 * behaviour (a result, an error, a bad result, silence, a dropped connection).
 */
let server: WebSocketServer;
let port: number;
let connections: { url: string }[];
let received: { id: number; method: string; params: unknown }[];
let transport: WsTransport | undefined;
let statuses: ConnectionStatus[];

beforeEach(async () => {
  connections = [];
  received = [];
  statuses = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
  server.on('connection', (socket, request) => {
    connections.push({ url: request.url ?? '' });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: number; method: string; params: unknown };
      received.push(message);
      const reply = (body: object) => socket.send(JSON.stringify({ id: message.id, ...body }));
      switch (message.method) {
        case 'app.info':
          return reply({ result: { mode: 'web', appVersion: '0.1.0', projectDir: '/p' } });
        case 'graph.validate':
          return reply({ error: { message: 'graph.validate: invalid params: text: too long', code: 'invalid-params' } });
        case 'examples.list':
          return reply({ result: [{ id: 1 }] });
        case 'files.list':
          // Answers after a delay, so a later call overtakes it.
          return void setTimeout(() => reply({ result: [] }), 50);
        case 'recovery.clear':
          return socket.terminate();
        case 'recovery.write':
          return socket.send('not json at all');
        default:
          return; // recovery.read: silence
      }
    });
  });
});

afterEach(async () => {
  transport?.close();
  transport = undefined;
  for (const client of server.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function connect(options: { timeoutMs?: number; url?: string } = {}): WsTransport {
  transport = createWsTransport({
    url: options.url ?? `ws://127.0.0.1:${port}/api?token=abc`,
    WebSocket: WebSocket as unknown as SocketConstructor,
    timeoutMs: options.timeoutMs ?? 2000,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
    onStatus: (s) => statuses.push(s),
  });
  return transport;
}

const failure = (p: Promise<unknown>): Promise<ApiError> => rejection(p, ApiError);

describe('WebSocket transport', () => {
  it('sends a request with an id and resolves with the validated result', async () => {
    const api = connect();
    await expect(api.call('app.info', {})).resolves.toEqual({ mode: 'web', appVersion: '0.1.0', projectDir: '/p' });
    expect(received).toEqual([{ id: expect.any(Number), method: 'app.info', params: {} }]);
    expect(connections[0]!.url).toBe('/api?token=abc');
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('matches responses to requests by id, whatever their order', async () => {
    const api = connect();
    const slow = api.call('files.list', {});
    const fast = api.call('app.info', {});
    await expect(fast).resolves.toHaveProperty('mode', 'web');
    await expect(slow).resolves.toEqual([]);
    expect(new Set(received.map((r) => r.id)).size).toBe(2);
    expect(connections).toHaveLength(1);
  });

  it("surfaces an error response as an Error with the server's message and code", async () => {
    const error = await failure(connect().call('graph.validate', { text: '{}' }));
    expect(error.message).toBe('graph.validate: invalid params: text: too long');
    expect(error.code).toBe('invalid-params');
  });

  it('fails a call whose result does not match the schema', async () => {
    const error = await failure(connect().call('examples.list', {}));
    expect(error.code).toBe('invalid-result');
    expect(error.message).toMatch(/^examples\.list: the back end sent an invalid result: 0\.id/);
  });

  it('times out a call that gets no answer, and keeps the connection', async () => {
    const api = connect({ timeoutMs: 150 });
    const error = await failure(api.call('recovery.read', {}));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/recovery\.read: no answer within 0\.15 s/);
    // The connection is still good.
    await expect(api.call('app.info', {})).resolves.toHaveProperty('mode', 'web');
  });

  it('times out with a clear message when it cannot connect at all', async () => {
    const error = await failure(connect({ timeoutMs: 200, url: 'ws://127.0.0.1:1/api' }).call('app.info', {}));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/no connection to the back end/);
  });

  it('ignores a message that is not JSON (the call then times out)', async () => {
    const error = await failure(connect({ timeoutMs: 150 }).call('recovery.write', { text: 'x' }));
    expect(error.code).toBe('timeout');
  });

  it('fails calls in flight when the connection drops, then reconnects for the next call', async () => {
    const api = connect();
    const error = await failure(api.call('recovery.clear', {}));
    expect(error.code).toBe('disconnected');
    await expect(api.call('app.info', {})).resolves.toHaveProperty('mode', 'web');
    expect(connections.length).toBe(2);
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('reconnects by itself with backoff after the connection drops', async () => {
    const api = connect();
    await api.call('app.info', {});
    for (const client of server.clients) client.terminate();
    await expect.poll(() => connections.length, { timeout: 2000 }).toBe(2);
    await expect.poll(() => statuses.at(-1)).toBe('open');
  });

  it('refuses an unknown method or bad params without sending anything', async () => {
    const api = connect();
    expect((await failure(api.call('fs.readFile' as 'app.info', {}))).code).toBe('unknown-method');
    expect((await failure(api.call('files.read', { path: 7 } as never))).code).toBe('invalid-params');
    expect(received).toEqual([]);
    expect(connections).toEqual([]);
  });

  it('fails waiting calls when closed, and every call after', async () => {
    const api = connect();
    const waiting = api.call('recovery.read', {});
    await expect.poll(() => received.length).toBe(1);
    api.close();
    expect((await failure(waiting)).code).toBe('disconnected');
    expect((await failure(api.call('app.info', {}))).code).toBe('disconnected');
  });
});

describe('WebSocket transport: pushed run events', () => {
  const metrics = { type: 'run.metrics', runId: 'r1', metrics: [{ step: 10, totalSteps: 100, elbo: -120.5, reconstruction: -110, kl: { z: 10.5 }, learningRate: 0.001, stepsPerSec: 40 }] };

  it('connects when someone listens and hands each valid event to every listener, in order', async () => {
    const t = connect();
    const a: unknown[] = [];
    const b: unknown[] = [];
    t.onEvent((e) => a.push(e));
    const stop = t.onEvent((e) => b.push(e));
    await waitFor(() => server.clients.size === 1);
    const [socket] = [...server.clients];
    socket!.send(JSON.stringify({ event: metrics }));
    socket!.send(JSON.stringify({ event: { type: 'run.deleted', runId: 'r1' } }));
    await waitFor(() => a.length === 2);
    expect(a).toEqual([metrics, { type: 'run.deleted', runId: 'r1' }]);
    expect(b).toEqual(a);
    stop();
    socket!.send(JSON.stringify({ event: { type: 'run.deleted', runId: 'r2' } }));
    await waitFor(() => a.length === 3);
    expect(b).toHaveLength(2);
  });

  it('drops a malformed event without disturbing calls', async () => {
    const t = connect();
    const got: unknown[] = [];
    t.onEvent((e) => got.push(e));
    await waitFor(() => server.clients.size === 1);
    const [socket] = [...server.clients];
    socket!.send(JSON.stringify({ event: { type: 'run.metrics', runId: 'r1', metrics: [] } }));
    socket!.send(JSON.stringify({ event: { type: 'no.such.event' } }));
    expect(await t.call('app.info', {})).toEqual({ mode: 'web', appVersion: '0.1.0', projectDir: '/p' });
    socket!.send(JSON.stringify({ event: metrics }));
    await waitFor(() => got.length === 1);
    expect(got).toEqual([metrics]);
  });
});

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('apiSocketUrl', () => {
  it("uses the page's origin, /api and the page's token", () => {
    expect(apiSocketUrl('http://127.0.0.1:8123/?token=s3cr%2Bt#/graph')).toBe('ws://127.0.0.1:8123/api?token=s3cr%2Bt');
    expect(apiSocketUrl('https://studio.local/app/index.html?token=t')).toBe('wss://studio.local/api?token=t');
  });

  it('sends no token when the page has none (the server may have set a cookie)', () => {
    expect(apiSocketUrl('http://localhost:9000/')).toBe('ws://localhost:9000/api');
  });
});
