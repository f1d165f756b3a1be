/**
 * Why an API call failed, as a stable code the renderer can key on (the message is for people).
 * - `unknown-method`, `invalid-params`: the caller sent something the API does not accept.
 * - `invalid-result`: a handler broke its own contract (a bug on this side).
 * - `path-refused`: a path escapes the project folder or is otherwise not allowed.
 * - `not-found`, `io`: the file system said no.
 * - `file-error`: the file is not a graph file that can be opened (a GraphFileError).
 * - `unavailable`: the method needs something this mode does not have (a dialog in web mode), or
 *   the back end is shutting down.
 * - `invalid-graph`: a run was refused because its graph cannot be trained (the message lists why).
 * - `run-state`: the run is not in a state that allows the call (deleting a running run, resuming
 *   a finished one).
 * - `invalid-bundle`: an imported file is not a project bundle this version can read.
 * - `internal`: anything else.
 */
export type ApiErrorCode =
  | 'unknown-method'
  | 'invalid-params'
  | 'invalid-result'
  | 'path-refused'
  | 'not-found'
  | 'io'
  | 'file-error'
  | 'unavailable'
  | 'invalid-graph'
  | 'run-state'
  | 'invalid-bundle'
  | 'internal';

/** An error meant to reach the renderer: its message is safe and useful to show. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns a file-system error into an ApiError that names the file the way the user gave it. */
export function fsError(e: unknown, shownPath: string, verb: string): ApiError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new ApiError('not-found', `cannot ${verb} ${shownPath}: no such file`);
  if (code === 'EISDIR') return new ApiError('io', `cannot ${verb} ${shownPath}: it is a folder`);
  if (code === 'EACCES' || code === 'EPERM') return new ApiError('io', `cannot ${verb} ${shownPath}: permission denied`);
  if (code === 'ENOTDIR') return new ApiError('not-found', `cannot ${verb} ${shownPath}: a part of the path is not a folder`);
  return new ApiError('io', `cannot ${verb} ${shownPath}: ${(e as Error).message ?? String(e)}`);
}
