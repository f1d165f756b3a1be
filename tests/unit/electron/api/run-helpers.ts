/** Helpers for the API tests: calls through dispatch, the error a call fails with, run events. */
import type { Method, Result } from '../../../../shared/protocol/api';
import type { BackendEvent } from '../../../../shared/protocol/events';
import { ApiError, type Backend, dispatch } from '../../../../electron/api/handlers';
import { rejection } from '../../../helpers/rejection';

/** Records a backend's run events and waits for the one a test needs. */
export class EventLog {
  readonly events: BackendEvent[] = [];
  private waiters: { test: (e: BackendEvent) => boolean; resolve: (e: BackendEvent) => void }[] = [];

  constructor(backend: Pick<Backend, 'events'>) {
    backend.events.subscribe((e) => {
      this.events.push(e);
      this.waiters = this.waiters.filter((w) => !(w.test(e) && (w.resolve(e), true)));
    });
  }

  /** The next event (from now on) that passes `test`. */
  next(test: (e: BackendEvent) => boolean, timeoutMs = 60_000): Promise<BackendEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a run event')), timeoutMs);
      this.waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  /** The next summary of `runId` with one of the statuses. */
  async status(runId: string, ...statuses: string[]): Promise<Extract<BackendEvent, { type: 'run.updated' }>['run']> {
    const e = await this.next((e) => e.type === 'run.updated' && e.run.id === runId && statuses.includes(e.run.status));
    return (e as Extract<BackendEvent, { type: 'run.updated' }>).run;
  }
}

/** A typed call through dispatch, as both transports make it. */
export function caller(backend: Pick<Backend, 'handlers'>) {
  return <M extends Method>(method: M, params: unknown = {}): Promise<Result<M>> => dispatch(backend.handlers, method, params) as Promise<Result<M>>;
}

/** The ApiError a call fails with (fails the test when the call succeeds or throws anything else). */
export const failure = (p: Promise<unknown>): Promise<ApiError> => rejection(p, ApiError);
