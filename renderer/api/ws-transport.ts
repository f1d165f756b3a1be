/**
 * The web-mode transport: API calls over one WebSocket to the server that served the page.
 *
 * Requests carry ids and wait in a pending map for their response; each has a timeout. The socket
 * is opened on the first call and, if it drops, reopened with exponential backoff until the
 * transport is closed. Calls made while it is down wait for the next connection (within their
 * timeout); calls already sent when it dropped fail, since nobody knows whether they ran.
 *
 * Environment-neutral on purpose (no `window`, no DOM globals): the WebSocket constructor is
 * injected, so tests run it in Node against the `ws` package.
 */
import { wsEventSchema, wsResponseSchema, type ApiClient, type Method, type Params, type Result } from '../../shared/protocol/api';
import type { BackendEvent } from '../../shared/protocol/events';
import { ApiError } from './api-error';
import { checkParams, checkResult } from './check-result';

/** The part of a WebSocket the transport uses (the browser's and the `ws` package's both fit). */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket constructor. */
export type SocketConstructor = new (url: string) => SocketLike;

/** The connection's state, for a "reconnecting…" indicator. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** How the transport connects and how patient it is. */
export interface WsTransportOptions {
  /** ws:// or wss:// URL of the API socket, token included (see {@link apiSocketUrl}). */
  readonly url: string;
  /** The WebSocket constructor; defaults to the global one (browsers). */
  readonly WebSocket?: SocketConstructor;
  /** How long a call may wait for its answer, connecting included. */
  readonly timeoutMs?: number;
  /** First reconnection delay; it doubles after each failed attempt… */
  readonly reconnectInitialMs?: number;
  /** …up to this. */
  readonly reconnectMaxMs?: number;
  /** Called when the connection opens, drops or starts connecting. */
  readonly onStatus?: (status: ConnectionStatus) => void;
}

/** An ApiClient over a WebSocket, which can be closed (tests, page unload). */
export interface WsTransport extends ApiClient {
  /** Closes the socket, stops reconnecting and fails every waiting call. */
  close(): void;
}

/** The socket URL for a page: same origin, path /api, and the page's `token` query param if it has one. */
export function apiSocketUrl(pageUrl: string): string {
  const page = new URL(pageUrl);
  const url = new URL('/api', page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = page.searchParams.get('token');
  // Without a token in the URL the server may still accept the cookie it set when serving the page.
  if (token) url.searchParams.set('token', token);
  return url.href;
}

interface Call {
  readonly method: Method;
  readonly text: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

/** Creates the transport; nothing connects until the first call. */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: SocketConstructor }).WebSocket;
  if (!Socket) throw new Error('no WebSocket implementation is available');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const initialDelay = options.reconnectInitialMs ?? 250;
  const maxDelay = options.reconnectMaxMs ?? 10_000;

  const calls = new Map<number, Call>();
  const listeners = new Set<(event: BackendEvent) => void>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let isOpen = false;
  let failedAttempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const settle = (id: number): Call | undefined => {
    const call = calls.get(id);
    if (!call) return undefined;
    calls.delete(id);
    clearTimeout(call.timer);
    return call;
  };

  const flush = (): void => {
    if (!socket || !isOpen) return;
    for (const call of calls.values()) {
      if (call.sent) continue;
      call.sent = true;
      socket.send(call.text);
    }
  };

  const receive = (data: unknown): void => {
    // The protocol is JSON text; anything else cannot be matched to a call and is dropped.
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    if (raw !== null && typeof raw === 'object' && 'event' in raw) {
      // Pushed by the back end, not an answer: an invalid one is dropped (nobody waits for it).
      const pushed = wsEventSchema.safeParse(raw);
      if (pushed.success) {
        for (const listener of [...listeners]) {
          try {
            listener(pushed.data.event);
          } catch (e) {
            console.error('an event listener threw:', e);
          }
        }
      }
      return;
    }
    const response = wsResponseSchema.safeParse(raw);
    if (!response.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      const call = typeof id === 'number' && calls.get(id)?.sent ? settle(id) : undefined;
      call?.reject(new ApiError('invalid-response', `${call.method}: the back end sent a malformed response`));
      return;
    }
    const { id } = response.data;
    // An answer that arrives after its call timed out (or to nothing we sent) is ignored.
    if (!calls.get(id)?.sent) return;
    const call = settle(id)!;
    if ('error' in response.data) {
      call.reject(new ApiError(response.data.error.code, response.data.error.message));
      return;
    }
    try {
      call.resolve(checkResult(call.method, response.data.result));
    } catch (e) {
      call.reject(e as Error);
    }
  };

  const scheduleReconnect = (): void => {
    if (closed || reconnectTimer) return;
    const delay = Math.min(maxDelay, initialDelay * 2 ** failedAttempts);
    failedAttempts += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const connect = (): void => {
    if (closed || socket) return;
    options.onStatus?.('connecting');
    let ws: SocketLike;
    try {
      ws = new Socket(options.url);
    } catch {
      // A malformed URL throws synchronously in browsers; treat it as a failed attempt.
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      isOpen = true;
      failedAttempts = 0;
      options.onStatus?.('open');
      flush();
    };
    ws.onmessage = (event) => {
      if (socket === ws) receive(event.data);
    };
    // An error is always followed by a close event, which does the work.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      isOpen = false;
      for (const [id, call] of calls) {
        if (call.sent) settle(id)?.reject(new ApiError('disconnected', `${call.method}: the connection to the back end was lost before it answered`));
      }
      options.onStatus?.('closed');
      scheduleReconnect();
    };
  };

  return {
    call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      return new Promise<Result<M>>((resolve, reject) => {
        if (closed) return reject(new ApiError('disconnected', 'the API client is closed'));
        const bad = checkParams(method, params);
        if (bad) return reject(bad);
        const id = nextId++;
        let text: string;
        try {
          text = JSON.stringify({ id, method, params });
        } catch (e) {
          return reject(new ApiError('invalid-params', `${method}: params cannot be sent as JSON (${(e as Error).message})`));
        }
        const timer = setTimeout(() => {
          const call = settle(id);
          if (!call) return;
          const why = isOpen ? `no answer within ${timeoutMs / 1000} s` : `no connection to the back end within ${timeoutMs / 1000} s`;
          call.reject(new ApiError('timeout', `${method}: ${why}`));
        }, timeoutMs);
        calls.set(id, { method, text, resolve: resolve as (value: unknown) => void, reject, timer, sent: false });
        if (isOpen) flush();
        else connect();
      });
    },
    onEvent(listener: (event: BackendEvent) => void): () => void {
      listeners.add(listener);
      // Events flow only over an open socket: listening is a reason to connect.
      if (!isOpen) connect();
      return () => {
        listeners.delete(listener);
      };
    },
    close(): void {
      if (closed) return;
      listeners.clear();
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      for (const id of [...calls.keys()]) settle(id)?.reject(new ApiError('disconnected', 'the API client was closed'));
      const ws = socket;
      socket = null;
      isOpen = false;
      ws?.close(1000, 'client closed');
    },
  };
}
