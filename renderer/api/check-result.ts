import type { z } from 'zod';
import { API, isMethod, type Method, type Result } from '../../shared/protocol/api';
import { ApiError } from './api-error';

/** The first few zod issues as "field: message", so the error says what was wrong. */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Validates a result on arrival with the method's schema: the renderer trusts nothing that
 * crossed a process boundary, whichever transport carried it.
 */
export function checkResult<M extends Method>(method: M, value: unknown): Result<M> {
  const checked = (API[method].result as z.ZodType).safeParse(value);
  if (!checked.success) throw new ApiError('invalid-result', `${method}: the back end sent an invalid result: ${describe(checked.error)}`);
  return checked.data as Result<M>;
}

/** Validates params before sending, so a bug in the renderer fails where it is, not in the back end. */
export function checkParams(method: string, params: unknown): ApiError | null {
  if (!isMethod(method)) return new ApiError('unknown-method', `unknown API method '${method}'`);
  const checked = (API[method].params as z.ZodType).safeParse(params);
  return checked.success ? null : new ApiError('invalid-params', `${method}: invalid params: ${describe(checked.error)}`);
}
