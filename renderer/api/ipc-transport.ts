/**
 * The desktop transport: API calls through the preload's `window.latentStudio.call`, which
 * forwards them to the main process over Electron IPC.
 */
import { z } from 'zod';
import type { ApiClient, Method, Params, Result } from '../../shared/protocol/api';
import { ApiError } from './api-error';
import { checkParams, checkResult } from './check-result';
import type { DesktopBridge } from './desktop-bridge';
import { backendEventSchema, type BackendEvent } from '../../shared/protocol/events';

/** Main's reply: the result, or the error with its code (a failure travels as data over IPC). */
const replySchema = z.union([
  z.object({ error: z.object({ message: z.string(), code: z.string() }) }).strict(),
  z.object({ result: z.unknown() }).strict(),
]);

/**
 * Electron turns an error thrown in main into "Error invoking remote method 'api': Error: …";
 * only the last part means anything to the user.
 */
function invokeMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}

/** An ApiClient over the desktop bridge; results are validated on arrival. */
export function createIpcTransport(bridge: DesktopBridge): ApiClient {
  return {
    async call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      const bad = checkParams(method, params);
      if (bad) throw bad;
      let raw: unknown;
      try {
        raw = await bridge.call(method, params);
      } catch (e) {
        // Only refusals reach here (the preload or main's sender check); method failures are replies.
        throw new ApiError('refused', invokeMessage(e));
      }
      const reply = replySchema.safeParse(raw);
      if (!reply.success) throw new ApiError('invalid-response', `${method}: the back end sent a malformed reply`);
      if ('error' in reply.data) throw new ApiError(reply.data.error.code, reply.data.error.message);
      return checkResult(method, reply.data.result);
    },
    onEvent(listener: (event: BackendEvent) => void): () => void {
      // The preload validated the event; validated again here, as everything arriving is.
      return bridge.onEvent((raw) => {
        const parsed = backendEventSchema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
      });
    },
  };
}
