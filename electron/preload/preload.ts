/**
 * The preload: the page's only door to the back end, exposed as `window.latentStudio`.
 *
 * It runs sandboxed (bundled to one CommonJS file; only 'electron' may be required) and exposes a
 * small domain surface, never `ipcRenderer` or any Node object: `call` forwards API method names
 * the protocol knows, `onMenu` relays menu commands that pass the shared check, `onEvent`
 * relays back-end events (runs, the estimator lab) that pass backendEventSchema. Main checks the sender and validates every payload
 * again; this is the first of two fences, not the only one.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMethod } from '../../shared/protocol/api';
import { API_CHANNEL, MENU_CHANNEL, EVENT_CHANNEL } from './channels';
import { isMenuMessage, type MenuMessage } from '../../shared/protocol/menu';
import { type BackendEvent, backendEventSchema } from '../../shared/protocol/events';

/** The object the page sees as `window.latentStudio`. */
export interface LatentStudioBridge {
  /** Calls an API method; resolves with main's `{result}` or `{error}` reply (the renderer validates it). */
  call(method: string, params: unknown): Promise<unknown>;
  /** Subscribes to menu commands; returns the function that unsubscribes. */
  onMenu(callback: (message: MenuMessage) => void): () => void;
  /** Subscribes to the run and lab events pushed by main; returns the function that unsubscribes. */
  onEvent(callback: (event: BackendEvent) => void): () => void;
}

/** Builds the bridge around an `ipcRenderer`; exported so tests can drive it without Electron. */
export function createBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): LatentStudioBridge {
  return {
    call(method: string, params: unknown): Promise<unknown> {
      // Refuse here, before anything is sent, so the page cannot use this door to probe main.
      if (typeof method !== 'string' || !isMethod(method)) {
        return Promise.reject(new Error(`unknown API method '${String(method)}'`));
      }
      return ipc.invoke(API_CHANNEL, { method, params });
    },
    onMenu(callback: (message: MenuMessage) => void): () => void {
      if (typeof callback !== 'function') throw new TypeError('onMenu needs a function');
      // The IPC event is never passed on: it carries `sender`, which is ipcRenderer itself.
      const listener = (_event: IpcRendererEvent, message: unknown): void => {
        if (!isMenuMessage(message)) return;
        callback(message.path === undefined ? { command: message.command } : { command: message.command, path: message.path });
      };
      ipc.on(MENU_CHANNEL, listener);
      return () => {
        ipc.removeListener(MENU_CHANNEL, listener);
      };
    },
    onEvent(callback: (event: BackendEvent) => void): () => void {
      if (typeof callback !== 'function') throw new TypeError('onEvent needs a function');
      const listener = (_event: IpcRendererEvent, message: unknown): void => {
        // The parse copies what the schema knows into fresh objects: nothing else reaches the page.
        const parsed = backendEventSchema.safeParse(message);
        if (parsed.success) callback(parsed.data);
      };
      ipc.on(EVENT_CHANNEL, listener);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, listener);
      };
    },
  };
}

contextBridge.exposeInMainWorld('latentStudio', createBridge(ipcRenderer));
