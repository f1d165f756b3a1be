/**
 * The only IPC channels between main and the page. Named once here so main and the preload
 * cannot drift apart.
 */

/** Renderer → main (invoke): one API call, `{ method, params }`; answered with an {@link IpcReply}. */
export const API_CHANNEL = 'api';

/** Main → renderer (send): a menu command, checked by `isMenuMessage` before the page sees it. */
export const MENU_CHANNEL = 'menu';

/** Main → renderer (send): a back-end event, of a run or of the estimator lab (shared/protocol/events.ts), checked with backendEventSchema before the page sees it. */
export const EVENT_CHANNEL = 'backend-event';

/**
 * Main's answer to an API call. Failures travel as data rather than as a rejected invoke because
 * Electron flattens a thrown error to a prefixed message and drops its code; this keeps the same
 * `{result} | {error: {message, code}}` shape as the WebSocket transport.
 */
export type IpcReply = { readonly result: unknown } | { readonly error: { readonly message: string; readonly code: string } };
