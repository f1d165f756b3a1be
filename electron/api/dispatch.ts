import type { z } from 'zod';
import { API, isMethod } from '../../shared/protocol/api';
import { ApiError } from './errors';
import type { Handlers } from './handler-types';

/** The first few zod issues as "field: message", so an error names what was wrong. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((i) => {
    const field = i.path.map(String).join('.');
    return field ? `${field}: ${i.message}` : i.message;
  });
  return parts.join('; ') + (error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '');
}

/**
 * Runs one API call that arrived from the other side of a process boundary: checks the method
 * name, validates the params with the method's schema, runs the handler and validates its result
 * too (so a handler bug shows up here, not as a confusing failure in the renderer). Every failure
 * is an ApiError; any other error thrown by a handler is wrapped as `internal`.
 *
 * Absent params count as `{}`, so methods without params can be called without any.
 */
export async function dispatch(handlers: Handlers, method: string, params: unknown): Promise<unknown> {
  if (!isMethod(method)) throw new ApiError('unknown-method', `unknown method ${JSON.stringify(method)}`);
  const spec = API[method];
  const parsed = spec.params.safeParse(params === undefined ? {} : params);
  if (!parsed.success) throw new ApiError('invalid-params', `${method}: invalid params: ${describeIssues(parsed.error)}`);
  let result: unknown;
  try {
    // The params were parsed with this very method's schema, so the call is well typed.
    result = await (handlers[method] as (p: unknown) => Promise<unknown>)(parsed.data);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('internal', `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const checked = (spec.result as z.ZodType).safeParse(result);
  if (!checked.success) throw new ApiError('invalid-result', `${method}: the back end produced an invalid result: ${describeIssues(checked.error)}`);
  return checked.data;
}
