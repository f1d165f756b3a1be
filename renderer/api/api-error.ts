/**
 * Why an API call failed. `code` is stable (the back end's codes, e.g. 'not-found',
 * 'invalid-params', plus the client's own: 'timeout', 'disconnected', 'invalid-result',
 * 'invalid-response', 'refused'); `message` is the back end's sentence, fit to show to the user.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
