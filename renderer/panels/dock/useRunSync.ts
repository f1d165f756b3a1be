import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiClient } from '../../../shared/protocol/api';
import { isRunEvent } from '../../../shared/protocol/events';
import { chartedRunIds } from '../../store/runs-store';
import { runsStore, useRuns } from '../../store/use-runs';
import { runNotice, type RunNotice } from './run-notices';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Keeps the window's run history in step with the back end: lists it at start, applies every
 * pushed event (announcing runs that finish, stop or fail), and loads the records of the runs on
 * the charts that this window has not seen stream in.
 */
export function useRunSync(api: ApiClient, notify: (notice: RunNotice) => void): void {
  const notifyRef = useRef(notify);
  notifyRef.current = notify;

  useEffect(() => {
    let alive = true;
    const stop = api.onEvent((event) => {
      if (!isRunEvent(event)) return;
      const store = runsStore.getState();
      if (event.type === 'run.updated') {
        const entry = store.runs[event.run.id];
        const last = entry?.metrics.at(-1);
        const notice = runNotice(entry?.summary, event.run, last ? Object.keys(last.kl).length > 0 : true);
        if (notice) notifyRef.current(notice);
      }
      store.apply(event);
    });
    api.call('runs.list', {}).then(
      (list) => alive && runsStore.getState().setHistory(list),
      (e: unknown) => alive && notifyRef.current({ tone: 'alert', text: `Could not load the run history: ${message(e)}` }),
    );
    return () => {
      alive = false;
      stop();
    };
  }, [api]);

  const missing = useRuns(useShallow((s) => chartedRunIds(s).filter((id) => !s.runs[id]!.detailLoaded)));
  const loading = useRef(new Set<string>());
  useEffect(() => {
    for (const runId of missing) {
      if (loading.current.has(runId)) continue;
      loading.current.add(runId);
      api.call('runs.get', { runId }).then(
        (detail) => runsStore.getState().setDetail(detail),
        (e: unknown) => notifyRef.current({ tone: 'alert', text: `Could not load the run: ${message(e)}` }),
      ).finally(() => loading.current.delete(runId));
    }
  }, [api, missing]);
}
