import { createStore, type StoreApi } from 'zustand/vanilla';
import { isLiveStatus, type EvalRecord, type Inspection, type MetricRecord, type RunDetail, type RunEvent, type RunSummary } from '../../shared/protocol/runs';

/** One run as the renderer holds it: its summary and, once loaded or streamed, its records. */
export interface RunEntry {
  readonly summary: RunSummary;
  readonly metrics: readonly MetricRecord[];
  readonly evals: readonly EvalRecord[];
  readonly inspection?: Inspection;
  /** The graph file text the run trained; known once its detail is loaded. */
  readonly graphText?: string;
  /** Whether `runs.get` has filled in the records from before this window saw the run. */
  readonly detailLoaded: boolean;
}

/**
 * The run history of this window: every run the back end knows, in order of creation, which run
 * the training dock shows (the active one), and which others are overlaid on its charts. Kept
 * apart from the editor store: runs are not part of the document and never undone.
 */
export interface RunsState {
  readonly runs: Readonly<Record<string, RunEntry>>;
  /** Run ids, oldest first. */
  readonly order: readonly string[];
  readonly activeRunId: string | null;
  /** Runs overlaid on the active run's charts, in the order they were ticked. */
  readonly compared: readonly string[];
  /** Replaces the history with the back end's list (keeping records already loaded). */
  setHistory(list: readonly RunSummary[]): void;
  /** Fills in a run's records from `runs.get`, keeping any streamed since. */
  setDetail(detail: RunDetail): void;
  /** Applies one pushed event. */
  apply(event: RunEvent): void;
  setActive(id: string | null): void;
  /** Adds or removes a run from the overlay. */
  toggleCompared(id: string): void;
}

/**
 * Appends `incoming` records to `existing`. A run resumed from an earlier checkpoint repeats the
 * steps after it: records at or beyond the first incoming step are replaced, never duplicated.
 */
export function mergeByStep<T extends { readonly step: number }>(existing: readonly T[], incoming: readonly T[]): readonly T[] {
  if (incoming.length === 0) return existing;
  const first = incoming[0]!.step;
  const last = existing.length ? existing[existing.length - 1]!.step : -1;
  if (first > last) return existing.concat(incoming);
  let cut = existing.length;
  while (cut > 0 && existing[cut - 1]!.step >= first) cut--;
  return existing.slice(0, cut).concat(incoming);
}

function emptyEntry(summary: RunSummary): RunEntry {
  return { summary, metrics: [], evals: [], detailLoaded: false };
}

/** Orders ids by creation time, then id (ids are time-sortable). */
function sortIds(runs: Readonly<Record<string, RunEntry>>): string[] {
  return Object.keys(runs).sort((a, b) => runs[a]!.summary.createdAt - runs[b]!.summary.createdAt || (a < b ? -1 : a > b ? 1 : 0));
}

