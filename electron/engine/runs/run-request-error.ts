import type { Problem } from '../../../shared/graph/index';

/**
 * Why the run manager refused a request, as a stable code (the API maps it onto its own codes):
 * - `invalid-graph`: the graph text does not open or cannot be trained (`problems` lists why);
 * - `invalid-settings`: the run settings contradict each other;
 * - `not-found`: no run of that id;
 * - `run-state`: the run is not in a state that allows it (deleting a running run, resuming a finished one);
 * - `invalid-bundle`: an imported bundle is not one this app can read;
 * - `unavailable`: the manager is shutting down;
 * - `busy`: as many runs are training as the machine has cores.
 */
export type RunRequestErrorCode = 'invalid-graph' | 'invalid-settings' | 'not-found' | 'run-state' | 'invalid-bundle' | 'unavailable' | 'busy';

/** A refused run request; its message is meant for the user. */
export class RunRequestError extends Error {
  constructor(
    readonly code: RunRequestErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'RunRequestError';
  }
}
