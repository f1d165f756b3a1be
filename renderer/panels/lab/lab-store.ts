import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { LabEvent, LabFailure, LabReportData } from '../../../shared/protocol/lab';

/** Where a lab stands in this window. */
export type LabStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** The weights studied: the graph's initial ones, or a run's checkpoint. */
export type LabSource = { readonly kind: 'initial' } | { readonly kind: 'run'; readonly runId: string };

/** What the user set in the Lab tab (kept while the tab is closed). */
export interface LabSettings {
  readonly source: LabSource;
  /** R, estimates per estimator. */
  readonly samples: number;
  /** Draws per example behind a large-sample reference. */
  readonly referenceDraws: number;
}

export const DEFAULT_LAB_SETTINGS: LabSettings = { source: { kind: 'initial' }, samples: 50, referenceDraws: 1024 };

export interface LabState {
  /** The user opened the lab: the dock stays up for it even before any run. */
  readonly opened: boolean;
  /** Bumped each time the user asks to see the lab, so the dock turns to its tab. */
  readonly showRequests: number;
  readonly settings: LabSettings;
  readonly status: LabStatus;
  /** The lab this window started and is following. */
  readonly labId: string | null;
  /** What it studies, as said when it started ("the initial weights of factors.json"). */
  readonly subject: string | null;
  readonly backend: string | null;
  readonly progress: { readonly label: string; readonly done: number; readonly total: number } | null;
  readonly startedAt: number | null;
  /** The last report (kept while a new lab runs, until its own arrives). */
  readonly report: LabReportData | null;
  readonly failure: LabFailure | null;
  /** Events that arrived while the start call had not yet answered with its lab's id. */
  readonly early: readonly LabEvent[];

  show(): void;
  setSettings(patch: Partial<LabSettings>): void;
  /** A lab was asked for; `labId` is set once the back end answers. */
  starting(subject: string, now: number): void;
  started(labId: string): void;
  /** The back end refused to start it. */
  refused(failure: LabFailure): void;
  /** Applies a pushed lab event (those of other labs are ignored). */
  apply(event: LabEvent): void;
}

/** The window's lab state; tests create their own. */
export function createLabStore() {
  return createStore<LabState>()((set, get) => ({
    opened: false,
    showRequests: 0,
    settings: DEFAULT_LAB_SETTINGS,
    status: 'idle',
    labId: null,
    subject: null,
    backend: null,
    progress: null,
    startedAt: null,
    report: null,
    failure: null,
    early: [],

    show: () => set((s) => ({ opened: true, showRequests: s.showRequests + 1 })),
    setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
    starting: (subject, now) => set({ status: 'starting', labId: null, subject, backend: null, progress: null, startedAt: now, failure: null, early: [] }),
    started: (labId) => {
      const { status, early } = get();
      if (status !== 'starting') return;
      set({ labId, status: 'running', early: [] });
      for (const event of early) get().apply(event);
    },
    refused: (failure) => set({ status: 'failed', labId: null, failure, progress: null, early: [] }),
    apply: (event) => {
      const { status, labId } = get();
      // The start call's answer may come after the lab's first events (they travel apart over IPC).
      if (status === 'starting' && labId === null) return set((s) => ({ early: [...s.early, event] }));
      if (event.labId !== labId) return;
      switch (event.type) {
        case 'lab.started':
          return set({ backend: event.backend });
        case 'lab.progress':
          return set({ progress: { label: event.label, done: event.done, total: event.total } });
        case 'lab.done':
          return set({ status: 'done', report: event.report, progress: null });
        case 'lab.failed':
          return set({ status: 'failed', failure: { message: `the lab failed: ${event.message}`, ...(event.problems && { problems: event.problems }) }, progress: null });
        case 'lab.cancelled':
          return set({ status: 'cancelled', progress: null });
      }
    },
  }));
}

/** The window's lab (one per window). */
export const labStore = createLabStore();

/** Reads the lab state in a component; select narrow values. */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}

/** A lab is in progress (the Run button turns into Cancel). */
export function isLabBusy(status: LabStatus): boolean {
  return status === 'starting' || status === 'running';
}