/** Creates a runs store (the app has one; tests make their own). */
export function createRunsStore(): StoreApi<RunsState> {
  return createStore<RunsState>()((set) => ({
    runs: {},
    order: [],
    activeRunId: null,
    compared: [],

    setHistory(list) {
      set((s) => {
        const runs: Record<string, RunEntry> = {};
        for (const summary of list) runs[summary.id] = { ...(s.runs[summary.id] ?? emptyEntry(summary)), summary };
        const order = sortIds(runs);
        const activeRunId = s.activeRunId && runs[s.activeRunId] ? s.activeRunId : (order[order.length - 1] ?? null);
        return { runs, order, activeRunId, compared: s.compared.filter((id) => runs[id]) };
      });
    },

    setDetail(detail) {
      set((s) => {
        const prev = s.runs[detail.summary.id];
        // Records streamed after the back end answered are newer than the detail: keep them.
        const metrics = prev ? mergeByStep(detail.metrics, prev.metrics.filter((m) => m.step > (detail.metrics.at(-1)?.step ?? -1))) : detail.metrics;
        const evals = prev ? mergeByStep(detail.evals, prev.evals.filter((e) => e.step > (detail.evals.at(-1)?.step ?? -1))) : detail.evals;
        const inspection = prev?.inspection && prev.inspection.step > (detail.inspection?.step ?? -1) ? prev.inspection : detail.inspection;
        const summary = prev && prev.summary.step > detail.summary.step ? prev.summary : detail.summary;
        const entry: RunEntry = { summary, metrics, evals, graphText: detail.graphText, detailLoaded: true, ...(inspection ? { inspection } : {}) };
        const runs = { ...s.runs, [summary.id]: entry };
        return { runs, order: prev ? s.order : sortIds(runs) };
      });
    },

    apply(event) {
      set((s) => {
        switch (event.type) {
          case 'run.updated': {
            const prev = s.runs[event.run.id];
            const runs = { ...s.runs, [event.run.id]: prev ? { ...prev, summary: event.run } : emptyEntry(event.run) };
            if (prev) return { runs };
            // A new run: it has no earlier records to load, and the dock follows it, with the run it
            // showed before overlaid when the two are comparable (the comparison people want first:
            // this run against the last one of the same graph or data set).
            runs[event.run.id] = { ...runs[event.run.id]!, detailLoaded: event.run.status === 'starting' };
            const before = s.activeRunId ? s.runs[s.activeRunId]?.summary : undefined;
            return { runs, order: sortIds(runs), activeRunId: event.run.id, compared: before && comparable(before, event.run) ? [before.id] : [] };
          }
          case 'run.metrics': {
            const prev = s.runs[event.runId];
            if (!prev) return {};
            return { runs: { ...s.runs, [event.runId]: { ...prev, metrics: mergeByStep(prev.metrics, event.metrics) } } };
          }
          case 'run.eval': {
            const prev = s.runs[event.runId];
            if (!prev) return {};
            return { runs: { ...s.runs, [event.runId]: { ...prev, evals: mergeByStep(prev.evals, [event.eval]) } } };
          }
          case 'run.inspection': {
            const prev = s.runs[event.runId];
            if (!prev) return {};
            return { runs: { ...s.runs, [event.runId]: { ...prev, inspection: event.inspection } } };
          }
          case 'run.deleted': {
            if (!s.runs[event.runId]) return {};
            const runs = { ...s.runs };
            delete runs[event.runId];
            const order = s.order.filter((id) => id !== event.runId);
            const activeRunId = s.activeRunId === event.runId ? (order[order.length - 1] ?? null) : s.activeRunId;
            return { runs, order, activeRunId, compared: s.compared.filter((id) => id !== event.runId) };
          }
        }
      });
    },

    setActive(id) {
      set((s) => (id === null || s.runs[id] ? { activeRunId: id, compared: s.compared.filter((c) => c !== id) } : {}));
    },

    toggleCompared(id) {
      set((s) => {
        if (!s.runs[id]) return {};
        return { compared: s.compared.includes(id) ? s.compared.filter((c) => c !== id) : [...s.compared, id] };
      });
    },
  }));
}

/** Names a graph without a file has: runs of two such graphs are not the same graph for that. */
const NO_NAME = new Set(['Untitled', 'Unknown']);

/**
 * Whether two runs are worth overlaying by default: the same graph file, or the same data set
 * (the same data node and settings: `dataIdentity` in shared/graph). A classifier's curves on a VAE's
 * would only squash both.
 */
export function comparable(a: RunSummary, b: RunSummary): boolean {
  if (a.data !== undefined && a.data === b.data) return true;
  return a.graphName === b.graphName && !NO_NAME.has(a.graphName);
}

/** The runs shown on the charts: the active run first, then the overlaid ones. */
export function chartedRunIds(state: Pick<RunsState, 'activeRunId' | 'compared' | 'runs'>): string[] {
  const ids = state.activeRunId ? [state.activeRunId] : [];
  for (const id of state.compared) if (id !== state.activeRunId && state.runs[id]) ids.push(id);
  return ids;
}

/** Whether a run is alive in a worker (its controls are pause/resume/stop rather than resume-from-checkpoint). */
export function isLive(summary: RunSummary): boolean {
  return isLiveStatus(summary.status);
}
