import { useStore } from 'zustand';
import { createRunsStore, type RunsState } from './runs-store';

/** The window's run history (one per window). Tests create their own with createRunsStore. */
export const runsStore = createRunsStore();

/** Reads the runs state in a component; select narrow values (or use `useShallow`). */
export function useRuns<T>(selector: (state: RunsState) => T): T {
  return useStore(runsStore, selector);
}
