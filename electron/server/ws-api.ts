import type { RawData, WebSocket } from 'ws';
import { wsRequestSchema } from '../../shared/protocol/api';
import type { BackendEvent } from '../../shared/protocol/events';
import { ApiError, dispatch, type Handlers, type BackendEventSource } from '../api/handlers';

/**
 * Above this many bytes waiting in a socket's send buffer, inspections (large, and superseded by
 * the next one a few seconds later) are dropped for that socket; metrics and status events are
 * always sent, since a chart with holes or a missed "stopped" would be wrong, not just late.
 */
export const INSPECTION_BACKLOG_BYTES = 8 * 1024 * 1024;

/** A response as wsResponseSchema describes it. */
type WsResponse = { id: number; result: unknown } | { id: number; error: { message: string; code: string } };

/** The id a response to an unreadable request carries: none could be read. */
const NO_ID = -1;

/** The request id of a message that failed validation, if it has a usable one. */
function idOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : NO_ID;
}

function errorResponse(id: number, code: string, message: string): WsResponse {
  return { id, error: { code, message } };
}

/** Answers one message; never throws, whatever arrives. */
export async function answer(handlers: Handlers, data: RawData, isBinary: boolean): Promise<WsResponse> {
  if (isBinary) return errorResponse(NO_ID, 'bad-request', 'binary messages are not accepted: send JSON text');
  let raw: unknown;
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return errorResponse(NO_ID, 'bad-request', 'the message is not valid JSON');
  }
  const request = wsRequestSchema.safeParse(raw);
  if (!request.success) {
    return errorResponse(idOf(raw), 'bad-request', 'a request is {"id": <whole number ≥ 0>, "method": <string>, "params": <object>} and nothing else');
  }
  const { id, method, params } = request.data;
  try {
    return { id, result: await dispatch(handlers, method, params) };
  } catch (e) {
    if (e instanceof ApiError) return errorResponse(id, e.code, e.message);
    return errorResponse(id, 'internal', e instanceof Error ? e.message : String(e));
  }
}

/** Each event's JSON, made once however many sockets send it. */
const eventTexts = new WeakMap<BackendEvent, string>();

function eventText(event: BackendEvent): string {
  let text = eventTexts.get(event);
  if (text === undefined) {
    text = JSON.stringify({ event });
    eventTexts.set(event, text);
  }
  return text;
}

/**
 * Pushes run events to one socket as `{"event": …}` text messages (wsEventSchema) until it closes;
 * returns the function that stops.
 */
export function pushEvents(socket: WebSocket, events: BackendEventSource): () => void {
  return events.subscribe((event) => {
    if (socket.readyState !== socket.OPEN) return;
    if (event.type === 'run.inspection' && socket.bufferedAmount > INSPECTION_BACKLOG_BYTES) return;
    socket.send(eventText(event));
  });
}

/**
 * Serves the API on one WebSocket connection: each text message is a request, answered when its
 * handler finishes (requests run concurrently; ids tie answers to requests), and run events are
 * pushed to it while it is open. A broken message gets an error response; a broken frame makes
 * `ws` close this connection, and the error event is handled so it never takes the server down.
 */
export function serveApiSocket(socket: WebSocket, handlers: Handlers, events?: BackendEventSource): void {
  socket.on('error', () => socket.terminate());
  if (events) {
    const unsubscribe = pushEvents(socket, events);
    socket.on('close', unsubscribe);
  }
  socket.on('message', (data, isBinary) => {
    void answer(handlers, data, isBinary).then((response) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
    });
  });
}
