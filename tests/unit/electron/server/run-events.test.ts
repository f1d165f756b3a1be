/**
 * Run events pushed over the WebSocket: a real server (startServer), clients that receive
 * `{"event": …}` messages, the subscription ended when a client leaves, inspections dropped for a
 * socket that is not keeping up (metrics never), and a real training run seen from a client.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { wsEventSchema, wsResponseSchema } from '../../../../shared/protocol/api';
import type { BackendEvent } from '../../../../shared/protocol/events';
import { type Backend, createBackend, createHandlers, type BackendEventSource } from '../../../../electron/api/handlers';
import { startServer, type RunningServer } from '../../../../electron/server/server';
import { INSPECTION_BACKLOG_BYTES, pushEvents } from '../../../../electron/server/ws-api';
import { tinyVae } from '../../../helpers/tiny-graphs';

const examplesDir = fileURLToPath(new URL('../../../../assets/examples', import.meta.url));
const TIMEOUT_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'ls-run-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An event source the test drives by hand. */
class Source implements BackendEventSource {
  readonly listeners = new Set<(e: BackendEvent) => void>();
  subscribe(listener: (e: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(e: BackendEvent): void {
    for (const l of this.listeners) l(e);
  }
}

function connect(server: RunningServer): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Collects a socket's pushed events (each checked against wsEventSchema) and its responses apart. */
function collect(ws: WebSocket) {
  const events: BackendEvent[] = [];
  const responses: unknown[] = [];
  const waiters: { test: (e: BackendEvent) => boolean; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    const raw = JSON.parse(String(data)) as object;
    if ('event' in raw) {
      const { event } = wsEventSchema.parse(raw);
      events.push(event);
      for (const w of waiters.splice(0)) (w.test(event) ? w.resolve : () => waiters.push(w))();
    } else responses.push(wsResponseSchema.parse(raw));
  });
  const until = (test: (e: BackendEvent) => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (events.some(test)) return resolve();
      const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), TIMEOUT_MS);
      waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return { events, responses, until };
}

const RUN = { id: 'r1', name: 'Run 1', graphName: 'g.json', createdAt: 1, status: 'running' as const, settings: { backend: 'cpu' as const }, step: 0, checkpointStep: null, networks: [] };

describe('pushing run events', () => {
  const source = new Source();
  let server: RunningServer;
  beforeAll(async () => {
    mkdirSync(join(dir, 'p1'));
    server = await startServer({ staticDir: dir, handlers: createHandlers({ mode: 'web', projectDir: join(dir, 'p1'), examplesDir }), events: source });
  });
  afterAll(() => server?.close());

  it('sends every event to every connected client, and stops when a client leaves', async () => {
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    const [ca, cb] = [collect(a), collect(b)];
    expect(source.listeners.size).toBe(2);
    const sent: BackendEvent[] = [
      { type: 'run.updated', run: RUN },
      { type: 'run.metrics', runId: 'r1', metrics: [{ step: 10, totalSteps: 20, elbo: -1, reconstruction: -1, kl: {}, learningRate: 0.1, stepsPerSec: 3 }] },
      { type: 'run.deleted', runId: 'r1' },
    ];
    for (const e of sent) source.emit(e);
    await Promise.all([ca.until((e) => e.type === 'run.deleted'), cb.until((e) => e.type === 'run.deleted')]);
    expect(ca.events).toEqual(sent);
    expect(cb.events).toEqual(sent);
    a.close();
    await new Promise<void>((r) => a.once('close', () => r()));
    await expect.poll(() => source.listeners.size).toBe(1);
    b.terminate();
    await expect.poll(() => source.listeners.size).toBe(0);
  });

  it('drops inspections, never metrics, for a socket whose send buffer is backed up', () => {
    const sent: string[] = [];
    const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (t: string) => sent.push(t) };
    const local = new Source();
    pushEvents(socket as unknown as WebSocket, local);
    const inspection: BackendEvent = { type: 'run.inspection', runId: 'r1', inspection: { step: 10 } };
    const metrics: BackendEvent = { type: 'run.metrics', runId: 'r1', metrics: [{ step: 10, totalSteps: 20, elbo: -1, reconstruction: -1, kl: {}, learningRate: 0.1, stepsPerSec: 3 }] };
    local.emit(inspection);
    socket.bufferedAmount = INSPECTION_BACKLOG_BYTES + 1;
    local.emit(inspection);
    local.emit(metrics);
    local.emit({ type: 'run.updated', run: RUN });
    socket.readyState = 3; // closed: nothing more is sent
    local.emit(metrics);
    expect(sent.map((t) => JSON.parse(t).event.type)).toEqual(['run.inspection', 'run.metrics', 'run.updated']);
  });
});

describe('a training run seen from a WebSocket client', () => {
  let backend: Backend;
  let server: RunningServer;
  beforeAll(async () => {
    mkdirSync(join(dir, 'p2'));
    backend = createBackend({ mode: 'web', projectDir: join(dir, 'p2'), examplesDir });
    server = await startServer({ staticDir: dir, handlers: backend.handlers, events: backend.events });
  });
  afterAll(async () => {
    await backend?.dispose();
    await server?.close();
  });

  it('receives the run’s updates, metrics, evaluations and inspections as it trains', async () => {
    const ws = await connect(server);
    const c = collect(ws);
    ws.send(JSON.stringify({ id: 1, method: 'runs.start', params: { graphText: serializeGraphFile(tinyVae({ evalEvery: 50 })), settings: { steps: 100, backend: 'cpu' } } }));
    await c.until((e) => e.type === 'run.updated' && e.run.status === 'done');
    const [reply] = c.responses as { id: number; result: { id: string } }[];
    expect(reply!.id).toBe(1);
    const runId = reply!.result.id;
    const statuses = c.events.flatMap((e) => (e.type === 'run.updated' && e.run.id === runId ? [e.run.status] : []));
    expect(statuses[0]).toBe('starting');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('done');
    const steps = c.events.flatMap((e) => (e.type === 'run.metrics' ? e.metrics.map((m) => m.step) : []));
    expect(steps).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(c.events.filter((e) => e.type === 'run.eval').map((e) => (e as { eval: { step: number } }).eval.step)).toEqual([50, 100]);
    expect(c.events.some((e) => e.type === 'run.inspection')).toBe(true);
    ws.terminate();
  });
});
