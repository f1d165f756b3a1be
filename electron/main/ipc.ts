/**
 * The main-process end of the API channel: one `ipcMain.handle('api')` whose handler checks who
 * is calling before anything else, then hands the call to the shared dispatcher (which validates
 * the params and the result with the protocol's zod schemas).
 */
import type { IpcMain } from 'electron';
import { isMethod } from '../../shared/protocol/api';
import { API_CHANNEL, type IpcReply } from '../preload/channels';
import { isAppUrl } from './security';

/** The parts of an `IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** What the API handler needs to know about the app. */
export interface ApiIpcOptions {
  /** The file:// URL of the app's index.html. */
  readonly appUrl: string;
  /** Whether a web contents is one of this app's windows (main passes its window's web contents). */
  readonly isAppWebContents: (sender: unknown) => boolean;
  /** Runs a method: the shared dispatcher, which validates params and result. */
  readonly dispatch: (method: string, params: unknown) => Promise<unknown>;
}

/** Thrown (and so rejected to the caller) when a call comes from anywhere but the app's page. */
export class ForeignSenderError extends Error {
  constructor(what: string) {
    super(`refused an API call from ${what}`);
    this.name = 'ForeignSenderError';
  }
}

/**
 * Throws unless the call comes from the top frame of one of the app's windows, showing the app's
 * own index.html. A frame that navigated elsewhere (or an iframe, or a frame already gone) is refused.
 */
export function assertAppSender(event: InvokeEventLike, options: Pick<ApiIpcOptions, 'appUrl' | 'isAppWebContents'>): void {
  if (!options.isAppWebContents(event.sender)) throw new ForeignSenderError('a web contents that is not the app window');
  const frame = event.senderFrame;
  if (frame === null) throw new ForeignSenderError('a frame that is gone');
  if (frame.parent !== null) throw new ForeignSenderError('a sub-frame');
  if (!isAppUrl(frame.url, options.appUrl)) throw new ForeignSenderError(`a page that is not the app (${frame.url})`);
}

/**
 * The handler of the API channel, as a plain `(event, payload)` function. A foreign sender or a
 * malformed envelope is thrown (the invoke rejects); a failing method comes back as
 * `{error: {message, code}}` so the renderer gets the same shape as over the WebSocket.
 */
export function createApiHandler(options: ApiIpcOptions): (event: InvokeEventLike, payload: unknown) => Promise<IpcReply> {
  return async (event, payload) => {
    assertAppSender(event, options);
    if (typeof payload !== 'object' || payload === null) throw new TypeError('an API call is {method, params}');
    const { method, params } = payload as { method?: unknown; params?: unknown };
    if (typeof method !== 'string' || !isMethod(method)) {
      return { error: { message: `unknown API method '${String(method)}'`, code: 'unknown-method' } };
    }
    try {
      return { result: await options.dispatch(method, params) };
    } catch (e) {
      return { error: toErrorBody(e) };
    }
  };
}

/** An error as the renderer sees it: the dispatcher's ApiError keeps its code, anything else is 'internal'. */
function toErrorBody(e: unknown): { message: string; code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return { message, code: e instanceof Error && e.name === 'ApiError' && typeof code === 'string' ? code : 'internal' };
}

/** Registers the handler on the API channel (the only channel main answers). */
export function registerApiIpc(ipcMain: Pick<IpcMain, 'handle'>, options: ApiIpcOptions): void {
  const handler = createApiHandler(options);
  ipcMain.handle(API_CHANNEL, (event, payload: unknown) => handler(event, payload));
}
