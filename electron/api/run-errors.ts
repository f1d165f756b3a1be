import { BundleError } from '../engine/export/bundle-read';
import { ExportError } from '../engine/export/bundle';
import { RunRequestError, type RunRequestErrorCode } from '../engine/runs/run-request-error';
import { ApiError, type ApiErrorCode } from './errors';

const CODES: Record<RunRequestErrorCode, ApiErrorCode> = {
  'invalid-graph': 'invalid-graph',
  'invalid-settings': 'invalid-params',
  'not-found': 'not-found',
  'run-state': 'run-state',
  'invalid-bundle': 'invalid-bundle',
  unavailable: 'unavailable',
  busy: 'unavailable',
};

/**
 * Runs a run-method body, turning the engine's refusals into ApiErrors that keep their messages
 * (they say what is wrong and where). Anything else is left for dispatch to report as internal.
 */
export async function asApiErrors<T>(body: () => Promise<T>, context = ''): Promise<T> {
  try {
    return await body();
  } catch (e) {
    const prefix = context ? `${context}: ` : '';
    if (e instanceof RunRequestError) throw new ApiError(CODES[e.code], `${prefix}${e.message}`);
    if (e instanceof ExportError) throw new ApiError(e.code === 'not-found' ? 'not-found' : 'invalid-params', `${prefix}${e.message}`);
    if (e instanceof BundleError) throw new ApiError('invalid-bundle', `${prefix}${e.message}`);
    throw e;
  }
}
